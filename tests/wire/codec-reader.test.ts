// tests/wire/codec-reader.test.ts
//! Every frontend message parses correctly however TCP splits it: at every offset within one
//! message, and at every offset across two.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LakeshiftError } from "../../src/common/errors.js";
import type { FrontendMessage } from "../../src/wire/protocol/messages.js";
import { MalformedMessageError, MessageReader } from "../../src/wire/protocol/reader.js";
import { ByteBuilder, fe } from "../helpers/wire-bytes.js";

const STARTUP = fe.startup({ user: "alice", database: "dev" });

function typedReader(opts: { maxMessageBytes?: number } = {}): MessageReader {
  const r = new MessageReader(opts);
  r.push(STARTUP);
  assert.equal(r.next()?.kind, "startup");
  return r;
}

function drain(r: MessageReader): FrontendMessage[] {
  const out: FrontendMessage[] = [];
  for (let m = r.next(); m !== null; m = r.next()) out.push(m);
  return out;
}

/** Structural view for comparison: Uint8Arrays become plain arrays. */
function plain(m: unknown): unknown {
  const bytes = (v: unknown): unknown =>
    v instanceof Uint8Array ? [...v] : (v as { type?: string })?.type === "Buffer" ? (v as { data: unknown }).data : v;
  return JSON.parse(JSON.stringify(m, (_k, v) => bytes(v)));
}

const startupCases: [string, Buffer, FrontendMessage][] = [
  [
    "StartupMessage with Redshift driver extras",
    fe.startup({
      user: "alice",
      database: "dev",
      client_protocol_version: "2",
      driver_version: "Redshift Python Driver 2.1.15",
      os_version: "Linux",
      plugin_name: "",
      driver_discovery_version: "1",
      application_name: "ünïcode",
    }),
    {
      kind: "startup",
      protocolVersion: 196608,
      params: {
        user: "alice",
        database: "dev",
        client_protocol_version: "2",
        driver_version: "Redshift Python Driver 2.1.15",
        os_version: "Linux",
        plugin_name: "",
        driver_discovery_version: "1",
        application_name: "ünïcode",
      },
    },
  ],
  ["SSLRequest", fe.sslRequest(), { kind: "ssl-request" }],
  ["GSSENCRequest", fe.gssencRequest(), { kind: "gssenc-request" }],
  ["CancelRequest", fe.cancelRequest(1234, -5), { kind: "cancel-request", processId: 1234, secretKey: -5 }],
  ["protocol 2.0 startup", fe.startup({}, 0x20000), { kind: "startup", protocolVersion: 0x20000, params: {} }],
];

const typedCases: [string, Buffer, FrontendMessage][] = [
  ["Query", fe.query("select 1; select 'ä'"), { kind: "query", sql: "select 1; select 'ä'" }],
  [
    "Parse",
    fe.parse("s1", "select $1, $2", [23, 4294967295]),
    {
      kind: "parse",
      statement: "s1",
      sql: "select $1, $2",
      paramTypes: [23, 4294967295],
    },
  ],
  [
    "Parse unnamed, no types",
    fe.parse("", "select 1"),
    { kind: "parse", statement: "", sql: "select 1", paramTypes: [] },
  ],
  [
    "Bind",
    fe.bind("p1", "s1", ["abc", null, new Uint8Array([0, 0, 0, 7]), ""], [0, 0, 1, 0], [1, 0]),
    {
      kind: "bind",
      portal: "p1",
      statement: "s1",
      paramFormats: [0, 0, 1, 0],
      params: [Buffer.from("abc"), null, new Uint8Array([0, 0, 0, 7]), new Uint8Array(0)],
      resultFormats: [1, 0],
    },
  ],
  ["Describe S", fe.describe("S", "s1"), { kind: "describe", target: "S", name: "s1" }],
  ["Describe P", fe.describe("P", ""), { kind: "describe", target: "P", name: "" }],
  ["Execute", fe.execute("p1", 10), { kind: "execute", portal: "p1", maxRows: 10 }],
  ["Execute negative maxRows means all", fe.execute("", -1), { kind: "execute", portal: "", maxRows: 0 }],
  ["Close S", fe.close("S", "s1"), { kind: "close", target: "S", name: "s1" }],
  ["Close P", fe.close("P", "p"), { kind: "close", target: "P", name: "p" }],
  ["Sync", fe.sync(), { kind: "sync" }],
  ["Flush", fe.flush(), { kind: "flush" }],
  ["Terminate", fe.terminate(), { kind: "terminate" }],
  ["PasswordMessage", fe.password("pw"), { kind: "password", data: Buffer.from("pw\0") }],
  ["CopyData", fe.copyData(Buffer.from("x")), { kind: "copy", code: 0x64 }],
  ["FunctionCall", new ByteBuilder().int32(1).frame("F"), { kind: "unknown", code: 0x46 }],
];

