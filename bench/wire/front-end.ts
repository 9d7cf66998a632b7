// bench/wire/front-end.ts
//! The per-statement cost of Lakeshift's front end for the 22 TPC-H queries: parse (Redshift SQL
//! to AST), bind (names against the catalog) and translate (DuckDB SQL), in process, no I/O.
//! The TPC-H tables are created in an in-memory catalog by binding their real DDL.

import { MemoryCatalog } from "../../src/catalog/memory.js";
import { TPCH_SCHEMA } from "../../src/gen/index.js";
import type { BindContext } from "../../src/plan/index.js";
import { bindStatement } from "../../src/plan/index.js";
import { parseStatement } from "../../src/sql/index.js";
import { translate } from "../../src/translate/index.js";
import { createTableSql } from "../tpch/ddl.js";
import type { TpchQuery } from "../tpch/queries.js";

export interface FrontEndTiming {
  readonly id: string;
  readonly parse_ms: number;
  readonly bind_ms: number;
  readonly translate_ms: number;
  readonly total_ms: number;
}

function context(): BindContext {
  const now = new Date();
  return {
    user: "admin",
    database: "dev",
    statementTime: now,
    transactionTime: now,
    sessionInfo: { version: "90000", backendPid: 1, currentSchema: "public", settings: () => undefined },
  };
}

/** A catalog holding the TPC-H tables, as binding their Redshift DDL defines them. */
export function tpchCatalog(): MemoryCatalog {
  const catalog = new MemoryCatalog();
  for (const t of TPCH_SCHEMA) {
    const bound = bindStatement(parseStatement(createTableSql(t, "redshift")), catalog, context());
    if (bound.kind !== "create-table") throw new Error(`unexpected ${bound.kind} for ${t.name}`);
    catalog.addTable({
      name: t.name,
      columns: bound.table.columns,
      distStyle: bound.table.distStyle,
      sortKind: bound.table.sortKind,
    });
  }
  return catalog;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median milliseconds of each front-end step per query over `reps` runs (after a warm-up). */
export function measureFrontEnd(queries: readonly TpchQuery[], reps = 200): FrontEndTiming[] {
  const catalog = tpchCatalog();
  const ctx = context();
  const out: FrontEndTiming[] = [];
  for (const q of queries) {
    for (let i = 0; i < 20; i++) translate(bindStatement(parseStatement(q.sql), catalog, ctx));
    const p: number[] = [];
    const b: number[] = [];
    const t: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const ast = parseStatement(q.sql);
      const t1 = performance.now();
      const bound = bindStatement(ast, catalog, ctx);
      const t2 = performance.now();
      translate(bound);
      const t3 = performance.now();
      p.push(t1 - t0);
      b.push(t2 - t1);
      t.push(t3 - t2);
      all.push(t3 - t0);
    }
    out.push({ id: q.id, parse_ms: median(p), bind_ms: median(b), translate_ms: median(t), total_ms: median(all) });
  }
  return out;
}
