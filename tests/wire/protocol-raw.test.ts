// tests/wire/protocol-raw.test.ts
//! Exact message sequences over a raw socket: startup, simple and extended query, portals,
//! skip-until-Sync, Flush, Terminate, cancel and fatal errors.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type MemoryServer, USER, startMemoryServer, waitFor } from "../helpers/wire-server.js";
import { type BackendMessage, dataRowCells, errorFields, fe, rowDescriptionNames } from "../helpers/wire-bytes.js";
import { RawClient, codes } from "../helpers/wire-client.js";

let srv: MemoryServer;
before(async () => {
  srv = await startMemoryServer({ method: "trust" });
});
after(async () => {
  await srv.close();
});

async function ready(extra: Record<string, string> = {}): Promise<{ c: RawClient; startup: BackendMessage[] }> {
  const c = await RawClient.connect(srv.port);
  c.startup(USER, "dev", extra);
  return { c, startup: await c.until("Z") };
}

const params = (msgs: readonly BackendMessage[]): Record<string, string> =>
  Object.fromEntries(
    msgs.filter((m) => m.code === "S").map((m) => m.body.toString("utf8").split("\0").slice(0, 2) as [string, string]),
  );

describe("startup", () => {
  test("AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery; Redshift driver params accepted", async () => {
    const { c, startup } = await ready({
      client_protocol_version: "2",
      driver_version: "Redshift JDBC Driver 2.1",
      os_version: "Linux",
      plugin_name: "none",
      driver_discovery_version: "1",
    });
    assert.match(codes(startup), /^RS+KZ$/);
    assert.equal(startup[0]!.body.readInt32BE(0), 0);
    assert.equal(params(startup).server_version, "8.0.2");
    const key = startup.find((m) => m.code === "K")!;
    const session = srv.cluster.sessions.get(key.body.readInt32BE(0))!;
    assert.equal(key.body.readInt32BE(4), session.secretKey);
    assert.equal(session.info.params.driver_version, "Redshift JDBC Driver 2.1");
    assert.equal(startup.at(-1)!.body.toString(), "I");
    c.end();
  });

  test("SSLRequest without a certificate is answered 'N', GSSENCRequest 'N', then startup proceeds", async () => {
    const c = await RawClient.connect(srv.port);
    c.write(fe.gssencRequest());
    assert.equal(await c.byte(), "N");
    c.write(fe.sslRequest());
    assert.equal(await c.byte(), "N");
    c.startup(USER);
    assert.match(codes(await c.until("Z")), /^RS+KZ$/);
    c.end();
  });

  test("protocol 2.0 is refused with FATAL 0A000", async () => {
    const c = await RawClient.connect(srv.port);
    c.write(fe.startup({ user: USER }, 0x20000));
    const e = (await c.next())!;
    assert.equal(e.code, "E");
    const f = errorFields(e.body);
    assert.equal(f.S, "FATAL");
    assert.equal(f.C, "0A000");
    assert.equal(f.M, "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
    await c.closed();
  });

  test("protocol 3.2 and _pq_ options get NegotiateProtocolVersion, then the session starts", async () => {
    const c = await RawClient.connect(srv.port);
    c.write(fe.startup({ user: USER, database: "dev", "_pq_.test": "x" }, 0x30002));
    const msgs = await c.until("Z");
    assert.equal(msgs[0]!.code, "v");
    assert.equal(msgs[0]!.body.readInt32BE(0), 196608);
    assert.equal(msgs[0]!.body.readInt32BE(4), 1);
    assert.equal(msgs[0]!.body.toString("utf8", 8, msgs[0]!.body.length - 1), "_pq_.test");
    c.end();
  });

  test("unknown database: FATAL 3D000 and close", async () => {
    const c = await RawClient.connect(srv.port);
    c.startup(USER, "nope");
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.S, f.C, f.M], ["FATAL", "3D000", 'database "nope" does not exist']);
    await c.closed();
  });

  test("past the connection limit: AuthenticationOk, then FATAL 53300", async () => {
    const small = await startMemoryServer({ method: "trust", maxConnections: 1 });
    try {
      const first = await RawClient.connect(small.port);
      first.startup(USER);
      await first.until("Z");
      const second = await RawClient.connect(small.port);
      second.startup(USER);
      assert.equal((await second.next())!.code, "R");
      const f = errorFields((await second.next())!.body);
      assert.deepEqual([f.S, f.C, f.M], ["FATAL", "53300", "sorry, too many clients already"]);
      await second.closed();
      first.end();
    } finally {
      await small.close();
    }
  });

  test("a client that leaves during a slow startup leaves no session behind", async () => {
    const slow = await startMemoryServer({ method: "trust", delayMs: 100 });
    try {
      for (let i = 0; i < 2; i++) {
        const c = await RawClient.connect(slow.port);
        c.startup(USER);
        await new Promise((r) => setTimeout(r, i * 150));
        c.end();
      }
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(slow.cluster.sessions.size, 0);
      assert.equal(slow.cluster.opened, slow.cluster.closed);
    } finally {
      await slow.close();
    }
  });

  test("no user name: FATAL 28000", async () => {
    const c = await RawClient.connect(srv.port);
    c.write(fe.startup({ database: "dev" }));
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.S, f.C], ["FATAL", "28000"]);
    await c.closed();
  });
});