describe("frontend reader: startup phase", () => {
  for (const [name, bytes, expected] of startupCases) {
    test(`${name}: split at every offset`, () => {
      for (let i = 0; i <= bytes.length; i++) {
        const r = new MessageReader();
        r.push(bytes.subarray(0, i));
        if (i < bytes.length) assert.equal(r.next(), null, `complete at ${i}`);
        r.push(bytes.subarray(i));
        assert.deepEqual(plain(drain(r)), plain([expected]), `split at ${i}`);
      }
    });
  }
  test("SSLRequest then StartupMessage, split at every offset across both", () => {
    const both = Buffer.concat([fe.sslRequest(), STARTUP]);
    for (let i = 0; i <= both.length; i++) {
      const r = new MessageReader();
      r.push(both.subarray(0, i));
      const got = drain(r);
      r.push(both.subarray(i));
      got.push(...drain(r));
      assert.deepEqual(
        got.map((m) => m.kind),
        ["ssl-request", "startup"],
        `split at ${i}`,
      );
    }
  });
});

describe("frontend reader: typed messages", () => {
  for (const [name, bytes, expected] of typedCases) {
    test(`${name}: split at every offset, byte by byte`, () => {
      for (let i = 0; i <= bytes.length; i++) {
        const r = typedReader();
        r.push(bytes.subarray(0, i));
        if (i < bytes.length) assert.equal(r.next(), null, `complete at ${i}`);
        r.push(bytes.subarray(i));
        assert.deepEqual(plain(drain(r)), plain([expected]), `split at ${i}`);
      }
      const r = typedReader();
      for (const byte of bytes) r.push(Buffer.from([byte]));
      assert.deepEqual(plain(drain(r)), plain([expected]), "byte by byte");
    });
  }
  test("every pair of messages, split at every offset across the two", () => {
    for (const [n1, b1, e1] of typedCases) {
      for (const [n2, b2, e2] of typedCases) {
        const both = Buffer.concat([b1, b2]);
        for (let i = 0; i <= both.length; i++) {
          const r = typedReader();
          r.push(both.subarray(0, i));
          const got = drain(r);
          r.push(both.subarray(i));
          got.push(...drain(r));
          assert.deepEqual(plain(got), plain([e1, e2]), `${n1} + ${n2} split at ${i}`);
        }
      }
    }
  });
});

describe("frontend reader: bad input", () => {
  /** Framing errors are ProtocolError (FATAL); a bad body in a good frame is MalformedMessageError. */
  const bad = (setup: (r: MessageReader) => void, startup = false, sqlstate = "08P01"): void => {
    const r = startup ? new MessageReader() : typedReader({ maxMessageBytes: 1024 });
    assert.throws(
      () => {
        setup(r);
        drain(r);
      },
      (e: unknown) => e instanceof LakeshiftError && e.sqlstate === sqlstate,
    );
  };
  const badBody = (bytes: Buffer, sqlstate = "08P01"): void => {
    const r = typedReader();
    r.push(Buffer.concat([bytes, fe.sync()]));
    assert.throws(
      () => r.next(),
      (e: unknown) => e instanceof MalformedMessageError && e.sqlstate === sqlstate && e.messageCode === bytes[0],
    );
    assert.deepEqual(r.next(), { kind: "sync" }, "the stream stays in step after a bad body");
  };
  test("startup packet too short or too long", () => {
    bad((r) => r.push(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0])), true);
    bad((r) => r.push(Buffer.from([0, 0, 0x27, 0x11])), true);
    bad((r) => r.push(Buffer.from([0xff, 0xff, 0xff, 0xff])), true);
  });
  test("a typed message before startup is an invalid startup length", () => {
    bad((r) => r.push(fe.query("select 1")), true);
  });
  test("startup packet without terminator", () => {
    bad((r) => r.push(new ByteBuilder().int32(196608).cstring("user").cstring("x").frame()), true);
  });
  test("length negative, below 4, or over maxMessageBytes", () => {
    bad((r) => r.push(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff])));
    bad((r) => r.push(Buffer.from([0x51, 0, 0, 0, 3])));
    bad((r) => r.push(Buffer.from([0x51, 0, 0, 0x04, 0x01])));
  });
  test("body shorter than its fields", () => {
    badBody(new ByteBuilder().cstring("p").frame("E"));
    badBody(new ByteBuilder().string("no terminator").frame("Q"));
    badBody(new ByteBuilder().cstring("").cstring("").int16(0).int16(1).int32(100).frame("B"));
    badBody(new ByteBuilder().cstring("").cstring("").int16(0).int16(1).int32(-2).frame("B"));
  });
  test("trailing bytes, bad describe subtype, invalid UTF-8 (22021)", () => {
    badBody(new ByteBuilder().int8(1).frame("S"));
    badBody(new ByteBuilder().string("X").cstring("").frame("D"));
    badBody(new ByteBuilder().bytes(Buffer.from([0x61, 0xc3, 0x28, 0])).frame("Q"), "22021");
  });
  test("invalid UTF-8 is reported as Postgres does", () => {
    const r = typedReader();
    r.push(new ByteBuilder().bytes(Buffer.from([0x61, 0xc3, 0x28, 0])).frame("Q"));
    assert.throws(() => r.next(), { message: 'invalid byte sequence for encoding "UTF8": 0xc3 0x28' });
  });
  test("a message exactly at maxMessageBytes is accepted", () => {
    const r = typedReader({ maxMessageBytes: 64 });
    const sql = "x".repeat(64 - 4 - 1);
    r.push(fe.query(sql));
    assert.deepEqual(drain(r), [{ kind: "query", sql }]);
  });
});
