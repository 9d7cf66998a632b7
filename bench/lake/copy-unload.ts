// bench/lake/copy-unload.ts
//! COPY and UNLOAD against DuckDB doing the same work itself, on TPC-H lineitem from the local lake:
//!   COPY lineitem FROM 's3://bench/lineitem.tbl'   vs  INSERT INTO lineitem SELECT * FROM read_csv(...)
//!   UNLOAD ('select * from lineitem') ... PARQUET   vs  COPY lineitem TO '...' (FORMAT parquet)
//! Usage: node dist/bench/lake/copy-unload.js [--sf 1] [--data-dir bench/data/tpch-sf1] [--reps 3]
//! The .tbl file is made by `lakeshift gen tpch` (bench/data, not committed); its trailing '|' is
//! stripped into the lake first (not timed). Prints a Markdown table.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MemoryCatalog, type MemoryColumnSpec } from "../../src/catalog/memory.js";
import { Engine } from "../../src/engine/index.js";
import { Lake } from "../../src/lake/access.js";
import { runCopy } from "../../src/lake/copy/run.js";
import { runUnload } from "../../src/lake/unload/run.js";
import { bindCopy, bindUnload } from "../../src/plan/bind/copy.js";
import { BindState } from "../../src/plan/bind/context.js";
import { TPCH_SCHEMA } from "../../src/gen/tpch/schema.js";
import { RoleStore, requireS3 } from "../../src/security/policy/index.js";
import { tokenize } from "../../src/sql/lexer/lexer.js";
import { parseCopy } from "../../src/sql/parser/copy.js";
import { parseUnload } from "../../src/sql/parser/unload.js";
import { Cursor } from "../../src/sql/parser/cursor.js";
import type { SqlType } from "../../src/sql/types.js";
import { copyConverter } from "../../src/translate/duckdb/copy.js";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

function sqlType(t: string): SqlType {
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(t.replaceAll(" ", ""));
  const [, name = "", a, b] = m ?? [];
  switch (name.toUpperCase()) {
    case "INTEGER":
      return { id: "integer" };
    case "BIGINT":
      return { id: "bigint" };
    case "DECIMAL":
      return { id: "decimal", precision: Number(a), scale: Number(b ?? 0) };
    case "CHAR":
      return { id: "char", length: Number(a) };
    case "VARCHAR":
      return { id: "varchar", length: Number(a) };
    case "DATE":
      return { id: "date" };
    default:
      throw new Error(`type ${t}`);
  }
}

/** With LAKE_TRACE set, prints each statement's time. */
function traced<C extends { run(sql: string): Promise<number>; all(sql: string): Promise<unknown> }>(c: C): C {
  const wrap =
    <F extends (sql: string) => Promise<unknown>>(f: F) =>
    async (sql: string) => {
      const t0 = performance.now();
      try {
        return await f(sql);
      } finally {
        process.stderr.write(
          `${((performance.now() - t0) / 1000).toFixed(3)}s ${process.env.LAKE_TRACE === "full" ? sql : sql.slice(0, 110)}\n`,
        );
      }
    };
  return Object.assign(Object.create(c), { run: wrap(c.run.bind(c)), all: wrap(c.all.bind(c)) }) as C;
}

