// tests/unit/sql/show-catalog.test.ts
//! SHOW DATABASES / SCHEMAS / TABLES / COLUMNS / TABLE parse as SELECTs over the system views
//! that hold their rows (the printer shows the query they stand for); SHOW <setting> is unchanged.

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseStatement, print } from "../../../src/sql/index.js";

function sql(text: string): string {
  return print(parseStatement(text)).replace(/\s+/g, " ");
}

test("SHOW TABLES FROM SCHEMA db.schema [LIKE] [LIMIT] reads svv_all_tables", () => {
  const s = sql("SHOW TABLES FROM SCHEMA dev.public LIKE 'sa%' LIMIT 5");
  assert.match(
    s,
    /FROM pg_catalog\.svv_all_tables WHERE database_name = 'dev' AND schema_name = 'public' AND table_name LIKE 'sa%' ORDER BY table_name LIMIT 5/i,
  );
});

test("SHOW DATABASES, SHOW SCHEMAS FROM DATABASE, SHOW COLUMNS FROM TABLE", () => {
  assert.match(sql("show databases"), /FROM pg_catalog\.svv_redshift_databases/i);
  assert.match(sql("show schemas from database dev"), /FROM pg_catalog\.svv_all_schemas WHERE database_name = 'dev'/i);
  assert.match(
    sql("show columns from table dev.public.t like 'a%'"),
    /FROM pg_catalog\.svv_all_columns WHERE database_name = 'dev' AND schema_name = 'public' AND table_name = 't' AND column_name LIKE 'a%' ORDER BY ordinal_position/i,
  );
});

test("SHOW TABLE [schema.]name calls ls_show_table on the name as regclass", () => {
  assert.equal(
    sql("show table public.sales"),
    `SELECT pg_catalog.ls_show_table(CAST('public.sales' AS regclass)) AS "Show Table DDL statement"`,
  );
  assert.equal(parseStatement("SHOW TABLE t").kind, parseStatement("SELECT 1").kind);
});

test("SHOW of a setting stays a SHOW; SHOW TABLES needs FROM SCHEMA", () => {
  assert.equal(parseStatement("show search_path").kind, "Show");
  assert.throws(() => parseStatement("SHOW TABLES"), /syntax error at end of input/);
});
