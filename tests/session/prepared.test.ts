// tests/session/prepared.test.ts
//! Named prepared statements keep their plan between executions, except what must be evaluated
//! anew: GETDATE() is the time of each execution. extra_float_digits reaches the text output.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let c: pg.Client;
before(async () => {
  server = await startServer();
  c = new pg.Client({ ...server.connection(), types: { getTypeParser: () => (v: string) => v } });
  await c.connect();
});
after(async () => {
  await c?.end();
  await server?.stop();
});

test("a named statement using GETDATE() sees the time of each execution", async () => {
  const q = { name: "now_q", text: "select getdate() as t, $1::int as n" };
  const first = await c.query({ ...q, values: [1] });
  await new Promise((r) => setTimeout(r, 1100));
  const second = await c.query({ ...q, values: [2] });
  assert.equal(second.rows[0].n, "2");
  assert.ok(second.rows[0].t > first.rows[0].t, `${second.rows[0].t} should be after ${first.rows[0].t}`);
});

test("extra_float_digits 0 prints 15 significant digits; 3 prints the shortest exact form", async () => {
  const q = "select 0.1::float8 * 3 as d, 1 / 3::float4 as r";
  assert.deepEqual((await c.query(q)).rows[0], { d: "0.3", r: "0.333333" });
  await c.query("set extra_float_digits to 3");
  assert.deepEqual((await c.query(q)).rows[0], { d: "0.30000000000000004", r: "0.33333334" });
  await c.query("reset extra_float_digits");
});