describe("simple query", () => {
  test("several statements: RowDescription, DataRows, CommandComplete each, one ReadyForQuery", async () => {
    const { c } = await ready();
    c.write(fe.query("delete from kv; insert into kv values (1, 'one'); select * from kv; select 7 as seven"));
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "CCTDCTDCZ");
    assert.deepEqual(rowDescriptionNames(msgs[2]!.body), ["k", "v"]);
    assert.deepEqual(dataRowCells(msgs[3]!.body), ["1", "one"]);
    const tags = msgs.filter((m) => m.code === "C").map((m) => m.body.toString("utf8", 0, m.body.length - 1));
    assert.deepEqual(tags.slice(1), ["INSERT 0 1", "SELECT 1", "SELECT 1"]);
    c.end();
  });

  test("empty query string: EmptyQueryResponse", async () => {
    const { c } = await ready();
    c.write(fe.query("  ;  "));
    assert.equal(codes(await c.until("Z")), "IZ");
    c.end();
  });

  test("an error stops the remaining statements; fields S V C M P", async () => {
    const { c } = await ready();
    c.write(fe.query("select 1; select * from missing; select 2"));
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "TDCEZ");
    const f = errorFields(msgs[3]!.body);
    // The position counts from the start of the whole query string, as in Postgres.
    assert.deepEqual(f, { S: "ERROR", V: "ERROR", C: "42P01", M: 'relation "missing" does not exist', P: "25" });
    c.end();
  });

  test("detail in ErrorResponse ('D')", async () => {
    const { c } = await ready();
    c.write(fe.query("delete from kv; insert into kv values (5, 'a'); insert into kv values (5, 'b')"));
    const msgs = await c.until("Z");
    const f = errorFields(msgs.find((m) => m.code === "E")!.body);
    assert.equal(f.C, "23505");
    assert.equal(f.D, "Key (k)=(5) already exists.");
    c.end();
  });

  test("transaction status letters I, T, E, I", async () => {
    const { c } = await ready();
    const status = async (sql: string): Promise<string> =>
      (await c.until("Z")).at(-1)!.body.toString() + sql.slice(0, 0);
    c.write(fe.query("begin"));
    assert.equal(await status("begin"), "T");
    c.write(fe.query("select 1/0"));
    assert.equal(await status(""), "E");
    c.write(fe.query("select 1"));
    const msgs = await c.until("Z");
    assert.equal(errorFields(msgs[0]!.body).C, "25P02");
    c.write(fe.query("commit"));
    const end = await c.until("Z");
    assert.equal(end[0]!.body.toString("utf8", 0, end[0]!.body.length - 1), "ROLLBACK");
    assert.equal(end.at(-1)!.body.toString(), "I");
    c.end();
  });

  test("SET sends ParameterStatus after CommandComplete", async () => {
    const { c } = await ready();
    c.write(fe.query("set application_name to 'etl'"));
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "CSZ");
    assert.deepEqual(params(msgs), { application_name: "etl" });
    c.end();
  });
});

