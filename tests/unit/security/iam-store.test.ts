// tests/unit/security/iam-store.test.ts
//! The IAM store (<data-dir>/iam.json): the embedded default, trust, role chaining, authorize()
//! and the file's edits, including a running store seeing a changed file.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  createRole,
  DEFAULT_ROLE_ARN,
  deleteRole,
  deleteRolePolicy,
  EMBEDDED_IAM,
  getRolePolicy,
  iamFilePath,
  openIamStore,
  parsePolicyDocument,
  putRolePolicy,
  readIamFile,
  rolesForUser,
  setDefaultRole,
  writeIamFile,
} from "../../../src/security/policy/index.js";

const LOADER = "arn:aws:iam::123456789012:role/loader";
const READER = "arn:aws:iam::123456789012:role/reader";
const denied = (re: RegExp) => (e: Error & { sqlstate?: string }) => e.sqlstate === "42501" && re.test(e.message);

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "lakeshift-iam-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("without iam.json the embedded default role allows everything for everyone", () =>
  withDir((dir) => {
    const store = openIamStore(dir);
    assert.equal(store.defaultRoleArn, DEFAULT_ROLE_ARN);
    const ok = store.authorize("default", "anyone", "s3:PutObject", "s3://lake/out/part-0");
    assert.equal(ok.allowed, true);
    assert.equal(ok.role.arn, DEFAULT_ROLE_ARN);
    assert.equal(ok.credentials, undefined);
    assert.equal(store.authorize(DEFAULT_ROLE_ARN, "x", "s3:ListBucket", "s3://lake", { prefix: "a/" }).allowed, true);
  }));

