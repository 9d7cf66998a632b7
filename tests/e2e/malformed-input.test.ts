// tests/e2e/malformed-input.test.ts
//! 1,000 malformed protocol inputs over raw sockets against the real server: random bytes,
//! truncated and oversized messages, bad lengths and versions, messages before startup, broken
//! extended-protocol messages after authentication. Each may close only its own connection:
//! meanwhile a normal client keeps committing rows, and afterwards the server still answers and
//! every committed row is there. Inputs come from a seeded PRNG (MALFORMED_SEED to replay).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";
import { authenticate, cstr, int16, int32, message, PROTOCOL_3, prng, RawConnection, startup } from "./raw-protocol.js";

const TOTAL = 1000;
const PARALLEL = 16;
/** How long to wait for the server to close a connection we expect it to keep open. */
const LINGER_MS = 150;
/** How long the server may take to close a connection it must close. */
const MUST_CLOSE_MS = 3000;
const SEED = Number(process.env.MALFORMED_SEED ?? 20261124);

interface Case {
  readonly kind: string;
  /** Authenticate first, then send `bytes`. */
  readonly afterAuth: boolean;
  readonly bytes: Buffer;
  /** Half-close our side after sending (a truncated message that will never complete). */
  readonly endAfter: boolean;
  /** The input is malformed beyond doubt: the server must close the connection. */
  readonly mustClose: boolean;
}

