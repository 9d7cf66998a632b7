// tests/wire/catalog-vectors.test.ts
//! Postgres's vector types as node-postgres reads them: pg_proc.proargtypes (oidvector) and
//! pg_index.indkey (int2vector) print space-separated ('23 1043'), not as arrays ('{23,1043}'),
//! with their own type OIDs; they still subscript from 0 and expand as arrays.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

const OID = { int2vector: 22, oidvector: 30 } as const;

describe("oidvector and int2vector columns over the wire", { timeout: 120_000 }, () => {
  let server: TestServer;
  let client: pg.Client;

  before(async () => {
    server = await startServer();
    client = new pg.Client(server.connection());
    await client.connect();
    await client.query(
      "create function vf (int, varchar) returns numeric immutable as $$ select $1 + length($2) $$ language sql",
    );
    await client.query("create function vg () returns int immutable as $$ select 1 $$ language sql");
    await client.query("create table vk (a int not null, b varchar(10) not null, c int, primary key (b, a))");
  });
  after(async () => {
    await client?.end().catch(() => {});
    await server?.stop();
  });

  test("pg_proc.proargtypes is an oidvector: '23 1043', '' for no arguments", async () => {
    const r = await client.query(
      "select proname, proargtypes from pg_proc where proname in ('vf', 'vg') order by proname",
    );
    assert.deepEqual(
      r.rows.map((x) => [x.proname, x.proargtypes]),
      [
        ["vf", "23 1043"],
        ["vg", ""],
      ],
    );
    assert.equal(r.fields[1]?.dataTypeID, OID.oidvector);
  });

  test("pg_index.indkey is an int2vector in key order; indclass an oidvector", async () => {
    const r = await client.query(
      "select i.indkey, i.indclass, i.indkey[0] as first from pg_index i join pg_class c on c.oid = i.indrelid where c.relname = 'vk'",
    );
    assert.deepEqual(
      r.rows.map((x) => [x.indkey, x.indclass, x.first]),
      [["2 1", "1978 1978", 2]],
    );
    assert.deepEqual(
      r.fields.map((f) => f.dataTypeID),
      [OID.int2vector, OID.oidvector, 21],
    );
  });

  test("a parameterized (extended-protocol) query reads the same text", async () => {
    const r = await client.query("select proargtypes from pg_proc where proname = $1", ["vf"]);
    assert.deepEqual(r.rows, [{ proargtypes: "23 1043" }]);
    assert.equal(r.fields[0]?.dataTypeID, OID.oidvector);
  });
});