describe("extended query", () => {
  test("unnamed Parse/Bind/Describe P/Execute/Sync", async () => {
    const { c } = await ready();
    c.write(fe.parse("", "select $1 as a, $2 as b"), fe.bind("", "", ["x", null]), fe.describe("P", ""));
    c.write(fe.execute("", 0), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "12TDCZ");
    assert.deepEqual(dataRowCells(msgs[3]!.body), ["x", null]);
    c.end();
  });

  test("named statement: Describe S gives ParameterDescription and RowDescription, or NoData", async () => {
    const { c } = await ready();
    c.write(fe.parse("byk", "select * from kv where k = $1", [0]), fe.describe("S", "byk"));
    c.write(fe.parse("ins", "insert into kv values ($1, $2)"), fe.describe("S", "ins"), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "1tT1tnZ");
    assert.equal(msgs[1]!.body.readInt16BE(0), 1);
    assert.equal(msgs[1]!.body.readUInt32BE(2), 23);
    // Describe S reports text formats
    assert.equal(msgs[2]!.body.readInt16BE(msgs[2]!.body.length - 2), 0);
    c.write(fe.bind("", "ins", ["42", "x"]), fe.execute(""), fe.bind("", "byk", ["42"]), fe.execute(""), fe.sync());
    const run = await c.until("Z");
    assert.equal(codes(run), "2C2DCZ");
    c.write(fe.close("S", "byk"), fe.close("P", "nothing"), fe.sync());
    assert.equal(codes(await c.until("Z")), "33Z");
    c.write(fe.describe("S", "byk"), fe.sync());
    const gone = await c.until("Z");
    assert.equal(errorFields(gone[0]!.body).C, "26000");
    c.end();
  });

  test("Describe P reports the portal's binary formats; binary DataRow", async () => {
    const { c } = await ready();
    c.write(fe.parse("", "select n from series(2)"), fe.bind("", "", [], [], [1]), fe.describe("P", ""));
    c.write(fe.execute(""), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "12TDDCZ");
    assert.equal(msgs[2]!.body.readInt16BE(msgs[2]!.body.length - 2), 1);
    assert.equal(msgs[4]!.body.readInt32BE(6), 2);
    c.end();
  });

  test("row limits: PortalSuspended until the portal is exhausted", async () => {
    const { c } = await ready();
    c.write(fe.query("begin"));
    await c.until("Z");
    c.write(fe.parse("s", "select n from series(5)"), fe.bind("cur", "s"), fe.execute("cur", 2), fe.sync());
    assert.equal(codes(await c.until("Z")), "12DDsZ");
    c.write(fe.execute("cur", 2), fe.execute("cur", 2), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "DDsDCZ");
    assert.deepEqual(dataRowCells(msgs[3]!.body), ["5"]);
    assert.equal(msgs[4]!.body.toString("utf8", 0, msgs[4]!.body.length - 1), "SELECT 1");
    c.write(fe.query("commit"));
    await c.until("Z");
    c.end();
  });

  test("after an error, messages are discarded until Sync", async () => {
    const { c } = await ready();
    c.write(fe.parse("", "selec nothing"), fe.bind("", ""), fe.execute(""), fe.query("select 1"), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "EZ");
    const f = errorFields(msgs[0]!.body);
    assert.deepEqual([f.C, f.M, f.P], ["42601", 'syntax error at or near "selec"', "1"]);
    c.write(fe.parse("", "select 3"), fe.bind("", ""), fe.execute(""), fe.sync());
    assert.equal(codes(await c.until("Z")), "12DCZ");
    c.end();
  });

  test("Flush sends buffered replies without Sync", async () => {
    const { c } = await ready();
    c.write(fe.parse("f", "select 1"), fe.flush());
    assert.equal((await c.next())!.code, "1");
    c.write(fe.sync());
    assert.equal(codes(await c.until("Z")), "Z");
    c.end();
  });

  test("Bind with a wrong number of parameter formats: ERROR 08P01, connection stays", async () => {
    const { c } = await ready();
    c.write(fe.parse("", "select $1, $2"), fe.bind("", "", ["a", "b", "c"], [0, 0]), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "1EZ");
    assert.deepEqual([errorFields(msgs[1]!.body).S, errorFields(msgs[1]!.body).C], ["ERROR", "08P01"]);
    c.write(fe.query("select 1"));
    assert.equal(codes(await c.until("Z")), "TDCZ");
    c.end();
  });

  test("a well-framed message with a bad body: ERROR 08P01, skip until Sync, connection stays", async () => {
    const { c } = await ready();
    const badBind = Buffer.from([0x42, 0, 0, 0, 6, 0, 0]);
    c.write(fe.parse("", "select 1"), badBind, fe.execute(""), fe.sync());
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "1EZ");
    const f = errorFields(msgs[1]!.body);
    assert.deepEqual([f.S, f.C], ["ERROR", "08P01"]);
    c.write(fe.query("select 1"));
    assert.equal(codes(await c.until("Z")), "TDCZ");
    c.end();
  });

  test("invalid UTF-8 in a Query: ERROR 22021 and ReadyForQuery", async () => {
    const { c } = await ready();
    const q = Buffer.concat([Buffer.from([0x51, 0, 0, 0, 8]), Buffer.from([0x61, 0xff, 0x62, 0])]);
    c.write(q);
    const msgs = await c.until("Z");
    assert.equal(codes(msgs), "EZ");
    const f = errorFields(msgs[0]!.body);
    assert.deepEqual([f.S, f.C, f.M], ["ERROR", "22021", 'invalid byte sequence for encoding "UTF8": 0xff 0x62']);
    c.end();
  });

  test("empty statement: EmptyQueryResponse; stray CopyData ignored", async () => {
    const { c } = await ready();
    c.write(fe.copyData(Buffer.from("x")), fe.parse("", ""), fe.bind("", ""), fe.describe("P", ""));
    c.write(fe.execute(""), fe.sync());
    assert.equal(codes(await c.until("Z")), "12nIZ");
    c.end();
  });
});