function randomBuffer(rand: () => number, min: number, max: number): Buffer {
  const n = min + Math.floor(rand() * (max - min + 1));
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** Valid frontend message type bytes after startup. */
const VALID_TYPES = new Set("BCdcfDEHFPpQSX".split(""));

function makeCase(i: number, rand: () => number, user: string, database: string): Case {
  const c = (kind: string, bytes: Buffer, o: Partial<Omit<Case, "kind" | "bytes">> = {}): Case => ({
    kind,
    bytes,
    afterAuth: o.afterAuth ?? false,
    endAfter: o.endAfter ?? false,
    mustClose: o.mustClose ?? false,
  });
  const good = startup({ user, database });
  switch (i % 24) {
    case 0:
      return c("random bytes before startup", randomBuffer(rand, 1, 300));
    case 1:
      return c("startup length below 8", Buffer.concat([int32(Math.floor(rand() * 8)), randomBuffer(rand, 0, 20)]), {
        mustClose: true,
      });
    case 2:
      return c(
        "oversized startup length",
        Buffer.concat([
          int32(100_000_000 + Math.floor(rand() * 2_000_000_000)),
          int32(PROTOCOL_3),
          randomBuffer(rand, 0, 64),
        ]),
        { mustClose: true },
      );
    case 3:
      return c(
        "negative startup length",
        Buffer.concat([int32(-1 - Math.floor(rand() * 1e9)), randomBuffer(rand, 0, 16)]),
        {
          mustClose: true,
        },
      );
    case 4:
      return c("truncated startup", good.subarray(0, 1 + Math.floor(rand() * (good.length - 1))), { endAfter: true });
    case 5: {
      let v = Math.floor(rand() * 0x7fffffff);
      // Not 3.x (a newer minor version is negotiated, not refused) nor a special request code.
      if (v >>> 16 === 3 || (v >= 80877102 && v <= 80877104)) v = 1234 << 16;
      return c("unsupported protocol version", startup({ user, database }, v), { mustClose: true });
    }
    case 6: {
      const body = Buffer.concat([int32(PROTOCOL_3), cstr("user"), Buffer.from(user)]);
      return c("startup parameters without terminators", Buffer.concat([int32(body.length + 4), body]), {
        mustClose: true,
      });
    }
    case 7:
      return c(
        "regular message before startup",
        pick(rand, [
          message("Q", cstr("select 1")),
          message("X"),
          message("P", Buffer.concat([cstr(""), cstr("select 1"), int16(0)])),
        ]),
        { mustClose: true },
      );
    case 8:
      return c("SSLRequest then garbage", Buffer.concat([int32(8), int32(80877103), randomBuffer(rand, 1, 100)]));
    case 9: {
      const body = Buffer.concat([int32(PROTOCOL_3), cstr("user"), Buffer.from([0])]);
      return c("startup key without value", Buffer.concat([int32(body.length + 4), body]), { mustClose: true });
    }
    case 10:
      // An unknown user still gets a full (dummy) auth exchange, so the server may wait here.
      return c("startup with invalid UTF-8 names", startupRaw([Buffer.from("user"), Buffer.from([0xff, 0xfe, 0x80])]));
    case 11:
      return c(
        "CancelRequest for an unknown backend",
        Buffer.concat([int32(16), int32(80877102), int32(Math.floor(rand() * 1e9)), int32(Math.floor(rand() * 1e9))]),
        { mustClose: true },
      );
    case 12:
      return c("startup without user", startup({ database }), { mustClose: true });
    case 13: {
      let t = String.fromCharCode(33 + Math.floor(rand() * 90));
      while (VALID_TYPES.has(t)) t = String.fromCharCode(33 + Math.floor(rand() * 90));
      return c("unknown message type", message(t, randomBuffer(rand, 0, 40)), { afterAuth: true, mustClose: true });
    }
    case 14:
      return c(
        "message length below 4",
        Buffer.concat([Buffer.from(pick(rand, ["Q", "P", "B", "E", "S"])), int32(Math.floor(rand() * 4))]),
        {
          afterAuth: true,
          mustClose: true,
        },
      );
    case 15:
      return c(
        "oversized message length",
        Buffer.concat([
          Buffer.from(pick(rand, ["Q", "P", "B", "d"])),
          int32(0x40000000 + Math.floor(rand() * 0x3fffffff)),
          randomBuffer(rand, 0, 64),
        ]),
        { afterAuth: true, mustClose: true },
      );
    case 16: {
      const q = message("Q", cstr("select 1"));
      return c("truncated query message", q.subarray(0, 1 + Math.floor(rand() * (q.length - 1))), {
        afterAuth: true,
        endAfter: true,
      });
    }
    case 17:
      return c("query without terminator", message("Q", Buffer.from("select 1")), { afterAuth: true });
    case 18: {
      const p = message("P", Buffer.concat([cstr("s1"), cstr("select $1::int"), int16(1), int32(23)]));
      const cut = 5 + Math.floor(rand() * (p.length - 6));
      const body = p.subarray(5, cut);
      return c("Parse with a truncated body", Buffer.concat([message("P", body), message("S")]), { afterAuth: true });
    }
    case 19: {
      const bind = Buffer.concat([cstr(""), cstr(""), int16(0), int16(1), int32(4), Buffer.from("1234"), int16(0)]);
      const body = bind.subarray(0, Math.floor(rand() * bind.length));
      return c("Bind with a truncated body", Buffer.concat([message("B", body), message("S")]), { afterAuth: true });
    }
    case 20:
      return c(
        "Bind with a negative parameter length",
        Buffer.concat([
          message("P", Buffer.concat([cstr(""), cstr("select $1::int"), int16(0)])),
          message(
            "B",
            Buffer.concat([cstr(""), cstr(""), int16(0), int16(1), int32(-5 - Math.floor(rand() * 1000)), int16(0)]),
          ),
          message("E", Buffer.concat([cstr(""), int32(0)])),
          message("S"),
        ]),
        { afterAuth: true },
      );
    case 21:
      return c(
        "Describe/Close with a bad kind, Execute of a missing portal",
        Buffer.concat([
          message("D", Buffer.concat([Buffer.from(pick(rand, ["X", "Z", "\u0000"])), cstr("nope")])),
          message("C", Buffer.concat([Buffer.from("Q"), cstr("nope")])),
          message("E", Buffer.concat([cstr("no_portal"), int32(0)])),
          message("S"),
        ]),
        { afterAuth: true },
      );
    case 22:
      return c("random bytes after authentication", randomBuffer(rand, 1, 300), { afterAuth: true });
    default:
      return c(
        "copy, function call and password messages out of place",
        Buffer.concat([
          message("d", randomBuffer(rand, 0, 30)),
          message("c"),
          message("f", cstr("nope")),
          message("F", Buffer.concat([int32(1234), int16(0), int16(0), int16(0)])),
          message("p", cstr("password")),
          message("S"),
        ]),
        { afterAuth: true },
      );
  }
}

function startupRaw(fields: Buffer[]): Buffer {
  const body = Buffer.concat([int32(PROTOCOL_3), ...fields.flatMap((f) => [f, Buffer.from([0])]), Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

describe("malformed protocol input", { timeout: 180_000 }, () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test(`${TOTAL} malformed inputs close only their own connection; no committed row is lost`, async () => {
    const conn = server.connection();
    const bystander = new pg.Client(conn);
    await bystander.connect();
    await bystander.query("create table survivors (batch int, n int)");
    let committed = 0;
    const commitBatch = async (batch: number) => {
      await bystander.query("begin");
      await bystander.query(
        `insert into survivors values ${Array.from({ length: 10 }, (_, k) => `(${batch}, ${k})`).join(", ")}`,
      );
      await bystander.query("commit");
      committed += 10;
    };
    await commitBatch(0);

    const rand = prng(SEED);
    const cases = Array.from({ length: TOTAL }, (_, i) => makeCase(i, rand, conn.user, conn.database));
    const notClosed = new Map<string, number>();
    const authFailures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const idx = next++;
        const k = cases[idx]!;
        const sock = await RawConnection.open(conn.host, conn.port);
        try {
          if (k.afterAuth) {
            try {
              await authenticate(sock, conn.user, conn.password, conn.database);
            } catch (e) {
              authFailures.push(`#${idx} ${k.kind}: ${(e as Error).message}`);
              continue;
            }
          }
          sock.write(k.bytes);
          if (k.endAfter) sock.socket.end();
          const closed = await sock.closedWithin(k.mustClose ? MUST_CLOSE_MS : LINGER_MS);
          if (k.mustClose && !closed) notClosed.set(k.kind, (notClosed.get(k.kind) ?? 0) + 1);
        } finally {
          sock.destroy();
        }
        if (idx % 100 === 99) await commitBatch(idx);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    assert.ok(server.alive(), `the server process died; output:\n${server.output().slice(-3000)}`);
    assert.deepEqual(authFailures, [], "normal authentication failed between malformed inputs");
    // The bystander session survived all of it and still works.
    assert.deepEqual((await bystander.query("select 1 as one")).rows, [{ one: 1 }]);
    await bystander.end();
    // A new client connects, and every committed row is there.
    const fresh = new pg.Client(conn);
    await fresh.connect();
    try {
      const { rows } = await fresh.query("select count(*)::int as n, count(distinct batch)::int as b from survivors");
      assert.deepEqual(rows, [{ n: committed, b: committed / 10 }]);
    } finally {
      await fresh.end();
    }
    assert.deepEqual(
      Object.fromEntries(notClosed),
      {},
      "malformed inputs the server did not answer by closing the connection",
    );
  });
});
