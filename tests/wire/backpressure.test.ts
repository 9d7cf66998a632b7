// tests/wire/backpressure.test.ts
//! A big result streams with bounded memory: while the client does not read, the server stops
//! pulling chunks from the session; once it reads, every row arrives.

import assert from "node:assert/strict";
import { type Socket, connect } from "node:net";
import { after, before, test } from "node:test";
import { fe } from "../helpers/wire-bytes.js";
import { SERIES_CHUNK_ROWS } from "../helpers/wire-memory-sql.js";
import { type MemoryServer, USER, startMemoryServer, waitFor } from "../helpers/wire-server.js";

let srv: MemoryServer;
before(async () => {
  srv = await startMemoryServer({ method: "trust" });
});
after(async () => {
  await srv.close();
});

/** Counts backend messages by type as they stream, without keeping them. Resolves at ReadyForQuery number `untilZ`. */
function counter(socket: Socket, untilZ: number): { counts: Map<string, number>; done: Promise<void> } {
  const counts = new Map<string, number>();
  let carry = Buffer.alloc(0);
  let zs = 0;
  const done = new Promise<void>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let at = 0;
      while (buf.length - at >= 5) {
        const len = buf.readInt32BE(at + 1);
        if (buf.length - at < len + 1) break;
        const code = String.fromCharCode(buf[at]!);
        counts.set(code, (counts.get(code) ?? 0) + 1);
        at += len + 1;
        if (code === "Z" && ++zs === untilZ) resolve();
      }
      buf = buf.subarray(at);
      carry = Buffer.from(buf);
    });
    socket.on("close", () => reject(new Error("closed")));
  });
  return { counts, done };
}

/** Polls a counter until it has not moved for 300 ms; returns its value. */
async function settled(value: () => number): Promise<number> {
  let last = value();
  let still = 0;
  for (let i = 0; i < 200 && still < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = value();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  assert.equal(still, 3, "the counter never settled");
  return last;
}

test("a 2,000,000-row result waits for a slow reader, then arrives whole", async () => {
  const total = 2_000_000;
  const chunks = total / SERIES_CHUNK_ROWS;
  const socket = connect({ host: "127.0.0.1", port: srv.port });
  await new Promise((r) => socket.once("connect", r));
  const { counts, done } = counter(socket, 2);
  socket.write(fe.startup({ user: USER, database: "dev" }));
  await waitFor(() => counts.get("Z") === 1, 10_000);

  socket.pause();
  const before = srv.cluster.store.chunksProduced;
  socket.write(fe.query(`select n from series(${total})`));
  // Wait until the server stops pulling chunks (socket buffers full), however slow the machine.
  const whilePaused = await settled(() => srv.cluster.store.chunksProduced - before);
  assert.ok(whilePaused > 0, "the query started");
  assert.ok(
    whilePaused < chunks / 2,
    `server pulled ${whilePaused} of ${chunks} chunks while the client was not reading`,
  );

  socket.resume();
  await done;
  assert.equal(counts.get("D"), total);
  assert.equal(counts.get("C"), 1);
  assert.equal(srv.cluster.store.chunksProduced - before, chunks);
  socket.destroy();
});

test("a client that disconnects mid-result stops the stream and closes the session", async () => {
  const socket = connect({ host: "127.0.0.1", port: srv.port });
  await new Promise((r) => socket.once("connect", r));
  socket.on("error", () => undefined);
  const { counts, done } = counter(socket, 99);
  done.catch(() => undefined);
  socket.write(fe.startup({ user: USER, database: "dev" }));
  await waitFor(() => counts.get("Z") === 1, 10_000);
  const opened = [...srv.cluster.sessions.values()].at(-1)!;
  socket.pause();
  const before = srv.cluster.store.chunksProduced;
  socket.write(fe.query("select n from series(5000000)"));
  await new Promise((r) => setTimeout(r, 300));
  socket.destroy();
  await waitFor(() => opened.isClosed, 10_000);
  const after = await settled(() => srv.cluster.store.chunksProduced - before);
  assert.ok(after < 5000, "the stream stopped early");
});
