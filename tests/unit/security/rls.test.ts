// tests/unit/security/rls.test.ts
//! The row filter of row-level security: off, on without a policy (no rows), policies reaching
//! the user directly, through a role or PUBLIC, AND / OR conjunction, the policy alias dropped.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { RelationDef } from "../../../src/catalog/reader.js";
import type { ClusterAcl } from "../../../src/catalog/store/grants.js";
import type { RlsData } from "../../../src/catalog/store/rls.js";
import { principalOf } from "../../../src/security/privileges.js";
import { rowFilter } from "../../../src/security/rls.js";
import { printExpr } from "../../../src/sql/index.js";

const access: ClusterAcl = {
  groups: new Map(),
  roles: new Map([
    [
      "analyst",
      { roleId: 1, name: "analyst", owner: "admin", members: [{ kind: "user", name: "rob", adminOption: false }] },
    ],
  ]),
};
const rel: RelationDef = {
  oid: 700,
  database: "dev",
  schema: "public",
  name: "sales",
  kind: "table",
  columns: [],
  distStyle: "auto",
  sortKind: "none",
  owner: "admin",
  engineName: '"dev"."public"."sales"',
};

function data(
  enabled: boolean,
  conjunction: "and" | "or",
  attach: [string, "user" | "role" | "public", string][],
): RlsData {
  return {
    policies: new Map([
      [
        "east",
        {
          name: "east",
          columns: [{ name: "region", type: "VARCHAR(10)" }],
          alias: "s",
          usingSql: "s.region = 'east'",
          owner: "admin",
        },
      ],
      [
        "small",
        { name: "small", columns: [{ name: "amount", type: "INTEGER" }], usingSql: "amount < 100", owner: "admin" },
      ],
    ]),
    attachments: attach.map(([policy, granteeKind, grantee]) => ({ policy, relOid: 700, granteeKind, grantee })),
    tables: new Map([[700, { enabled, conjunction }]]),
  };
}

const filter = (user: string, d: RlsData) => {
  const e = rowFilter(principalOf({ name: user, superuser: false }, access), rel, d);
  return e === undefined ? undefined : printExpr(e);
};

test("RLS off: no filter, whatever is attached", () => {
  assert.equal(filter("ann", data(false, "and", [["east", "public", ""]])), undefined);
});

test("RLS on without a policy for the user: no rows", () => {
  assert.equal(filter("ann", data(true, "and", [["east", "user", "bob"]])), "FALSE");
});

test("policies reach users, roles and PUBLIC; the alias is dropped; AND / OR", () => {
  assert.equal(filter("bob", data(true, "and", [["east", "user", "bob"]])), "region = 'east'");
  assert.equal(filter("rob", data(true, "and", [["small", "role", "analyst"]])), "amount < 100");
  assert.equal(
    filter(
      "rob",
      data(true, "and", [
        ["east", "public", ""],
        ["small", "role", "analyst"],
      ]),
    ),
    "region = 'east' AND amount < 100",
  );
  assert.equal(
    filter(
      "rob",
      data(true, "or", [
        ["east", "public", ""],
        ["small", "role", "analyst"],
      ]),
    ),
    "region = 'east' OR amount < 100",
  );
  assert.equal(
    filter(
      "ann",
      data(true, "or", [
        ["east", "public", ""],
        ["small", "role", "analyst"],
      ]),
    ),
    "region = 'east'",
  );
});
