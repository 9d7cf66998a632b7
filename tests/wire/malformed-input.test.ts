// tests/wire/malformed-input.test.ts
//! 1,000 hostile inputs over raw sockets (random bytes, truncated and oversized messages, bad
//! lengths, messages before startup, unknown types), then a normal client still connects: bad
//! input closes only its own connection and never takes the server down.

import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import pg from "pg";
import { ByteBuilder, errorFields, fe, splitBackend } from "../helpers/wire-bytes.js";
import { type MemoryServer, USER, startMemoryServer, waitFor } from "../helpers/wire-server.js";

const MAX_MESSAGE = 64 * 1024;
let srv: MemoryServer;
before(async () => {
  srv = await startMemoryServer({ method: "trust" }, { maxMessageBytes: MAX_MESSAGE });
});
after(async () => {
  await srv.close();
});

/** A small deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STARTUP = fe.startup({ user: USER, database: "dev" });
const VALID = [
  fe.query("select 1"),
  fe.parse("s", "select $1", [25]),
  fe.bind("", "s", ["x"]),
  fe.describe("P", ""),
  fe.execute("", 1),
  fe.sync(),
  fe.close("S", "s"),
  fe.flush(),
];

function header(code: number, len: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = code;
  b.writeInt32BE(len, 1);
  return b;
}

/** One hostile input: what to send, and whether it starts with a valid startup. */
function makeInput(rand: () => number, i: number): { name: string; bytes: Buffer; mustFail?: boolean } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const randomBytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const valid = pick(VALID);
  switch (i % 10) {
    case 0:
      return { name: "random bytes before startup", bytes: randomBytes(1 + Math.floor(rand() * 300)) };
    case 1:
      return { name: "truncated startup", bytes: STARTUP.subarray(0, Math.floor(rand() * STARTUP.length)) };
    case 2:
      return { name: "typed message before startup", bytes: valid, mustFail: true };
    case 3: {
      const lens = [-1, 0, 3, 7, 10_001, 0x7fffffff, -2147483648];
      const b = Buffer.alloc(8);
      b.writeInt32BE(pick(lens));
      b.writeInt32BE(196608, 4);
      return { name: "bad startup length", bytes: b, mustFail: true };
    }
    case 4:
      return {
        name: "random bytes after startup",
        bytes: Buffer.concat([STARTUP, randomBytes(1 + Math.floor(rand() * 300))]),
      };
    case 5:
      return {
        name: "truncated message after startup",
        bytes: Buffer.concat([STARTUP, valid.subarray(0, Math.floor(rand() * valid.length))]),
      };
    case 6: {
      const lens = [-1, 0, 3, MAX_MESSAGE + 1, 0x7fffffff, -2147483648];
      return { name: "bad typed length", bytes: Buffer.concat([STARTUP, header(0x51, pick(lens))]), mustFail: true };
    }
    case 7: {
      // a valid frame around a corrupted body
      const body = randomBytes(Math.floor(rand() * 40));
      const code = pick([0x42, 0x43, 0x44, 0x45, 0x50, 0x51, 0x53, 0x48, 0x70, 0x46, 0x21, 0x00, 0xff]);
      return { name: "corrupted body", bytes: Buffer.concat([STARTUP, header(code, body.length + 4), body]) };
    }
    case 8: {
      // valid message with bytes flipped
      const m = Buffer.from(valid);
      m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
      return { name: "flipped byte", bytes: Buffer.concat([STARTUP, m, fe.sync()]) };
    }
    default: {
      const bad = [
        new ByteBuilder().int32(80877102).int32(1).frame(), // short CancelRequest
        new ByteBuilder().int32(80877103).int32(0).frame(), // long SSLRequest
        Buffer.concat([fe.sslRequest(), fe.sslRequest()]),
        new ByteBuilder().int32(196608).cstring("user").frame(), // no value, no terminator
        Buffer.concat([STARTUP, fe.password("unexpected")]),
        Buffer.concat([STARTUP, STARTUP]),
      ];
      return { name: "protocol misuse", bytes: pick(bad) };
    }
  }
}

/**
 * Sends the input and half-closes; the server answers what it read (it handles data before the
 * end of the stream) and then closes. Returns what came back.
 */
function attempt(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = connect({ host: "127.0.0.1", port }, () => s.end(bytes));
    const done = (): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(done, 10_000);
    s.on("data", (d) => chunks.push(d));
    s.on("close", done);
    s.on("error", () => undefined);
  });
}

test("1,000 malformed inputs: each gets at most a FATAL and a close; the server keeps serving", async () => {
  const rand = rng(20261124);
  const inputs = Array.from({ length: 1000 }, (_, i) => makeInput(rand, i));
  let fatals = 0;
  for (let i = 0; i < inputs.length; i += 50) {
    const replies = await Promise.all(inputs.slice(i, i + 50).map((x) => attempt(srv.port, x.bytes)));
    replies.forEach((reply, j) => {
      const input = inputs[i + j]!;
      const fatal = reply.indexOf(Buffer.from("SFATAL\0"));
      if (input.mustFail) assert.ok(fatal >= 0, `${input.name}: no FATAL reply`);
      if (fatal < 0) return;
      fatals++;
      // Everything up to and including the FATAL error must be well-framed backend messages.
      const start = fatal - 5;
      assert.equal(reply[start], 0x45);
      const len = reply.readInt32BE(start + 1);
      const f = errorFields(splitBackend(reply.subarray(start, start + 1 + len))[0]!.body);
      assert.ok(["08P01", "0A000", "28000", "3D000", "22021"].includes(f.C!), `${input.name}: ${f.C} ${f.M}`);
    });
  }
  assert.ok(fatals >= inputs.filter((x) => x.mustFail).length);
  await waitFor(() => srv.cluster.sessions.size === 0, 5000);

  const client = new pg.Client({ host: "127.0.0.1", port: srv.port, user: USER, database: "dev" });
  await client.connect();
  const r = await client.query("select n from series($1)", [3]);
  assert.deepEqual(
    r.rows.map((x) => x.n),
    [1, 2, 3],
  );
  await client.end();
});
