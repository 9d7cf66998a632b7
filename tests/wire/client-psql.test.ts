// tests/wire/client-psql.test.ts
//! psql (libpq 15) against the wire server: sslmode=prefer sends SSLRequest first and falls back
//! on 'N'; with a certificate configured, sslmode=require gets TLS.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { errorFields, fe } from "../helpers/wire-bytes.js";
import { RawClient } from "../helpers/wire-client.js";
import { psql } from "../helpers/wire-psql.js";
import { type MemoryServer, PASSWORD, USER, startMemoryServer } from "../helpers/wire-server.js";

const conninfo = (port: number, sslmode: string): string =>
  `host=127.0.0.1 port=${port} user=${USER} dbname=dev sslmode=${sslmode}`;

describe("psql without TLS", () => {
  let srv: MemoryServer;
  before(async () => {
    srv = await startMemoryServer({ method: "md5" });
  });
  after(async () => {
    await srv.close();
  });

  test("sslmode=prefer: SSLRequest answered 'N', then queries run", async () => {
    const r = await psql(
      conninfo(srv.port, "prefer"),
      "delete from kv; insert into kv values (1, 'a'); select * from kv",
      PASSWORD,
    );
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    // psql 15 prints every result of a multi-statement -c
    assert.equal(r.stdout, "DELETE 0\nINSERT 0 1\n1|a\n");
  });

  test("errors are printed with their message and the exit code is non-zero", async () => {
    const r = await psql(conninfo(srv.port, "prefer"), "select * from missing", PASSWORD);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ERROR: {2}relation "missing" does not exist/);
    assert.match(r.stderr, /LINE 1: select \* from missing/);
  });

  test("sslmode=require fails cleanly when the server has no certificate", async () => {
    const r = await psql(conninfo(srv.port, "require"), "select 1", PASSWORD);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /server does not support SSL/);
  });
});

describe("TLS (psql, node-postgres)", () => {
  let srv: MemoryServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "lakeshift-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
      ],
      { stdio: "ignore" },
    );
    srv = await startMemoryServer(
      { method: "scram-sha-256" },
      { tls: { cert: readFileSync(join(dir, "cert.pem")), key: readFileSync(join(dir, "key.pem")) } },
    );
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("sslmode=require connects over TLS (SCRAM inside) and queries", async () => {
    const r = await psql(conninfo(srv.port, "require"), "select n from series(3)", PASSWORD);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "1\n2\n3\n");
  });

  test("the connection really is encrypted (\\conninfo reports SSL)", async () => {
    const r = await psql(conninfo(srv.port, "require"), "\\conninfo", PASSWORD);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /SSL connection \(protocol: TLSv1\.[23]/);
  });

  test("node-postgres with ssl also upgrades", async () => {
    const c = new pg.Client({
      host: "127.0.0.1",
      port: srv.port,
      user: USER,
      password: PASSWORD,
      database: "dev",
      ssl: { rejectUnauthorized: false },
    });
    await c.connect();
    const socket = (c as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream;
    assert.equal(socket.encrypted, true);
    assert.equal((await c.query("select n from series(2)")).rowCount, 2);
    await c.end();
  });

  test("garbage instead of a TLS handshake closes only that connection", async () => {
    for (const bytes of [Buffer.from("hello, not TLS at all"), fe.startup({ user: USER })]) {
      const c = await RawClient.connect(srv.port);
      c.write(fe.sslRequest());
      assert.equal(await c.byte(), "S");
      c.write(bytes);
      await c.closed();
    }
    const c = await RawClient.connect(srv.port);
    c.write(fe.sslRequest(), fe.startup({ user: USER }));
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.C, f.M], ["08P01", "received unencrypted data after SSL request"]);
    const r = await psql(conninfo(srv.port, "require"), "select 1", PASSWORD);
    assert.equal(r.stdout, "1\n");
  });

  test("sslmode=disable still works on a TLS-capable server", async () => {
    const r = await psql(conninfo(srv.port, "disable"), "select 5", PASSWORD);
    assert.equal(r.stdout, "5\n");
  });
});
