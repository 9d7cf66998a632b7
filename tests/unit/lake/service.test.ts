// tests/unit/lake/service.test.ts
//! LakeService: what the session holds; S3 settings from the environment.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { MemoryCatalog } from "../../../src/catalog/memory.js";
import { Engine } from "../../../src/engine/index.js";
import { LakeService, s3OptionsFromEnv } from "../../../src/lake/index.js";
import { bindCopy } from "../../../src/plan/bind/copy.js";
import { BindState } from "../../../src/plan/bind/context.js";
import { RoleStore, requireS3 } from "../../../src/security/policy/index.js";
import { tokenize } from "../../../src/sql/lexer/lexer.js";
import { parseCopy } from "../../../src/sql/parser/copy.js";
import { Cursor } from "../../../src/sql/parser/cursor.js";
import { T } from "../../../src/sql/types.js";
import { copyConverter } from "../../../src/translate/duckdb/copy.js";

test("S3 settings come from the environment only when an endpoint is given", () => {
  assert.equal(s3OptionsFromEnv({}), undefined);
  assert.deepEqual(
    s3OptionsFromEnv({
      LAKESHIFT_S3_ENDPOINT: "http://127.0.0.1:7480",
      AWS_ACCESS_KEY_ID: "a",
      AWS_SECRET_ACCESS_KEY: "b",
    }),
    {
      endpoint: "http://127.0.0.1:7480",
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    },
  );
});

test("LakeService.copy loads and records sys_load_history", async () => {
  const lakeDir = mkdtempSync(join(tmpdir(), "ls-svc-"));
  const engine = await Engine.open({ dataDir: ":memory:", threads: 1 });
  try {
    await engine.createDatabase("dev");
    const conn = await engine.connect("dev");
    await conn.run(`CREATE SCHEMA "dev"."public"; CREATE TABLE "dev"."public"."t" (a INTEGER)`);
    await conn.run(`ATTACH ':memory:' AS "ls_sys"; CREATE SCHEMA "ls_sys"."lakeshift"`);
    const roles = new RoleStore();
    const svc = await LakeService.open({
      lakeDir,
      roles: { resolve: (s, user) => roles.resolve(s, user) },
      authorize: (role, action, bucket, key) => requireS3(roles.resolve(role.arn), action, bucket, key),
      converter: copyConverter,
      logConnection: await engine.connect("dev"),
    });
    mkdirSync(join(lakeDir, "bkt"), { recursive: true });
    writeFileSync(join(lakeDir, "bkt", "x.txt"), "1\n2\n");
    const catalog = new MemoryCatalog();
    catalog.addTable({ name: "t", columns: [{ name: "a", type: T.integer }] });
    const sql = "copy t from 's3://bkt/x.txt' iam_role default";
    const now = new Date();
    const bound = bindCopy(
      parseCopy(new Cursor(sql, tokenize(sql))),
      new BindState(catalog, {
        user: "admin",
        database: "dev",
        statementTime: now,
        transactionTime: now,
        sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
      }),
    );
    const r = await svc.copy(conn, bound, { userId: 100, sessionId: 9, queryId: 42, database: "dev" });
    assert.equal(r.rows, 2);
    const hist = await conn.all(
      `SELECT query_id, status, table_name, loaded_rows, source_file_count, data_source FROM "ls_sys"."lakeshift"."load_history"`,
    );
    assert.deepEqual(hist.rows, [[42n, "completed", "public.t", 2n, 1, "s3://bkt/x.txt"]]);
    const commits = await conn.all(`SELECT query, filename, lines_scanned FROM "ls_sys"."lakeshift"."load_commits"`);
    assert.deepEqual(commits.rows, [[42, "s3://bkt/x.txt", 2]]);
    roles.put({
      arn: "arn:aws:iam::123456789012:role/etl",
      policies: [{ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }],
      trust: { users: ["etl_user"] },
    });
    const etl = bindCopy(
      parseCopy(
        new Cursor(
          sql.replace("default", "'arn:aws:iam::123456789012:role/etl'"),
          tokenize(sql.replace("default", "'arn:aws:iam::123456789012:role/etl'")),
        ),
      ),
      new BindState(catalog, {
        user: "admin",
        database: "dev",
        statementTime: now,
        transactionTime: now,
        sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
      }),
    );
    await assert.rejects(
      svc.copy(conn, etl, { userId: 100, sessionId: 9, database: "dev" }, "admin"),
      /user "admin" is not authorized to assume IAM role arn:aws:iam::123456789012:role\/etl/,
    );
    assert.equal((await svc.copy(conn, etl, { userId: 101, sessionId: 9, database: "dev" }, "etl_user")).rows, 2);
    svc.close();
    conn.close();
  } finally {
    await engine.close();
    rmSync(lakeDir, { recursive: true, force: true });
  }
});

test("LakeService opens its load log on the first COPY when built synchronously", async () => {
  const lakeDir = mkdtempSync(join(tmpdir(), "ls-svc-"));
  const engine = await Engine.open({ dataDir: ":memory:", threads: 1 });
  try {
    await engine.createDatabase("dev");
    const conn = await engine.connect("dev");
    await conn.run(`CREATE SCHEMA "dev"."public"; CREATE TABLE "dev"."public"."t" (a INTEGER)`);
    await conn.run(`ATTACH ':memory:' AS "ls_sys"; CREATE SCHEMA "ls_sys"."lakeshift"`);
    const roles = new RoleStore();
    let opened = 0;
    const svc = new LakeService({
      lakeDir,
      roles: { resolve: (s, user) => roles.resolve(s, user) },
      authorize: (role, action, bucket, key) => requireS3(roles.resolve(role.arn), action, bucket, key),
      converter: copyConverter,
      logConnection: async () => {
        opened++;
        return engine.connect("dev");
      },
    });
    assert.equal(opened, 0);
    mkdirSync(join(lakeDir, "bkt"), { recursive: true });
    writeFileSync(join(lakeDir, "bkt", "x.txt"), "5\n");
    const catalog = new MemoryCatalog();
    catalog.addTable({ name: "t", columns: [{ name: "a", type: T.integer }] });
    const sql = "copy t from 's3://bkt/x.txt' iam_role default";
    const now = new Date();
    const state = new BindState(catalog, {
      user: "admin",
      database: "dev",
      statementTime: now,
      transactionTime: now,
      sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
    });
    const bound = bindCopy(parseCopy(new Cursor(sql, tokenize(sql))), state);
    await svc.copy(conn, bound, { userId: 1, sessionId: 1, database: "dev" });
    await svc.copy(conn, bound, { userId: 1, sessionId: 1, database: "dev" });
    assert.equal(opened, 1);
    const hist = await conn.all(`SELECT query_id FROM "ls_sys"."lakeshift"."load_history" ORDER BY 1`);
    assert.deepEqual(hist.rows, [[1n], [2n]]);
    svc.close();
    conn.close();
  } finally {
    await engine.close();
    rmSync(lakeDir, { recursive: true, force: true });
  }
});
