// tests/unit/security/policy.test.ts
//! IAM policy evaluation (the part COPY/UNLOAD use) and the default role.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_ROLE_ARN,
  type PolicyDocument,
  RoleStore,
  evaluate,
  requireS3,
  wildcardMatch,
} from "../../../src/security/policy/index.js";

const readOnly: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:Get*", "s3:ListBucket"], Resource: ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"] },
    { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::lake/secret/*" },
  ],
};

const CASES: [string, string, ReturnType<typeof evaluate>][] = [
  ["s3:GetObject", "arn:aws:s3:::lake/a.csv", "allow"],
  ["S3:GETOBJECT", "arn:aws:s3:::lake/a.csv", "allow"],
  ["s3:ListBucket", "arn:aws:s3:::lake", "allow"],
  ["s3:PutObject", "arn:aws:s3:::lake/a.csv", "implicit-deny"],
  ["s3:GetObject", "arn:aws:s3:::other/a.csv", "implicit-deny"],
  ["s3:GetObject", "arn:aws:s3:::lake/secret/x", "explicit-deny"],
  ["s3:GetObject", "arn:aws:s3:::LAKE/a.csv", "implicit-deny"],
];

for (const [action, resource, want] of CASES) {
  test(`${action} on ${resource} is ${want}`, () => assert.equal(evaluate([readOnly], action, resource), want));
}

test("NotAction and NotResource invert the match", () => {
  const doc: PolicyDocument = {
    Statement: [{ Effect: "Allow", NotAction: "s3:Delete*", NotResource: "arn:aws:s3:::private/*" }],
  };
  assert.equal(evaluate([doc], "s3:GetObject", "arn:aws:s3:::lake/x"), "allow");
  assert.equal(evaluate([doc], "s3:DeleteObject", "arn:aws:s3:::lake/x"), "implicit-deny");
  assert.equal(evaluate([doc], "s3:GetObject", "arn:aws:s3:::private/x"), "implicit-deny");
});

test("wildcards: * any run, ? one character", () => {
  assert.ok(wildcardMatch("arn:aws:s3:::lake/d?t?/*", "arn:aws:s3:::lake/data/a/b"));
  assert.ok(!wildcardMatch("arn:aws:s3:::lake/d?t?/*", "arn:aws:s3:::lake/dta/a"));
  assert.ok(wildcardMatch("a.b", "a.b") && !wildcardMatch("a.b", "axb"));
});

test("the default role allows everything; IAM_ROLE resolution", () => {
  const roles = new RoleStore();
  assert.equal(roles.resolve("default").arn, DEFAULT_ROLE_ARN);
  assert.equal(roles.resolve("DEFAULT").arn, DEFAULT_ROLE_ARN);
  assert.equal(roles.resolve(DEFAULT_ROLE_ARN).arn, DEFAULT_ROLE_ARN);
  requireS3(roles.resolve("default"), "s3:PutObject", "anything", "a/b");
  assert.throws(() => roles.resolve("arn:aws:iam::123456789012:role/nobody"), /not authorized to assume/);
  assert.throws(() => roles.resolve("not-an-arn"), /invalid IAM role ARN/);
  roles.put({ arn: "arn:aws:iam::123456789012:role/reader", policies: [readOnly] });
  const reader = roles.resolve(`${DEFAULT_ROLE_ARN},arn:aws:iam::123456789012:role/reader`);
  assert.throws(
    () => requireS3(reader, "s3:PutObject", "lake", "out/x"),
    (e: Error & { sqlstate?: string }) =>
      e.sqlstate === "42501" && /s3:PutObject on s3:\/\/lake\/out\/x/.test(e.message),
  );
  roles.setDefault(undefined);
  assert.throws(() => roles.resolve("default"), /no default IAM role/);
});
