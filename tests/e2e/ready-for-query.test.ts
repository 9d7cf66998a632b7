// tests/e2e/ready-for-query.test.ts
//! ReadyForQuery reports the real transaction state of the session on the real server:
//! 'I' idle, 'T' in a transaction block, 'E' in a failed one (until ROLLBACK), over a raw socket.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer, type TestServer } from "../helpers/server.js";
import { authenticate, cstr, message, RawConnection } from "./raw-protocol.js";

/** Sends one simple Query and returns the message types up to ReadyForQuery and its status. */
async function simpleQuery(conn: RawConnection, sql: string): Promise<{ types: string; status: string }> {
  conn.write(message("Q", cstr(sql)));
  let types = "";
  for (;;) {
    const m = await conn.next();
    if (!m) throw new Error(`connection closed during ${sql}`);
    if (m.type === "N" || m.type === "S") continue;
    types += m.type;
    if (m.type === "Z") return { types, status: String.fromCharCode(m.body[0]!) };
  }
}

describe("ReadyForQuery transaction status", { timeout: 60_000 }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("I, T and E follow the session's transaction", async () => {
    const c = server.connection();
    const conn = await RawConnection.open(c.host, c.port);
    try {
      await authenticate(conn, c.user, c.password, c.database);
      const steps: [string, string, string][] = [
        ["create table rfq (a int)", "CZ", "I"],
        ["begin", "CZ", "T"],
        ["insert into rfq values (1)", "CZ", "T"],
        ["select a from rfq", "TDCZ", "T"],
        ["select * from no_such_rfq", "EZ", "E"],
        ["select 1", "EZ", "E"],
        ["rollback", "CZ", "I"],
        ["select count(*) from rfq", "TDCZ", "I"],
        ["start transaction", "CZ", "T"],
        ["commit", "CZ", "I"],
        ["select 1 / 0", "EZ", "I"],
        ["", "IZ", "I"],
      ];
      const got: string[] = [];
      for (const [sql, types, status] of steps) {
        const r = await simpleQuery(conn, sql);
        if (r.types !== types || r.status !== status) {
          got.push(`${JSON.stringify(sql)}: expected ${types}/${status}, got ${r.types}/${r.status}`);
        }
      }
      assert.deepEqual(got, []);
    } finally {
      conn.destroy();
    }
  });
});
