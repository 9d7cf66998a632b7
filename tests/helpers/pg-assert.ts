// tests/helpers/pg-assert.ts
//! Small assertions over a node-postgres client, shared by the over-the-wire tests.

import assert from "node:assert/strict";
import type pg from "pg";

/** The first column of the first row (undefined when there is no row). */
export async function one(c: pg.Client, sql: string): Promise<unknown> {
  const r = await c.query({ text: sql, rowMode: "array" });
  return r.rows[0]?.[0];
}

/** `sql` must fail with SQLSTATE `code` and, when given, a message matching `message`. */
export async function fails(c: pg.Client, sql: string, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(c.query(sql), (e: { code?: string; message: string }) => {
    assert.equal(e.code, code, `${sql}: ${e.message}`);
    if (message) assert.match(e.message, message);
    return true;
  });
}
