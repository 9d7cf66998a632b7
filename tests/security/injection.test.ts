// tests/security/injection.test.ts
//! SQL injection through identifiers and literals: names and values full of quotes, semicolons,
//! comment markers, backslashes and newlines round-trip exactly through CREATE, INSERT, SELECT,
//! GRANT and CREATE USER, and never run a second statement (a canary table survives and
//! the statement log holds no stray DROP). Random cases are generated from a fixed seed.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;

const qi = (s: string) => `"${s.replaceAll('"', '""')}"`;
const ql = (s: string) => `'${s.replaceAll("'", "''")}'`;

const EVIL = [
  `x"; DROP TABLE canary; --`,
  `'); DROP TABLE canary; --`,
  `a""b`,
  `semi;colon`,
  `back\\slash\\`,
  `new\nline`,
  `-- comment`,
  `/* block */`,
  `$$dollar$$`,
  `tab\there`,
  `ünïcødé ✓`,
  `E'x'`,
  `"`,
  `'`,
];

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['"', "'", ";", "-", "-", "/", "*", "\\", " ", "\n", "$", "a", "b", "Z", "0", "é", ")", "("];
function randomText(next: () => number): string {
  const n = 1 + Math.floor(next() * 12);
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  await admin.query("CREATE TABLE canary (a int)");
});

after(async () => {
  await admin?.end();
  await server?.stop();
});

async function roundTrip(name: string, value: string): Promise<void> {
  await admin.query(`CREATE TABLE ${qi(name)} (${qi(name)} varchar(200))`);
  await admin.query(`INSERT INTO ${qi(name)} VALUES (${ql(value)})`);
  const r = await admin.query({
    text: `SELECT ${qi(name)} FROM ${qi(name)} WHERE ${qi(name)} = ${ql(value)}`,
    rowMode: "array",
  });
  assert.deepEqual(r.rows, [[value]], JSON.stringify({ name, value }));
  assert.equal(r.fields[0]?.name, name);
  const p = await admin.query({
    text: `SELECT count(*)::int FROM ${qi(name)} WHERE ${qi(name)} = $1`,
    values: [value],
    rowMode: "array",
  });
  assert.deepEqual(p.rows, [[1]]);
  await admin.query(`GRANT SELECT (${qi(name)}) ON ${qi(name)} TO PUBLIC`);
  await admin.query(`DROP TABLE ${qi(name)}`);
}

test("hand-picked hostile names and values round-trip and run nothing else", async () => {
  for (const name of EVIL) {
    for (const value of [EVIL[0] as string, EVIL[1] as string, name]) await roundTrip(name, value);
  }
  const r = await admin.query("SELECT count(*)::int AS n FROM canary");
  assert.equal(r.rows[0].n, 0);
});

test("random names and values from a fixed seed", async () => {
  const next = rng(20261124);
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const name = randomText(next);
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    await roundTrip(name, randomText(next));
  }
  const r = await admin.query("SELECT count(*)::int AS n FROM canary");
  assert.equal(r.rows[0].n, 0);
});

test("user names with quotes stay data; passwords with quotes are refused by Redshift's rules", async () => {
  await assert.rejects(
    admin.query(`CREATE USER q PASSWORD ${ql("Pa'ss;w0rd")}`),
    (e: { code?: string }) => e.code === "22023",
  );
  for (const [i, name] of [`o'brien`, `x"; DROP TABLE canary; --`, "semi;colon"].entries()) {
    const password = `Pa;ss$w0rd-${i}`;
    await admin.query(`CREATE USER ${qi(name)} PASSWORD ${ql(password)}`);
    const c = new pg.Client(server.connection({ user: name, password }));
    await c.connect();
    const r = await c.query("SELECT current_user AS u");
    assert.equal(r.rows[0].u, name);
    await c.end();
    await admin.query(`DROP USER ${qi(name)}`);
  }
  const r = await admin.query("SELECT count(*)::int AS n FROM canary");
  assert.equal(r.rows[0].n, 0);
});

test("a NUL made by an escape is refused with 22021 and the session goes on", async () => {
  for (const sql of [`SELECT E'a\\000b'`, `SELECT E'\\x00'`, `CREATE TABLE nul (a varchar DEFAULT E'\\0')`]) {
    await assert.rejects(admin.query(sql), (e: { code?: string }) => e.code === "22021", sql);
  }
  const r = await admin.query("SELECT count(*)::int AS n FROM canary");
  assert.equal(r.rows[0].n, 0);
});
