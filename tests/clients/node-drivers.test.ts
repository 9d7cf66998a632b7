// tests/clients/node-drivers.test.ts
//! Catalog checks for the Node drivers (their protocol behaviour is covered in tests/wire):
//! postgres.js's pg_type array lookup at connect and its named prepared statements over
//! pg_catalog; node-postgres reading information_schema and Redshift's views with parameters.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import postgres from "postgres";
import { Matrix } from "./matrix.js";

describe("Node drivers: catalog queries", () => {
  let m: Matrix;

  before(async () => {
    m = await Matrix.start();
    await m.query("create table nd (id int primary key, label varchar(12) not null, at timestamp) diststyle even");
    await m.query("insert into nd values (1, 'a', '2024-01-01 00:00:00'), (2, 'b', null)");
  });
  after(async () => {
    await m?.stop();
  });

  test("postgres.js: the array-type lookup at connect, then named statements over pg_catalog", async () => {
    const c = m.server.connection();
    const mark = await m.mark();
    const sql = postgres({ ...c, username: c.user, max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select c.relname, n.nspname from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.relname = ${"nd"}`;
      assert.deepEqual(
        rows.map((r) => [r.relname, r.nspname]),
        [["nd", "public"]],
      );
      const cols = await sql`select column_name, data_type from information_schema.columns
        where table_name = ${"nd"} order by ordinal_position`;
      assert.deepEqual(
        cols.map((r) => [r.column_name, r.data_type]),
        [
          ["id", "integer"],
          ["label", "character varying"],
          ["at", "timestamp without time zone"],
        ],
      );
    } finally {
      await sql.end();
    }
    const sent = await m.statementsSince(mark);
    const lookup = sent.find((s) =>
      /from pg_catalog\.pg_type a\s+left join pg_catalog\.pg_type b on b\.oid = a\.typelem/.test(s.text),
    );
    assert.ok(lookup, sent.map((s) => s.text).join("\n"));
    assert.equal(lookup.status, "success");
    assert.ok(lookup.rows > 5, `array types: ${lookup.rows}`);
    assert.ok(sent.some((s) => /where c\.relname = \$1/.test(s.text) && s.status === "success"));
    // The lookup's answer: element type -> array type, as postgres.js registers parsers.
    const pairs = await m.query<[number, number]>(`select b.oid::int, b.typarray::int from pg_catalog.pg_type a
      left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid`);
    const map = new Map(pairs);
    assert.equal(map.get(23), 1007);
    assert.equal(map.get(25), 1009);
    assert.equal(map.get(1043), 1015);
  });

  test("node-postgres: parameters over information_schema, pg_table_def and svv_table_info", async () => {
    const client = new pg.Client(m.server.connection());
    await client.connect();
    try {
      const t = await client.query(
        "select table_schema, table_name, table_type from information_schema.tables where table_name = $1",
        ["nd"],
      );
      assert.deepEqual(t.rows, [{ table_schema: "public", table_name: "nd", table_type: "BASE TABLE" }]);
      const def = await client.query({
        text: 'select "column", type, encoding, distkey, sortkey, "notnull" from pg_table_def where tablename = $1 order by "column"',
        values: ["nd"],
        rowMode: "array",
      });
      assert.deepEqual(def.rows, [
        ["at", "timestamp without time zone", "az64", false, 0, false],
        ["id", "integer", "az64", false, 0, true],
        ["label", "character varying(12)", "lzo", false, 0, true],
      ]);
      const info = await client.query({
        text: 'select "table", diststyle, tbl_rows::int, encoded from svv_table_info where "table" = $1',
        values: ["nd"],
        rowMode: "array",
      });
      assert.deepEqual(info.rows, [["nd", "EVEN", 2, "Y"]]);
    } finally {
      await client.end();
    }
  });
});