async function main(): Promise<void> {
  const sf = arg("sf", "1");
  const dataDir = resolve(arg("data-dir", `bench/data/tpch-sf${sf}`));
  const reps = Number(arg("reps", "3"));
  const tbl = join(dataDir, "lineitem.tbl");
  if (!existsSync(tbl)) throw new Error(`${tbl} is missing: run lakeshift gen tpch --sf ${sf} --out ${dataDir}`);
  const work = mkdtempSync(join(tmpdir(), "ls-bench-lake-"));
  const lakeDir = join(work, "lake");
  mkdirSync(join(lakeDir, "bench"), { recursive: true });
  const staged = join(lakeDir, "bench", "lineitem.tbl");
  execFileSync("sh", ["-c", `sed 's/|$//' '${tbl}' > '${staged}'`]);
  const def = TPCH_SCHEMA.find((t) => t.name === "lineitem");
  if (!def) throw new Error("no lineitem in the schema");
  const engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  const conn = await engine.connect("dev");
  await conn.run(`CREATE SCHEMA "dev"."public"`);
  const ddl = def.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  await conn.run(`CREATE TABLE "dev"."public"."lineitem" (${ddl})`);
  await conn.run(`CREATE TABLE "dev"."public"."lineitem_duck" (${ddl})`);
  const catalog = new MemoryCatalog();
  catalog.addTable({
    name: "lineitem",
    columns: def.columns.map((c): MemoryColumnSpec => ({ name: c.name, type: sqlType(c.type) })),
  });
  const roles = new RoleStore();
  const lake = new Lake({
    lakeDir,
    roles: { resolve: (s) => roles.resolve(s) },
    authorize: (role, action, bucket, key) => requireS3(roles.resolve(role.arn), action, bucket, key),
  });
  const state = () => {
    const now = new Date();
    return new BindState(catalog, {
      user: "admin",
      database: "dev",
      statementTime: now,
      transactionTime: now,
      sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
    });
  };
  const copySql = "copy lineitem from 's3://bench/lineitem.tbl' iam_role default";
  const bound = bindCopy(parseCopy(new Cursor(copySql, tokenize(copySql))), state());
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    await f();
    return (performance.now() - t0) / 1000;
  };
  const best = (xs: number[]) => Math.min(...xs);
  const copyT: number[] = [];
  const duckT: number[] = [];
  let rows = 0;
  for (let i = 0; i < reps; i++) {
    await conn.run(`DELETE FROM "dev"."public"."lineitem"; DELETE FROM "dev"."public"."lineitem_duck"`);
    copyT.push(
      await time(async () => {
        rows = (
          await runCopy(process.env.LAKE_TRACE ? traced(conn) : conn, bound, {
            lake,
            converter: copyConverter,
            identity: { userId: 1, sessionId: 1, queryId: i, database: "dev" },
          })
        ).rows;
      }),
    );
    const cols = `{${def.columns.map((c) => `'${c.name}': '${c.type}'`).join(", ")}}`;
    duckT.push(
      await time(() =>
        conn.run(
          `INSERT INTO "dev"."public"."lineitem_duck" SELECT * FROM read_csv('${staged}', delim='|', header=false, columns=${cols})`,
        ),
      ),
    );
  }
  const unloadSql =
    "unload ('select * from lineitem') to 's3://bench/out/li_' iam_role default format parquet allowoverwrite";
  const unloadBound = bindUnload(parseUnload(new Cursor(unloadSql, tokenize(unloadSql))), state());
  const unloadT: number[] = [];
  const duckOutT: number[] = [];
  for (let i = 0; i < reps; i++) {
    unloadT.push(await time(() => runUnload(conn, unloadBound, { lake, converter: copyConverter })));
    const out = join(work, `duck_${i}.parquet`);
    duckOutT.push(
      await time(() => conn.run(`COPY "dev"."public"."lineitem" TO '${out}' (FORMAT parquet, COMPRESSION snappy)`)),
    );
  }
  const rate = (s: number) => `${Math.round(rows / s).toLocaleString("en-US")} rows/s`;
  const lines = [
    `TPC-H SF${sf} lineitem, ${rows.toLocaleString("en-US")} rows, best of ${reps}, local lake`,
    "",
    "| operation | Lakeshift | DuckDB alone | ratio (DuckDB time / Lakeshift time) |",
    "|---|---|---|---|",
    `| COPY (pipe text) vs read_csv into a table | ${best(copyT).toFixed(2)} s (${rate(best(copyT))}) | ${best(duckT).toFixed(2)} s (${rate(best(duckT))}) | ${(best(duckT) / best(copyT)).toFixed(2)}x |`,
    `| UNLOAD PARQUET vs COPY TO parquet | ${best(unloadT).toFixed(2)} s | ${best(duckOutT).toFixed(2)} s | ${(best(duckOutT) / best(unloadT)).toFixed(2)}x |`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  lake.close();
  conn.close();
  await engine.close();
  rmSync(work, { recursive: true, force: true });
}

await main();
