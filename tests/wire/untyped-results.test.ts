// tests/wire/untyped-results.test.ts
//! Select-list items with no type of their own (an untyped NULL or parameter, a catalog function
//! declared to return text) are described as text (OID 25), as PostgreSQL 10 and later describe
//! them, over node-postgres and a raw socket (pgjdbc's Parse with an int4 parameter, binary
//! results); typed NULLs and string literals keep their types.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { authenticate, extendedQuery, RawConnection } from "../e2e/raw-protocol.js";
import { startServer, type TestServer } from "../helpers/server.js";

const TEXT = 25;

describe("untyped select-list items", { timeout: 120_000 }, () => {
  let server: TestServer;
  let c: pg.Client;

  before(async () => {
    server = await startServer();
    c = new pg.Client(server.connection());
    await c.connect();
  });
  after(async () => {
    await c?.end();
    await server?.stop();
  });

  test("an untyped NULL and pg_size_pretty(NULL) are text; typed NULLs and string literals keep their types", async () => {
    const r = await c.query(
      "select null as col, pg_size_pretty(null) as p, pg_size_pretty(1024) as q, null::int as i, 'abc' as s",
    );
    assert.deepEqual(
      r.fields.map((f) => [f.name, f.dataTypeID]),
      [
        ["col", TEXT],
        ["p", TEXT],
        ["q", TEXT],
        ["i", 23],
        ["s", 1043],
      ],
    );
    assert.deepEqual(r.rows, [{ col: null, p: null, q: "1024 bytes", i: null, s: "abc" }]);
    // In a subquery an untyped NULL still unions and compares with typed values.
    const u = await c.query("select n + 1 as m from (select null as n union all select 2) t order by m");
    assert.deepEqual(
      u.rows.map((x) => x.m),
      [3, null],
    );
  });

  test("an untyped parameter in the select list is text and every column is described (pgjdbc's `? as n`)", async () => {
    const r = await c.query("select 1 as a, 2 as b, $1 as n", ["5"]);
    assert.deepEqual(
      r.fields.map((f) => [f.name, f.dataTypeID]),
      [
        ["a", 23],
        ["b", 23],
        ["n", TEXT],
      ],
    );
    assert.deepEqual(r.rows, [{ a: 1, b: 2, n: "5" }]);
    // As pgjdbc sends it: the parameter typed int4 in Parse, results in binary.
    const conn = await RawConnection.open(server.host, server.port);
    try {
      const s = server.connection();
      await authenticate(conn, s.user, s.password, s.database);
      const raw = await extendedQuery(conn, "select 1 as a, null as z, $1 as n", 1, ["7"], [23]);
      assert.equal(raw.error, "");
      assert.deepEqual(
        raw.fields.map((f) => [f.name, f.oid, f.format]),
        [
          ["a", 23, 1],
          ["z", TEXT, 1],
          ["n", TEXT, 1],
        ],
      );
      assert.deepEqual(
        raw.rows.map((row) => row.map((x) => x?.toString("hex") ?? null)),
        [["00000001", null, Buffer.from("7").toString("hex")]],
      );
    } finally {
      conn.destroy();
    }
  });
});
