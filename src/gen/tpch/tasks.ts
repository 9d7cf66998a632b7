// src/gen/tpch/tasks.ts
//! A unit of generation work: a row range of one table (orders carry their line items).
//! Shared by the main thread and the workers.

import { gzipSync } from "node:zlib";
import {
  customerRows,
  ordersRows,
  partRows,
  partsuppRows,
  type Scale,
  scaleOf,
  supplierRows,
  type TableName,
} from "./tables.js";
import type { TextPools } from "./text.js";

export type TaskKind = "supplier" | "customer" | "part" | "partsupp" | "orders";

export interface Task {
  readonly id: number;
  readonly kind: TaskKind;
  readonly from: number;
  readonly to: number;
  /** Which outputs of the task are kept (orders tasks produce orders and lineitem). */
  readonly tables: readonly TableName[];
}

export interface TaskChunk {
  readonly table: TableName;
  readonly rows: number;
  readonly data: Uint8Array;
}

export interface TaskResult {
  readonly id: number;
  readonly chunks: readonly TaskChunk[];
}

export interface GenContext {
  readonly seed: number;
  readonly sf: number;
  readonly gzip: boolean;
}

/** Rows per task, chosen so one task yields roughly 5-10 MB of text. */
const CHUNK: Record<TaskKind, number> = {
  supplier: 40000,
  customer: 40000,
  part: 40000,
  partsupp: 15000,
  orders: 15000,
};

export function planTasks(sf: number, tables: readonly TableName[]): Task[] {
  const s = scaleOf(sf);
  const total: Record<TaskKind, number> = {
    supplier: s.supplier,
    customer: s.customer,
    part: s.part,
    partsupp: s.part,
    orders: s.orders,
  };
  const out: Task[] = [];
  const add = (kind: TaskKind, keep: TableName[]) => {
    for (let from = 0; from < total[kind]; from += CHUNK[kind]) {
      out.push({ id: out.length, kind, from, to: Math.min(total[kind], from + CHUNK[kind]), tables: keep });
    }
  };
  for (const k of ["supplier", "customer", "part", "partsupp"] as const) if (tables.includes(k)) add(k, [k]);
  const ol = tables.filter((t): t is TableName => t === "orders" || t === "lineitem");
  if (ol.length > 0) add("orders", ol);
  return out;
}

/**
 * Rows are turned into bytes every SUB rows: long-lived string ropes would survive the young
 * generation and make garbage collection dominate (3x slower for 15,000-order ranges).
 */
const SUB = 500;

function encode(ctx: GenContext, parts: readonly Buffer[]): Uint8Array {
  const buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  const out: Uint8Array = ctx.gzip ? gzipSync(buf, { level: 1 }) : buf;
  // Small Buffers share a pooled ArrayBuffer, which must not be transferred to another thread.
  return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
}

/** Generates [from, to) in slices of SUB rows, as bytes. */
function sliced(from: number, to: number, gen: (a: number, b: number) => string): Buffer[] {
  const parts: Buffer[] = [];
  for (let a = from; a < to; a += SUB) parts.push(Buffer.from(gen(a, Math.min(to, a + SUB)), "latin1"));
  return parts;
}

export function runTask(ctx: GenContext, pools: TextPools, scale: Scale, t: Task): TaskResult {
  const n = t.to - t.from;
  const one = (table: TableName, gen: (a: number, b: number) => string, rows: number): TaskResult => ({
    id: t.id,
    chunks: [{ table, rows, data: encode(ctx, sliced(t.from, t.to, gen)) }],
  });
  const { seed } = ctx;
  switch (t.kind) {
    case "supplier":
      return one("supplier", (a, b) => supplierRows(seed, pools, a, b), n);
    case "customer":
      return one("customer", (a, b) => customerRows(seed, pools, a, b), n);
    case "part":
      return one("part", (a, b) => partRows(seed, pools, a, b), n);
    case "partsupp":
      return one("partsupp", (a, b) => partsuppRows(seed, pools, scale, a, b), n * 4);
    case "orders": {
      const orders: Buffer[] = [];
      const lineitem: Buffer[] = [];
      let lines = 0;
      for (let a = t.from; a < t.to; a += SUB) {
        const c = ordersRows(seed, pools, scale, a, Math.min(t.to, a + SUB));
        orders.push(Buffer.from(c.orders, "latin1"));
        lineitem.push(Buffer.from(c.lineitem, "latin1"));
        lines += c.lines;
      }
      const chunks: TaskChunk[] = [];
      if (t.tables.includes("orders")) chunks.push({ table: "orders", rows: n, data: encode(ctx, orders) });
      if (t.tables.includes("lineitem")) chunks.push({ table: "lineitem", rows: lines, data: encode(ctx, lineitem) });
      return { id: t.id, chunks };
    }
  }
}
