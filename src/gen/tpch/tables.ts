// src/gen/tpch/tables.ts
//! Row generators for the eight TPC-H tables (clause 4.2.3), each over a range of rows so
//! that ranges can be generated in parallel. A range yields the .tbl text (dbgen style:
//! '|' after every column, '\n' after every row).

import {
  COLORS,
  CONTAINER_S1,
  CONTAINER_S2,
  INSTRUCTIONS,
  MODES,
  NATIONS,
  PRIORITIES,
  REGIONS,
  SEGMENTS,
  TYPE_S1,
  TYPE_S2,
  TYPE_S3,
} from "./dists.js";
import { Rng } from "./rng.js";
import { comment, money, pad, phone, type TextPools, vstring } from "./text.js";

export const TABLE_NAMES = [
  "region",
  "nation",
  "supplier",
  "customer",
  "part",
  "partsupp",
  "orders",
  "lineitem",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Row counts of the base tables at a scale factor (lineitem is 1-7 per order, ~4x orders). */
export interface Scale {
  readonly supplier: number;
  readonly customer: number;
  readonly part: number;
  readonly orders: number;
  readonly clerks: number;
}

export function scaleOf(sf: number): Scale {
  const n = (base: number) => Math.max(1, Math.round(base * sf));
  return { supplier: n(10000), customer: n(150000), part: n(200000), orders: n(1500000), clerks: n(1000) };
}

const DAY = 86400000;
const EPOCH = Date.UTC(1992, 0, 1);
/** Day numbers counted from 1992-01-01 (STARTDATE). */
const CURRENT_DAY = (Date.UTC(1995, 5, 17) - EPOCH) / DAY;
const LAST_ORDER_DAY = (Date.UTC(1998, 11, 31) - EPOCH) / DAY - 151;
const DATES: readonly string[] = Array.from({ length: LAST_ORDER_DAY + 160 }, (_, d) =>
  new Date(EPOCH + d * DAY).toISOString().slice(0, 10),
);
const SMALL_DECIMALS: readonly string[] = Array.from({ length: 11 }, (_, i) => `0.${pad(i, 2)}`);

/** Stream numbers keep every table's random sequence independent of the others. */
const STREAM = { region: 1, nation: 2, supplier: 3, customer: 4, part: 5, partsupp: 6, orders: 7 } as const;

export function retailPriceCents(partKey: number): number {
  return 90000 + (Math.floor(partKey / 10) % 20001) + 100 * (partKey % 1000);
}

/** The i-th (0..3) supplier of a part (clause 4.2.3, PS_SUPPKEY). */
export function partSupplier(partKey: number, i: number, suppliers: number): number {
  return ((partKey + i * (Math.floor(suppliers / 4) + Math.floor((partKey - 1) / suppliers))) % suppliers) + 1;
}

/** Orders keys are sparse: the first 8 of every 32 (clause 4.2.3, O_ORDERKEY). */
export function orderKey(index: number): number {
  return Math.floor(index / 8) * 32 + (index % 8) + 1;
}

export function regionRows(seed: number, p: TextPools): string {
  const r = new Rng(seed, STREAM.region);
  let out = "";
  for (let k = 0; k < REGIONS.length; k++) {
    r.row(k);
    out += `${k}|${REGIONS[k]}|${comment(p, r, 31, 115)}|\n`;
  }
  return out;
}

export function nationRows(seed: number, p: TextPools): string {
  const r = new Rng(seed, STREAM.nation);
  let out = "";
  for (let k = 0; k < NATIONS.length; k++) {
    r.row(k);
    const [name, region] = NATIONS[k] as readonly [string, number];
    out += `${k}|${name}|${region}|${comment(p, r, 31, 114)}|\n`;
  }
  return out;
}

/** Suppliers [from, to) by zero-based index; SF*5 each carry "Customer ... Complaints" or "... Recommends". */
export function supplierRows(seed: number, p: TextPools, from: number, to: number): string {
  const r = new Rng(seed, STREAM.supplier);
  let out = "";
  for (let i = from; i < to; i++) {
    r.row(i);
    const key = i + 1;
    const nation = r.int(0, 24);
    const address = vstring(p, r, 10, 40);
    const ph = phone(r, nation);
    const bal = money(r.int(-99999, 999999));
    let text = comment(p, r, 25, 100);
    const special = r.int(0, 9999);
    if (special < 10) {
      // Clause 4.2.3: SF*5 suppliers' comments hold "Customer" ... "Complaints", SF*5 "... Recommends".
      const insert = ` Customer ${comment(p, r, 0, 12)} ${special < 5 ? "Complaints" : "Recommends"} `;
      const at = r.int(0, Math.max(0, Math.min(text.length, 100 - insert.length)));
      text = `${text.slice(0, at)}${insert}${text.slice(at)}`.slice(0, 100).trim();
    }
    out += `${key}|Supplier#${pad(key, 9)}|${address}|${nation}|${ph}|${bal}|${text}|\n`;
  }
  return out;
}

export function customerRows(seed: number, p: TextPools, from: number, to: number): string {
  const r = new Rng(seed, STREAM.customer);
  let out = "";
  for (let i = from; i < to; i++) {
    r.row(i);
    const key = i + 1;
    const address = vstring(p, r, 10, 40);
    const nation = r.int(0, 24);
    const ph = phone(r, nation);
    const bal = money(r.int(-99999, 999999));
    const seg = r.pick(SEGMENTS);
    out += `${key}|Customer#${pad(key, 9)}|${address}|${nation}|${ph}|${bal}|${seg}|${comment(p, r, 29, 116)}|\n`;
  }
  return out;
}

export function partRows(seed: number, p: TextPools, from: number, to: number): string {
  const r = new Rng(seed, STREAM.part);
  const picked = new Int32Array(5);
  let out = "";
  for (let i = from; i < to; i++) {
    r.row(i);
    const key = i + 1;
    let name = "";
    for (let w = 0; w < 5; w++) {
      let c = r.int(0, COLORS.length - 1);
      while (picked.subarray(0, w).includes(c)) c = r.int(0, COLORS.length - 1);
      picked[w] = c;
      name += w === 0 ? COLORS[c] : ` ${COLORS[c]}`;
    }
    const m = r.int(1, 5);
    const brand = `Brand#${m}${r.int(1, 5)}`;
    const type = `${r.pick(TYPE_S1)} ${r.pick(TYPE_S2)} ${r.pick(TYPE_S3)}`;
    const size = r.int(1, 50);
    const container = `${r.pick(CONTAINER_S1)} ${r.pick(CONTAINER_S2)}`;
    const price = money(retailPriceCents(key));
    out += `${key}|${name}|Manufacturer#${m}|${brand}|${type}|${size}|${container}|${price}|${comment(p, r, 5, 22)}|\n`;
  }
  return out;
}

/** Partsupp rows for parts [from, to) by zero-based part index: four per part. */
export function partsuppRows(seed: number, p: TextPools, s: Scale, from: number, to: number): string {
  const r = new Rng(seed, STREAM.partsupp);
  let out = "";
  for (let i = from; i < to; i++) {
    r.row(i);
    const key = i + 1;
    for (let j = 0; j < 4; j++) {
      const supp = partSupplier(key, j, s.supplier);
      out += `${key}|${supp}|${r.int(1, 9999)}|${money(r.int(100, 100000))}|${comment(p, r, 49, 198)}|\n`;
    }
  }
  return out;
}

export interface OrdersChunk {
  readonly orders: string;
  readonly lineitem: string;
  readonly lines: number;
}

/** Orders [from, to) by zero-based index, with their line items (the two are generated together). */
export function ordersRows(seed: number, p: TextPools, s: Scale, from: number, to: number): OrdersChunk {
  const r = new Rng(seed, STREAM.orders);
  const customersWithOrders = s.customer - Math.floor(s.customer / 3);
  let orders = "";
  let lineitem = "";
  let lines = 0;
  for (let i = from; i < to; i++) {
    r.row(i);
    const key = orderKey(i);
    // Customers whose key is a multiple of 3 place no orders: map 0,1,2,3.. to 1,2,4,5,..
    const c = r.int(0, customersWithOrders - 1);
    const cust = c + Math.floor(c / 2) + 1;
    const od = r.int(0, LAST_ORDER_DAY);
    const prio = r.pick(PRIORITIES);
    const clerk = `Clerk#${pad(r.int(1, s.clerks), 9)}`;
    const oc = comment(p, r, 19, 78);
    const n = r.int(1, 7);
    let total = 0;
    let fCount = 0;
    for (let ln = 1; ln <= n; ln++) {
      const part = r.int(1, s.part);
      const supp = partSupplier(part, r.int(0, 3), s.supplier);
      const qty = r.int(1, 50);
      const ext = qty * retailPriceCents(part);
      const disc = r.int(0, 10);
      const tax = r.int(0, 8);
      const ship = od + r.int(1, 121);
      const commit = od + r.int(30, 90);
      const receipt = ship + r.int(1, 30);
      const rf = receipt <= CURRENT_DAY ? (r.int(0, 1) === 0 ? "R" : "A") : "N";
      const ls = ship > CURRENT_DAY ? "O" : "F";
      if (ls === "F") fCount++;
      total += Math.round((ext * (100 - disc) * (100 + tax)) / 10000);
      lineitem += `${key}|${part}|${supp}|${ln}|${qty}|${money(ext)}|${SMALL_DECIMALS[disc]}|${SMALL_DECIMALS[tax]}|${rf}|${ls}|${DATES[ship]}|${DATES[commit]}|${DATES[receipt]}|${r.pick(INSTRUCTIONS)}|${r.pick(MODES)}|${comment(p, r, 10, 43)}|\n`;
    }
    lines += n;
    const status = fCount === n ? "F" : fCount === 0 ? "O" : "P";
    orders += `${key}|${cust}|${status}|${money(total)}|${DATES[od]}|${prio}|${clerk}|0|${oc}|\n`;
  }
  return { orders, lineitem, lines };
}
