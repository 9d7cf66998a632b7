// tests/clients/sqlalchemy.test.ts
//! SQLAlchemy 1.4 (Debian's python3-sqlalchemy, psycopg2 dialect) against Lakeshift:
//! tests/clients/python/sqlalchemy_matrix.py creates tables, a view and a schema, then reflects
//! them with the inspector (get_schema_names, get_table_names, get_columns, get_pk_constraint,
//! get_view_definition) and through Table(autoload_with=...). The statement log shows the catalog
//! queries SQLAlchemy sent at connect and while reflecting.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type LoggedStatement, Matrix, runTool } from "./matrix.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("../../../tests/clients/python/sqlalchemy_matrix.py", import.meta.url));

type Line = { kind: string; result?: unknown; step?: string; message?: string };

describe("SQLAlchemy", () => {
  let m: Matrix;
  let lines: Line[];
  let sent: LoggedStatement[];

  function result(kind: string): unknown {
    const error = lines.find((l) => l.kind === "error" && l.step === kind);
    assert.equal(error, undefined, `${kind}: ${error?.message}`);
    return lines.find((l) => l.kind === kind)?.result;
  }

  before(async () => {
    m = await Matrix.start();
    const c = m.server.connection();
    const mark = await m.mark();
    const r = runTool(PYTHON, [SCRIPT, c.host, String(c.port), c.user, c.password, c.database]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    lines = r.stdout
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Line);
    sent = await m.statementsSince(mark);
  });
  after(async () => {
    await m?.stop();
  });

  test("first connect: hstore lookup, version(), current_schema(), isolation level", () => {
    assert.ok(lines.some((l) => l.kind === "done"));
    const texts = sent.map((s) => s.text);
    assert.ok(
      texts.some((t) =>
        /FROM pg_type t JOIN pg_namespace ns\s+ON typnamespace = ns\.oid\s+WHERE typname = 'hstore'/.test(t),
      ),
    );
    assert.ok(texts.includes("select pg_catalog.version()"));
    assert.ok(texts.includes("show transaction isolation level"));
    m.catalogStatementsSucceeded(
      sent.filter((s) => !/pg_type_is_visible|ix\.indkey\[0\]/.test(s.text)),
      "SQLAlchemy",
    );
  });

  test("get_schema_names, get_table_names, get_view_names, get_view_definition", () => {
    assert.deepEqual(result("schemas"), ["information_schema", "public", "sa_stage"]);
    assert.deepEqual(result("public_tables"), ["sa_items", "sa_orders"]);
    assert.deepEqual(result("stage_tables"), ["raw"]);
    assert.deepEqual(result("views"), ["sa_big"]);
    assert.match(String(result("view_definition")), /^SELECT id, amount FROM sa_orders WHERE amount > 100/i);
    assert.deepEqual(result("has_table"), [true, false]);
  });

  test("get_columns: types, nullability, defaults", () => {
    assert.deepEqual(result("columns"), [
      ["id", "INTEGER", false, null],
      ["customer", "VARCHAR(30)", true, "'anon'::character varying"],
      ["amount", "NUMERIC(10, 2)", true, null],
      ["placed", "TIMESTAMP", true, null],
    ]);
  });

  test("the default schema is the first existing schema on the search path", () => {
    assert.equal(result("default_schema"), "public");
    assert.deepEqual(result("tables"), ["sa_items", "sa_orders"]);
  });

  test("get_pk_constraint and Table(autoload_with=...) round trip", () => {
    assert.deepEqual(result("pk"), { constrained_columns: ["id"], name: "sa_orders_pkey" });
    assert.deepEqual(result("reflected_table"), [
      [1, "ann"],
      [2, "anon"],
    ]);
  });

  test("domains are reflected with pg_type_is_visible", () => {
    const domains = sent.filter((s) => /pg_catalog\.pg_type_is_visible\(t\.oid\)/.test(s.text));
    assert.ok(domains.length > 0);
    assert.deepEqual(
      domains.map((s) => [s.status, s.rows]),
      domains.map(() => ["success", 0]),
    );
  });
});
