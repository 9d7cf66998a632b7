// tests/wire/auth.test.ts
//! Authentication with real clients: md5 and SCRAM-SHA-256 with pg, postgres.js and psql (right
//! password, wrong password, unknown user -> the same 28P01), cleartext and trust. Plus the
//! RFC 7677 SCRAM test vector against the flow itself.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import postgres from "postgres";
import type { AuthMethod } from "../../src/session/api.js";
import { scramSha256Flow } from "../../src/wire/auth/scram-sha-256.js";
import { Serializer } from "../../src/wire/protocol/serializer.js";
import { scramVerifier } from "../helpers/memory-cluster.js";
import { errorFields, fe, splitBackend } from "../helpers/wire-bytes.js";
import { RawClient } from "../helpers/wire-client.js";
import { psql } from "../helpers/wire-psql.js";
import { type MemoryServer, PASSWORD, USER, startMemoryServer } from "../helpers/wire-server.js";

type Outcome = { ok: true } | { ok: false; code: string; message: string };

const clients: Record<string, (port: number, user: string, password: string) => Promise<Outcome>> = {
  async pg(port, user, password) {
    const c = new pg.Client({ host: "127.0.0.1", port, user, password, database: "dev" });
    try {
      await c.connect();
      await c.query("select 1");
      await c.end();
      return { ok: true };
    } catch (e) {
      const err = e as pg.DatabaseError;
      return { ok: false, code: err.code ?? "", message: err.message };
    }
  },
  async "postgres.js"(port, user, password) {
    const sql = postgres({ host: "127.0.0.1", port, user, password, database: "dev", max: 1, fetch_types: false });
    try {
      await sql`select 1`;
      return { ok: true };
    } catch (e) {
      const err = e as postgres.PostgresError;
      return { ok: false, code: err.code, message: err.message };
    } finally {
      await sql.end({ timeout: 1 });
    }
  },
  async psql(port, user, password) {
    const r = await psql(`host=127.0.0.1 port=${port} user=${user} dbname=dev sslmode=prefer`, "select 1", password);
    if (r.code === 0) return { ok: true };
    const m = /FATAL: {2}(.*)/.exec(r.stderr);
    // psql prints the message of a connection failure but not its SQLSTATE.
    return { ok: false, code: "", message: m?.[1] ?? r.stderr.trim() };
  },
};

for (const method of ["md5", "scram-sha-256", "password"] as AuthMethod[]) {
  describe(`auth ${method}`, () => {
    let srv: MemoryServer;
    before(async () => {
      srv = await startMemoryServer({ method });
    });
    after(async () => {
      await srv.close();
    });
    for (const [name, connect] of Object.entries(clients)) {
      test(`${name}: right password connects`, async () => {
        assert.deepEqual(await connect(srv.port, USER, PASSWORD), { ok: true });
        assert.deepEqual(srv.cluster.authLog.at(-1), { user: USER, ok: true, method });
      });
      test(`${name}: wrong password -> 28P01`, async () => {
        const r = await connect(srv.port, USER, "wrong");
        assert.equal(r.ok, false);
        if (!r.ok) {
          if (name !== "psql") assert.equal(r.code, "28P01");
          assert.equal(r.message, `password authentication failed for user "${USER}"`);
        }
        assert.deepEqual(srv.cluster.authLog.at(-1), { user: USER, ok: false, method });
      });
      test(`${name}: unknown user -> the same 28P01 message`, async () => {
        const r = await connect(srv.port, "mallory", PASSWORD);
        assert.equal(r.ok, false);
        if (!r.ok) {
          if (name !== "psql") assert.equal(r.code, "28P01");
          assert.equal(r.message, 'password authentication failed for user "mallory"');
        }
      });
    }
  });
}

describe("auth trust", () => {
  let srv: MemoryServer;
  before(async () => {
    srv = await startMemoryServer({ method: "trust" });
  });
  after(async () => {
    await srv.close();
  });
  test("pg connects without a password request", async () => {
    assert.deepEqual(await clients.pg!(srv.port, USER, ""), { ok: true });
  });
});

describe("SCRAM-SHA-256 details", () => {
  test("RFC 7677 test vector", () => {
    const verifier = scramVerifier("pencil", Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64"), 4096);
    const flow = scramSha256Flow(
      "user",
      { method: "scram-sha-256", userExists: true, scramVerifier: verifier },
      { serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0" },
    );
    const out = new Serializer();
    assert.equal(flow.begin(out), "continue");
    const initial = fe.saslInitial("SCRAM-SHA-256", "n,,n=user,r=rOprNGfwEbeRWgbNEkqO").subarray(5);
    assert.equal(flow.answer(initial, out), "continue");
    const final = Buffer.from(
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    );
    assert.equal(flow.answer(final, out), "ok");
    const msgs = splitBackend(Buffer.from(out.take()));
    const texts = msgs.map((m) => m.body.subarray(4).toString("utf8"));
    assert.equal(texts[1], "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    assert.equal(texts[2], "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  });

  test("an unknown user gets a full exchange with a stable mock salt, then 28P01", async () => {
    const srv = await startMemoryServer({ method: "scram-sha-256" });
    try {
      const firstServerMessage = async (user: string): Promise<string> => {
        const c = await RawClient.connect(srv.port);
        c.startup(user);
        const sasl = (await c.next())!;
        assert.equal(sasl.body.readInt32BE(0), 10);
        c.write(fe.saslInitial("SCRAM-SHA-256", "n,,n=,r=abcdefghijklmnop"));
        const cont = (await c.next())!;
        assert.equal(cont.body.readInt32BE(0), 11);
        const text = cont.body.subarray(4).toString();
        const nonce = /r=([^,]+)/.exec(text)![1]!;
        c.write(fe.password(Buffer.from(`c=biws,r=${nonce},p=${Buffer.alloc(32).toString("base64")}`)));
        const err = errorFields((await c.next())!.body);
        assert.deepEqual(
          [err.S, err.C, err.M],
          ["FATAL", "28P01", `password authentication failed for user "${user}"`],
        );
        await c.closed();
        return text.replace(/r=[^,]+,/, "");
      };
      const a = await firstServerMessage("nobody");
      const b = await firstServerMessage("nobody");
      assert.equal(a, b);
      assert.match(a, /^s=[A-Za-z0-9+/=]+,i=4096$/);
      await firstServerMessage(USER);
    } finally {
      await srv.close();
    }
  });

  test("SCRAM-SHA-256-PLUS (channel binding) is refused: 08P01", async () => {
    const srv = await startMemoryServer({ method: "scram-sha-256" });
    try {
      const c = await RawClient.connect(srv.port);
      c.startup(USER);
      await c.next();
      c.write(fe.saslInitial("SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=,r=abc"));
      const err = errorFields((await c.next())!.body);
      assert.deepEqual([err.S, err.C], ["FATAL", "08P01"]);
      await c.closed();
    } finally {
      await srv.close();
    }
  });
});
