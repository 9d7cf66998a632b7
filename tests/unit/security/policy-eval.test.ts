// tests/unit/security/policy-eval.test.ts
//! IAM policy evaluation, table-driven from AWS's documented logic:
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//! (explicit deny > allow > implicit deny), .../reference_policies_elements_action.html and
//! _resource.html (wildcards; actions case-insensitive, ARNs case-sensitive), _notaction.html,
//! _notresource.html, and the condition operator pages (missing keys, negated operators,
//! IfExists, Null, multiple keys and values, ForAnyValue/ForAllValues).

import assert from "node:assert/strict";
import { test } from "node:test";
import { type ConditionContext, evaluate, type PolicyDocument } from "../../../src/security/policy/index.js";

type Row = readonly [
  name: string,
  policies: readonly PolicyDocument[],
  action: string,
  resource: string,
  context: ConditionContext,
  want: "allow" | "explicit-deny" | "implicit-deny",
];

const doc = (...Statement: PolicyDocument["Statement"][]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: Statement.flat() as PolicyDocument["Statement"],
});
const allow = (Action: string | string[], Resource: string | string[], Condition?: object) => ({
  Effect: "Allow" as const,
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const deny = (Action: string | string[], Resource: string | string[], Condition?: object) => ({
  Effect: "Deny" as const,
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});

const OBJ = "arn:aws:s3:::lake/data/a.csv";
const BUCKET = "arn:aws:s3:::lake";

const ROWS: readonly Row[] = [
  // The three outcomes
  ["no policies: implicit deny", [], "s3:GetObject", OBJ, {}, "implicit-deny"],
  [
    "empty statement list of another action",
    [doc(allow("s3:PutObject", "*"))],
    "s3:GetObject",
    OBJ,
    {},
    "implicit-deny",
  ],
  ["matching allow", [doc(allow("s3:GetObject", OBJ))], "s3:GetObject", OBJ, {}, "allow"],
  ["matching deny alone", [doc(deny("s3:GetObject", OBJ))], "s3:GetObject", OBJ, {}, "explicit-deny"],
  [
    "deny beats allow in one policy",
    [doc(allow("s3:*", "*"), deny("s3:GetObject", OBJ))],
    "s3:GetObject",
    OBJ,
    {},
    "explicit-deny",
  ],
  [
    "deny beats allow across policies",
    [doc(allow("*", "*")), doc(deny("s3:Get*", "arn:aws:s3:::lake/*"))],
    "s3:GetObject",
    OBJ,
    {},
    "explicit-deny",
  ],
  [
    "deny first, allow later: still deny",
    [doc(deny("*", "*")), doc(allow("*", "*"))],
    "s3:GetObject",
    OBJ,
    {},
    "explicit-deny",
  ],
  [
    "non-matching deny leaves the allow",
    [doc(allow("s3:*", "*"), deny("s3:DeleteObject", "*"))],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  // Action matching
  ["action is case-insensitive", [doc(allow("S3:getobject", OBJ))], "s3:GetObject", OBJ, {}, "allow"],
  ["action * matches all", [doc(allow("*", OBJ))], "s3:PutObject", OBJ, {}, "allow"],
  ["action service wildcard", [doc(allow("s3:*", OBJ))], "s3:ListBucket", OBJ, {}, "allow"],
  ["action prefix wildcard", [doc(allow("s3:Get*", OBJ))], "s3:GetObjectVersion", OBJ, {}, "allow"],
  ["action prefix wildcard misses", [doc(allow("s3:Get*", OBJ))], "s3:PutObject", OBJ, {}, "implicit-deny"],
  ["action ? matches one char", [doc(allow("s3:?etObject", OBJ))], "s3:GetObject", OBJ, {}, "allow"],
  ["action ? needs exactly one char", [doc(allow("s3:?GetObject", OBJ))], "s3:GetObject", OBJ, {}, "implicit-deny"],
  ["action list: any element", [doc(allow(["s3:PutObject", "s3:GetObject"], OBJ))], "s3:GetObject", OBJ, {}, "allow"],
  ["other service's action", [doc(allow("dynamodb:*", "*"))], "s3:GetObject", OBJ, {}, "implicit-deny"],
  // Resource matching
  [
    "resource is case-sensitive",
    [doc(allow("s3:GetObject", "arn:aws:s3:::LAKE/data/a.csv"))],
    "s3:GetObject",
    OBJ,
    {},
    "implicit-deny",
  ],
  [
    "resource * matches across /",
    [doc(allow("s3:GetObject", "arn:aws:s3:::lake/*"))],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  ["bucket ARN is not its objects", [doc(allow("s3:GetObject", BUCKET))], "s3:GetObject", OBJ, {}, "implicit-deny"],
  [
    "objects ARN is not the bucket",
    [doc(allow("s3:ListBucket", "arn:aws:s3:::lake/*"))],
    "s3:ListBucket",
    BUCKET,
    {},
    "implicit-deny",
  ],
  ["resource ? wildcard", [doc(allow("s3:GetObject", "arn:aws:s3:::lake/d?ta/*"))], "s3:GetObject", OBJ, {}, "allow"],
  [
    "resource list",
    [doc(allow("s3:GetObject", ["arn:aws:s3:::x/*", "arn:aws:s3:::lake/*"]))],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  [
    "resource dots are literal",
    [doc(allow("s3:GetObject", "arn:aws:s3:::lake/data/a.csv"))],
    "s3:GetObject",
    "arn:aws:s3:::lake/data/aXcsv",
    {},
    "implicit-deny",
  ],
  // NotAction / NotResource
  [
    "NotAction allow: other actions allowed",
    [doc({ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "*" })],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  [
    "NotAction allow: listed action not allowed",
    [doc({ Effect: "Allow", NotAction: "s3:Delete*", Resource: "*" })],
    "s3:DeleteObject",
    OBJ,
    {},
    "implicit-deny",
  ],
  [
    "NotAction deny: denies all but listed",
    [doc(allow("*", "*"), { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" })],
    "s3:PutObject",
    OBJ,
    {},
    "explicit-deny",
  ],
  [
    "NotAction deny: listed one survives",
    [doc(allow("*", "*"), { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" })],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  [
    "NotResource allow elsewhere",
    [doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  [
    "NotResource allow: excluded resource",
    [doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::lake/*" })],
    "s3:GetObject",
    OBJ,
    {},
    "implicit-deny",
  ],
  [
    "NotResource deny outside a bucket",
    [doc(allow("*", "*"), { Effect: "Deny", Action: "*", NotResource: ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"] })],
    "s3:GetObject",
    "arn:aws:s3:::other/x",
    {},
    "explicit-deny",
  ],
  // Conditions: StringEquals / StringLike on s3:prefix
  [
    "StringEquals s3:prefix matches",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "s3:prefix": "data/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "allow",
  ],
  [
    "StringEquals is case-sensitive",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "s3:prefix": "Data/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "implicit-deny",
  ],
  [
    "condition key name is case-insensitive",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "S3:Prefix": "data/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "allow",
  ],
  [
    "StringEqualsIgnoreCase",
    [doc(allow("s3:ListBucket", BUCKET, { StringEqualsIgnoreCase: { "s3:prefix": "DATA/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "allow",
  ],
  [
    "StringEquals with a missing key: no match",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "s3:prefix": "data/" } }))],
    "s3:ListBucket",
    BUCKET,
    {},
    "implicit-deny",
  ],
  [
    "StringLike wildcard prefix",
    [doc(allow("s3:ListBucket", BUCKET, { StringLike: { "s3:prefix": ["data/*", "logs/*"] } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "logs/2024/" },
    "allow",
  ],
  [
    "StringLike misses",
    [doc(allow("s3:ListBucket", BUCKET, { StringLike: { "s3:prefix": "data/*" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "private/" },
    "implicit-deny",
  ],
  [
    "StringLike empty prefix allowed by ''",
    [doc(allow("s3:ListBucket", BUCKET, { StringLike: { "s3:prefix": ["", "data/*"] } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "" },
    "allow",
  ],
  [
    "condition values are OR-ed",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "s3:prefix": ["a/", "data/"] } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "allow",
  ],
  [
    "condition keys are AND-ed",
    [doc(allow("s3:ListBucket", BUCKET, { StringEquals: { "s3:prefix": "data/", "aws:username": "bob" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/", "aws:username": "ann" },
    "implicit-deny",
  ],
  [
    "condition operators are AND-ed",
    [
      doc(
        allow("s3:ListBucket", BUCKET, {
          StringLike: { "s3:prefix": "data/*" },
          StringNotEquals: { "s3:prefix": "data/secret/" },
        }),
      ),
    ],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/secret/" },
    "implicit-deny",
  ],
  [
    "condition operators AND-ed, both hold",
    [
      doc(
        allow("s3:ListBucket", BUCKET, {
          StringLike: { "s3:prefix": "data/*" },
          StringNotEquals: { "s3:prefix": "data/secret/" },
        }),
      ),
    ],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/open/" },
    "allow",
  ],
  // Negated operators
  [
    "StringNotEquals holds for another value",
    [doc(allow("s3:ListBucket", BUCKET, { StringNotEquals: { "s3:prefix": "secret/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/" },
    "allow",
  ],
  [
    "StringNotEquals fails for that value",
    [doc(allow("s3:ListBucket", BUCKET, { StringNotEquals: { "s3:prefix": "secret/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "secret/" },
    "implicit-deny",
  ],
  [
    "StringNotEquals with a missing key holds",
    [doc(allow("s3:ListBucket", BUCKET, { StringNotEquals: { "s3:prefix": "secret/" } }))],
    "s3:ListBucket",
    BUCKET,
    {},
    "allow",
  ],
  [
    "StringNotLike: none of the values may match",
    [doc(allow("s3:ListBucket", BUCKET, { StringNotLike: { "s3:prefix": ["secret/*", "tmp/*"] } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "tmp/x/" },
    "implicit-deny",
  ],
  [
    "deny with StringNotLike guards a prefix",
    [doc(allow("s3:ListBucket", BUCKET), deny("s3:ListBucket", BUCKET, { StringNotLike: { "s3:prefix": "data/*" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "other/" },
    "explicit-deny",
  ],
  [
    "deny with StringNotLike lets the prefix through",
    [doc(allow("s3:ListBucket", BUCKET), deny("s3:ListBucket", BUCKET, { StringNotLike: { "s3:prefix": "data/*" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "data/x" },
    "allow",
  ],
  [
    "conditional deny does not apply when its condition fails",
    [doc(allow("*", "*"), deny("*", "*", { StringEquals: { "aws:username": "mallory" } }))],
    "s3:GetObject",
    OBJ,
    { "aws:username": "alice" },
    "allow",
  ],
  // IfExists and Null
  [
    "StringEqualsIfExists with a missing key holds",
    [doc(allow("s3:ListBucket", BUCKET, { StringEqualsIfExists: { "s3:prefix": "data/" } }))],
    "s3:ListBucket",
    BUCKET,
    {},
    "allow",
  ],
  [
    "StringEqualsIfExists with a present wrong key fails",
    [doc(allow("s3:ListBucket", BUCKET, { StringEqualsIfExists: { "s3:prefix": "data/" } }))],
    "s3:ListBucket",
    BUCKET,
    { "s3:prefix": "x/" },
    "implicit-deny",
  ],
  [
    "Null true: key must be absent",
    [doc(allow("s3:ListBucket", BUCKET, { Null: { "s3:prefix": "true" } }))],
    "s3:ListBucket",
    BUCKET,
    {},
    "allow",
  ],
  [
    "Null false: key must be present",
    [doc(allow("s3:ListBucket", BUCKET, { Null: { "s3:prefix": "false" } }))],
    "s3:ListBucket",
    BUCKET,
    {},
    "implicit-deny",
  ],
  // Multi-valued keys
  [
    "ForAnyValue: one value matches",
    [doc(allow("*", "*", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a", "b"] } }))],
    "s3:GetObject",
    OBJ,
    { "aws:tagkeys": ["z", "b"] },
    "allow",
  ],
  [
    "ForAllValues: every value must match",
    [doc(allow("*", "*", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } }))],
    "s3:GetObject",
    OBJ,
    { "aws:tagkeys": ["a", "z"] },
    "implicit-deny",
  ],
  [
    "ForAllValues with a missing key holds",
    [doc(allow("*", "*", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } }))],
    "s3:GetObject",
    OBJ,
    {},
    "allow",
  ],
  // ARN operators
  [
    "ArnLike on a context ARN",
    [doc(allow("*", "*", { ArnLike: { "aws:SourceArn": "arn:aws:iam::*:role/etl-*" } }))],
    "s3:GetObject",
    OBJ,
    { "aws:sourcearn": "arn:aws:iam::123456789012:role/etl-nightly" },
    "allow",
  ],
];

for (const [name, policies, action, resource, context, want] of ROWS) {
  test(`policy: ${name}`, () => assert.equal(evaluate(policies, action, resource, context), want));
}

test("the table has at least 40 cases", () => assert.ok(ROWS.length >= 40, String(ROWS.length)));