test("policies, trust and chaining decide authorize()", () =>
  withDir((dir) => {
    let data = createRole(EMBEDDED_IAM, LOADER, {
      trust: { users: ["etl"] },
      s3: { endpoint: "http://127.0.0.1:9000", credentials: { accessKeyId: "k", secretAccessKey: "s" } },
    });
    data = putRolePolicy(
      data,
      LOADER,
      "read-lake",
      parsePolicyDocument(
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::lake/*" },
            {
              Effect: "Allow",
              Action: "s3:ListBucket",
              Resource: "arn:aws:s3:::lake",
              Condition: { StringLike: { "s3:prefix": "data/*" } },
            },
          ],
        }),
      ),
    );
    data = createRole(data, READER, { trust: { users: [], roles: [LOADER] } });
    data = putRolePolicy(data, READER, "all", {
      Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" },
    });
    writeIamFile(iamFilePath(dir), data);
    const store = openIamStore(dir);

    const ok = store.authorize(LOADER, "etl", "s3:GetObject", "s3://lake/data/a.csv");
    assert.deepEqual(ok.credentials?.credentials, { accessKeyId: "k", secretAccessKey: "s" });
    assert.throws(
      () => store.authorize(LOADER, "etl", "s3:PutObject", "s3://lake/data/a.csv"),
      denied(
        /IAM role arn:aws:iam::123456789012:role\/loader is not authorized to perform s3:PutObject on s3:\/\/lake\/data\/a.csv/,
      ),
    );
    assert.equal(store.authorize(LOADER, "etl", "s3:ListBucket", "s3://lake", { prefix: "data/2024/" }).allowed, true);
    assert.throws(
      () => store.authorize(LOADER, "etl", "s3:ListBucket", "s3://lake", { prefix: "secret/" }),
      denied(/s3:ListBucket on s3:\/\/lake$/),
    );
    assert.throws(
      () => store.authorize(LOADER, "bob", "s3:GetObject", "s3://lake/x"),
      denied(/user "bob" is not authorized to assume/),
    );
    // reader trusts no user directly, only the loader role as the previous link of a chain
    assert.throws(() => store.authorize(READER, "etl", "s3:PutObject", "s3://lake/x"), denied(/user "etl"/));
    const chained = store.authorize(`${LOADER}, ${READER}`, "etl", "s3:PutObject", "s3://lake/x");
    assert.equal(chained.role.arn, READER);
    assert.throws(
      () => store.authorize(`${READER},${LOADER}`, "etl", "s3:GetObject", "s3://lake/x"),
      denied(/user "etl" is not authorized to assume IAM role .*reader/),
    );
    assert.throws(
      () => store.authorize(`${DEFAULT_ROLE_ARN},${LOADER}`, "etl", "s3:GetObject", "s3://lake/x"),
      denied(/lakeshift is not authorized to assume IAM role .*loader/),
    );
    assert.throws(() => store.resolve(Array(11).fill(LOADER).join(",")), /at most 10/);
    // the default role is still there and still the default
    assert.equal(store.authorize("DEFAULT", "bob", "s3:DeleteObject", "s3://any/thing").role.arn, DEFAULT_ROLE_ARN);
  }));

test("a running store sees edits to the file; the default can be changed and cleared", () =>
  withDir((dir) => {
    const path = iamFilePath(dir);
    const store = openIamStore(dir);
    assert.equal(store.defaultRoleArn, DEFAULT_ROLE_ARN);
    let data = setDefaultRole(createRole(readIamFile(path), LOADER), LOADER);
    writeIamFile(path, data);
    assert.equal(store.defaultRoleArn, LOADER);
    assert.throws(
      () => store.authorize("default", "x", "s3:GetObject", "s3://lake/a"),
      denied(/loader is not authorized/),
    );
    data = setDefaultRole(data, "none");
    writeIamFile(path, data);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    assert.throws(() => store.resolve("default"), /no default IAM role/);
    data = deleteRole(setDefaultRole(data, LOADER), LOADER);
    assert.equal(data.defaultRole, undefined);
    assert.equal(data.roles[LOADER], undefined);
  }));

test("policy edits: put, get, delete, and malformed documents refused", () => {
  let data = createRole(EMBEDDED_IAM, LOADER);
  assert.deepEqual(data.roles[LOADER]?.trust, { users: ["*"] });
  const doc = { Version: "2012-10-17", Statement: [{ Effect: "Deny" as const, Action: "s3:*", Resource: "*" }] };
  data = putRolePolicy(data, LOADER, "deny", doc);
  assert.deepEqual(getRolePolicy(data, LOADER, "deny"), doc);
  data = deleteRolePolicy(data, LOADER, "deny");
  assert.throws(() => getRolePolicy(data, LOADER, "deny"), /no policy named deny/);
  assert.throws(() => createRole(data, LOADER), /already exists/);
  assert.throws(() => createRole(data, "arn:aws:iam::1:role/x"), /invalid IAM role ARN/);
  assert.throws(() => putRolePolicy(data, READER, "p", doc), /does not exist/);
  const bad: [string, RegExp][] = [
    ["not json", /MalformedPolicyDocument/],
    ["[]", /JSON object/],
    ['{"Statement":[]}', /no Statement/],
    ['{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}', /Effect/],
    ['{"Statement":{"Effect":"Allow","Resource":"*"}}', /Action, NotAction/],
    ['{"Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}}', /Action, NotAction/],
    ['{"Statement":{"Effect":"Allow","Action":"*"}}', /Resource, NotResource/],
    ['{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}', /Version/],
    [
      '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringSort":{"a":"b"}}}}',
      /unknown condition operator/,
    ],
    ['{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}', /Principal/],
  ];
  for (const [text, re] of bad) assert.throws(() => parsePolicyDocument(text), re, text);
});

test("rolesForUser: the lake's view of the store for one user", () => {
  let data = createRole(EMBEDDED_IAM, LOADER, { trust: { users: ["etl"] } });
  data = putRolePolicy(data, LOADER, "get", {
    Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::lake/*" },
  });
  withDir((dir) => {
    writeIamFile(iamFilePath(dir), data);
    const store = openIamStore(dir);
    const etl = rolesForUser(store, "etl");
    const role = etl.resolve(LOADER);
    etl.authorize(role, "s3:GetObject", "lake", "a.csv");
    assert.throws(
      () => etl.authorize(role, "s3:PutObject", "lake", "a.csv"),
      denied(/s3:PutObject on s3:\/\/lake\/a.csv/),
    );
    assert.throws(() => rolesForUser(store, "bob").resolve(LOADER), denied(/user "bob"/));
    assert.equal(rolesForUser(store, "bob").resolve("default").arn, DEFAULT_ROLE_ARN);
  });
});
