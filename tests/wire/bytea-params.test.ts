// tests/wire/bytea-params.test.ts
//! bytea parameters in text format (`\x41ff` hex and the escape form) reach DuckDB as bytes,
//! decoded as Postgres's byteain does, from node-postgres (strings; its Buffers go in binary) and
//! postgres.js (Buffers as text `\x..`, OID 17); bad input fails with Postgres's SQLSTATE, stores
//! nothing, and the session goes on.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import postgres from "postgres";
import { startServer, type TestServer } from "../helpers/server.js";

describe("text-format bytea parameters", { timeout: 120_000 }, () => {
  let server: TestServer;
  let c: pg.Client;

  before(async () => {
    server = await startServer();
    c = new pg.Client(server.connection());
    await c.connect();
    await c.query("create table vb (id int, b varbyte(16))");
  });
  after(async () => {
    await c?.end();
    await server?.stop();
  });

  test("node-postgres: text bytea parameters in hex and escape form are stored as their bytes", async () => {
    await c.query("insert into vb values ($1, $2)", [1, "\\x41ff80"]);
    await c.query("insert into vb values ($1, $2)", [2, "\\x 41 FF\n00 "]);
    await c.query("insert into vb values ($1, $2)", [3, "a\\\\b\\101\\377"]);
    await c.query("insert into vb values ($1, $2)", [4, "\\x"]);
    // A Buffer goes in binary format: the same bytes.
    await c.query("insert into vb values ($1, $2)", [5, Buffer.from([0x41, 0xff, 0x80])]);
    const r = await c.query("select id, b from vb where id <= 5 order by id");
    assert.deepEqual(
      r.rows.map((x) => [x.id, x.b]),
      [
        [1, "41ff80"],
        [2, "41ff00"],
        [3, "615c6241ff"],
        [4, ""],
        [5, "41ff80"],
      ],
    );
  });

  test("bad bytea text: an odd or non-hex digit is 22023, a stray backslash 22P02; nothing is stored and the session goes on", async () => {
    const bad: [string, string, RegExp][] = [
      ["\\x4", "22023", /invalid hexadecimal data: odd number of digits/],
      ["\\x4g", "22023", /invalid hexadecimal digit: "g"/],
      ["\\xé1", "22023", /invalid hexadecimal digit: "é"/],
      ["a\\b", "22P02", /invalid input syntax for type bytea/],
      ["\\400", "22P02", /invalid input syntax for type bytea/],
    ];
    for (const [value, code, message] of bad) {
      await assert.rejects(c.query("insert into vb values ($1, $2)", [9, value]), (e: Error & { code?: string }) => {
        assert.equal(e.code, code, value);
        assert.match(e.message, message);
        return true;
      });
    }
    const r = await c.query("select count(*) as n from vb where id = 9");
    assert.equal(r.rows[0].n, "0");
  });

  test("postgres.js: a Buffer parameter travels as text bytea (\\x hex, OID 17) and comes back as its bytes", async () => {
    const sql = postgres({ ...server.connection(), max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      const bytes = Buffer.from([0x00, 0x41, 0xff, 0x80, 0x5c]);
      await sql`insert into vb values (${10}, ${bytes})`;
      const [row] = await sql`select b from vb where id = 10`;
      assert.equal(row?.b, "0041ff805c");
      const [eq] = await sql`select count(*)::int as n from vb where b = ${bytes}`;
      assert.equal(eq?.n, 1);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
