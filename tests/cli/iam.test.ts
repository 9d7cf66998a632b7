// tests/cli/iam.test.ts
//! `lakeshift iam ...` edits <data-dir>/iam.json: the compiled CLI run as a user would run it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";

const MAIN = resolve("dist/src/cli/main.js");
const ROLE = "arn:aws:iam::123456789012:role/loader";

function iam(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, "iam", ...args, "--data-dir", dir], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("iam create-role, put/get/delete-role-policy, list-roles, set-default-role", () => {
  const dir = mkdtempSync(join(tmpdir(), "lakeshift-iam-cli-"));
  try {
    const listed0 = JSON.parse(iam(dir, "list-roles").out);
    assert.equal(listed0.DefaultRole, "arn:aws:iam::000000000000:role/lakeshift");
    assert.deepEqual(
      listed0.Roles.map((r: { Arn: string }) => r.Arn),
      ["arn:aws:iam::000000000000:role/lakeshift"],
    );
    assert.equal(iam(dir, "create-role", "--role-arn", ROLE, "--trusted-users", "etl,bob").code, 0);
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    const file = join(dir, "p.json");
    writeFileSync(file, JSON.stringify(policy));
    assert.equal(
      iam(dir, "put-role-policy", "--role-arn", ROLE, "--policy-name", "read", "--policy-document", file).code,
      0,
    );
    assert.equal(
      iam(
        dir,
        "put-role-policy",
        "--role-arn",
        ROLE,
        "--policy-name",
        "inline",
        "--policy-document",
        JSON.stringify(policy),
      ).code,
      0,
    );
    const got = JSON.parse(iam(dir, "get-role-policy", "--role-arn", ROLE, "--policy-name", "read").out);
    assert.deepEqual(got.PolicyDocument, policy);
    assert.equal(iam(dir, "delete-role-policy", "--role-arn", ROLE, "--policy-name", "inline").code, 0);
    assert.equal(iam(dir, "set-default-role", "--role-arn", ROLE).code, 0);
    const listed = JSON.parse(iam(dir, "list-roles").out);
    assert.equal(listed.DefaultRole, ROLE);
    const loader = listed.Roles.find((r: { Arn: string }) => r.Arn === ROLE);
    assert.deepEqual(loader.PolicyNames, ["read"]);
    assert.deepEqual(loader.Trust, { users: ["etl", "bob"] });
    const stored = JSON.parse(readFileSync(join(dir, "iam.json"), "utf8"));
    assert.equal(stored.defaultRole, ROLE);

    const bad = iam(
      dir,
      "put-role-policy",
      "--role-arn",
      ROLE,
      "--policy-name",
      "x",
      "--policy-document",
      '{"Statement":[]}',
    );
    assert.equal(bad.code, 1);
    assert.match(bad.err, /MalformedPolicyDocument: the policy has no Statement/);
    const missing = iam(dir, "get-role-policy", "--role-arn", ROLE);
    assert.match(missing.err, /--policy-name is required/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
