// tests/cli/gen.test.ts
//! `lakeshift gen tpch --parquet`: the .tbl files and their Parquet copies hold the same rows,
//! typed by the TPC-H schema.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

test("gen tpch --parquet writes typed Parquet beside the .tbl files", async () => {
  const out = mkdtempSync(join(tmpdir(), "lakeshift-gen-"));
  try {
    const r = spawnSync(process.execPath, [CLI, "gen", "tpch", "--sf", "0.01", "--out", out, "--parquet"], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const rows = await c.runAndReadAll(
      `SELECT (SELECT count(*) FROM '${out}/lineitem.parquet'), (SELECT count(*) FROM read_csv('${out}/lineitem.tbl', delim='|', header=false, quote='')),
              (SELECT typeof(l_shipdate) FROM '${out}/lineitem.parquet' LIMIT 1), (SELECT typeof(l_extendedprice) FROM '${out}/lineitem.parquet' LIMIT 1),
              (SELECT count(*) FROM '${out}/nation.parquet')`,
    );
    const [parquetRows, tblRows, dateType, moneyType, nations] = rows.getRows()[0] as unknown[];
    assert.ok(Number(parquetRows) > 50_000);
    assert.equal(Number(parquetRows), Number(tblRows));
    assert.equal(dateType, "DATE");
    assert.equal(moneyType, "DECIMAL(15,2)");
    assert.equal(Number(nations), 25);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