describe("connection end, cancel, fatal", () => {
  const sessionOf = (startup: readonly BackendMessage[]) =>
    srv.cluster.sessions.get(startup.find((m) => m.code === "K")!.body.readInt32BE(0))!;

  test("Terminate closes the socket and the session", async () => {
    const { c, startup } = await ready();
    const session = sessionOf(startup);
    c.write(fe.terminate());
    await c.closed();
    await waitFor(() => session.isClosed);
  });

  test("a dropped socket closes the session", async () => {
    const { c, startup } = await ready();
    const session = sessionOf(startup);
    c.end();
    await waitFor(() => session.isClosed);
  });

  test("CancelRequest interrupts the running statement with 57014", async () => {
    const { c, startup } = await ready();
    const key = startup.find((m) => m.code === "K")!.body;
    const started = Date.now();
    c.write(fe.query("select pg_sleep(5)"));
    await waitFor(() => srv.cluster.sessions.get(key.readInt32BE(0))!.isRunning);
    const k = await RawClient.connect(srv.port);
    k.write(fe.cancelRequest(key.readInt32BE(0), key.readInt32BE(4)));
    await k.closed();
    const msgs = await c.until("Z");
    assert.equal(errorFields(msgs.find((m) => m.code === "E")!.body).C, "57014");
    assert.ok(Date.now() - started < 3000);
    c.end();
  });

  test("unknown message type: FATAL 08P01, only that connection closes", async () => {
    const other = await ready();
    const { c } = await ready();
    c.write(Buffer.from([0x21, 0, 0, 0, 4]));
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.S, f.C, f.M], ["FATAL", "08P01", "invalid frontend message type 33"]);
    await c.closed();
    other.c.write(fe.query("select 1"));
    assert.equal(codes(await other.c.until("Z")), "TDCZ");
    other.c.end();
  });

  test("a plain Error from the session becomes ERROR XX000 and the session goes on", async () => {
    const { c } = await ready();
    c.write(fe.query("select crash()"));
    const msgs = await c.until("Z");
    const f = errorFields(msgs[0]!.body);
    assert.deepEqual([f.S, f.C, f.M], ["ERROR", "XX000", "cannot read properties of undefined"]);
    c.write(fe.parse("", "select crash()"), fe.bind("", ""), fe.execute(""), fe.sync());
    assert.equal(codes(await c.until("Z")), "12EZ");
    c.write(fe.query("select 1"));
    assert.equal(codes(await c.until("Z")), "TDCZ");
    c.end();
  });

  test("a FATAL error from the session closes the connection", async () => {
    const { c } = await ready();
    c.write(fe.query("select fail_fatal()"));
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.S, f.C], ["FATAL", "57P01"]);
    await c.closed();
  });

  test("a Query before startup: FATAL 08P01 invalid length of startup packet", async () => {
    const c = await RawClient.connect(srv.port);
    c.write(fe.query("select 1"));
    const f = errorFields((await c.next())!.body);
    assert.deepEqual([f.S, f.C, f.M], ["FATAL", "08P01", "invalid length of startup packet"]);
    await c.closed();
  });

  test("an oversized or negative message length: FATAL 08P01 and close", async () => {
    for (const len of [0x7fffffff, -1, 2]) {
      const { c } = await ready();
      const head = Buffer.alloc(5);
      head[0] = 0x51;
      head.writeInt32BE(len, 1);
      c.write(head);
      const f = errorFields((await c.next())!.body);
      assert.deepEqual([f.S, f.C, f.M], ["FATAL", "08P01", `invalid message length ${len}`]);
      await c.closed();
    }
  });

  test("a non-password message while authenticating: FATAL 08P01", async () => {
    const md5 = await startMemoryServer({ method: "md5" });
    try {
      const c = await RawClient.connect(md5.port);
      c.startup(USER);
      assert.equal((await c.next())!.body.readInt32BE(0), 5);
      c.write(fe.query("select 1"));
      const f = errorFields((await c.next())!.body);
      assert.deepEqual([f.S, f.C, f.M], ["FATAL", "08P01", "expected password response, got message type 81"]);
      await c.closed();
    } finally {
      await md5.close();
    }
  });
});
