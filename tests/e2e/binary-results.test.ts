// tests/e2e/binary-results.test.ts
//! Binary result format for the common types over the extended protocol (Parse/Bind with result
//! format 1/Execute/Sync) on a raw socket: each value's bytes are the Postgres binary encoding.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer, type TestServer } from "../helpers/server.js";
import { authenticate, cstr, int16, int32, message, RawConnection } from "./raw-protocol.js";

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

function dataRowCells(body: Buffer): (Buffer | null)[] {
  const n = body.readInt16BE(0);
  const cells: (Buffer | null)[] = [];
  let off = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(off);
    off += 4;
    if (len < 0) cells.push(null);
    else {
      cells.push(body.subarray(off, off + len));
      off += len;
    }
  }
  return cells;
}

describe("binary result format", { timeout: 60_000 }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("ints, floats, bool, text, date, timestamp and timestamptz in binary", async () => {
    const c = server.connection();
    const conn = await RawConnection.open(c.host, c.port);
    try {
      await authenticate(conn, c.user, c.password, c.database);
      const sql =
        "select -2::smallint, 70000::int, 5000000000::bigint, 1.5::real, -2.25::float8, true, 'héllo'::varchar(10), " +
        "'2020-02-29'::date, '2020-02-29 23:59:58.5'::timestamp, '2001-01-01 00:00:00+00'::timestamptz, null::int";
      conn.write(
        Buffer.concat([
          message("P", Buffer.concat([cstr(""), cstr(sql), int16(0)])),
          message("B", Buffer.concat([cstr(""), cstr(""), int16(0), int16(0), int16(1), int16(1)])),
          message("E", Buffer.concat([cstr(""), int32(0)])),
          message("S"),
        ]),
      );
      let row: (Buffer | null)[] | undefined;
      let error = "";
      for (;;) {
        const m = await conn.next();
        assert.ok(m, "connection closed");
        if (m.type === "D") row = dataRowCells(m.body);
        if (m.type === "E") error = m.body.toString("utf8").replace(/\0/g, " ");
        if (m.type === "Z") break;
      }
      assert.equal(error, "");
      assert.ok(row, "no DataRow");
      const [i2, i4, i8, f4, f8, b, t, d, ts, tz, nul] = row;
      assert.equal(i2!.length, 2);
      assert.equal(i2!.readInt16BE(0), -2);
      assert.equal(i4!.length, 4);
      assert.equal(i4!.readInt32BE(0), 70000);
      assert.equal(i8!.length, 8);
      assert.equal(i8!.readBigInt64BE(0), 5000000000n);
      assert.equal(f4!.length, 4);
      assert.equal(f4!.readFloatBE(0), 1.5);
      assert.equal(f8!.length, 8);
      assert.equal(f8!.readDoubleBE(0), -2.25);
      assert.deepEqual([...b!], [1]);
      assert.equal(t!.toString("utf8"), "héllo");
      // date: int32 days since 2000-01-01
      assert.equal(d!.length, 4);
      assert.equal(PG_EPOCH_MS + d!.readInt32BE(0) * 86_400_000, Date.UTC(2020, 1, 29));
      // timestamp(tz): int64 microseconds since 2000-01-01 (UTC for timestamptz)
      assert.equal(ts!.length, 8);
      assert.equal(ts!.readBigInt64BE(0), BigInt(Date.UTC(2020, 1, 29, 23, 59, 58) - PG_EPOCH_MS) * 1000n + 500000n);
      assert.equal(tz!.length, 8);
      assert.equal(tz!.readBigInt64BE(0), BigInt(Date.UTC(2001, 0, 1) - PG_EPOCH_MS) * 1000n);
      assert.equal(nul, null);
    } finally {
      conn.destroy();
    }
  });
});
