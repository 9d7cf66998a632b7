// tests/unit/security/privileges.test.ts
//! The pure privilege checker and the binder's AccessChecker over in-memory catalog data:
//! owners, superusers, grants to users, groups, roles (nested) and PUBLIC, column grants,
//! grant options, schema USAGE, database privileges.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { RelationDef, SchemaDef } from "../../../src/catalog/reader.js";
import type { AclEntry, ClusterAcl } from "../../../src/catalog/store/grants.js";
import { type AccessSource, CatalogAccess } from "../../../src/security/access.js";
import { columnPrivileges, hasPrivilege, principalOf } from "../../../src/security/privileges.js";

const access: ClusterAcl = {
  groups: new Map([["analysts", { grosysid: 100, name: "analysts", members: ["ann"] }]]),
  roles: new Map([
    ["base", { roleId: 1, name: "base", owner: "admin", members: [{ kind: "role", name: "mid", adminOption: false }] }],
    ["mid", { roleId: 2, name: "mid", owner: "admin", members: [{ kind: "user", name: "rob", adminOption: false }] }],
    [
      "sys:superuser",
      {
        roleId: 3,
        name: "sys:superuser",
        owner: "rdsdb",
        members: [{ kind: "user", name: "sue", adminOption: false }],
      },
    ],
  ]),
};

const entry = (e: Partial<AclEntry> & Pick<AclEntry, "granteeKind" | "grantee" | "privilege">): AclEntry => ({
  objkind: "table",
  objoid: 500,
  objname: "public.sales",
  grantable: false,
  grantor: "owner",
  ...e,
});

const ACL: AclEntry[] = [
  entry({ granteeKind: "user", grantee: "ua", privilege: "select" }),
  entry({ granteeKind: "user", grantee: "ua", privilege: "insert", grantable: true }),
  entry({ granteeKind: "group", grantee: "analysts", privilege: "update" }),
  entry({ granteeKind: "role", grantee: "base", privilege: "delete" }),
  entry({ granteeKind: "public", grantee: "", privilege: "references" }),
  entry({ granteeKind: "user", grantee: "cole", privilege: "select", column: "a" }),
  entry({ granteeKind: "user", grantee: "cole", privilege: "select", column: "b" }),
  entry({ objkind: "schema", objoid: 600, objname: "private", granteeKind: "user", grantee: "ua", privilege: "usage" }),
  entry({ objkind: "database", objoid: 0, objname: "dev", granteeKind: "user", grantee: "ua", privilege: "create" }),
];

const SALES = { kind: "table" as const, oid: 500, name: "sales", owner: "owner" };
const p = (name: string, superuser = false) => principalOf({ name, superuser }, access);

test("principals: groups, nested roles, sys:superuser", () => {
  assert.deepEqual(p("ann").groups, ["analysts"]);
  assert.deepEqual([...p("rob").roles].sort(), ["base", "mid"]);
  assert.equal(p("sue").superuser, true);
  assert.equal(p("sue").userAdmin, true);
  assert.equal(p("rob").superuser, false);
});

const CASES: [string, string, string, boolean][] = [
  ["owner has everything", "owner", "truncate", true],
  ["superuser has everything", "sue", "drop", true],
  ["user grant", "ua", "select", true],
  ["user grant is per privilege", "ua", "delete", false],
  ["group grant reaches members", "ann", "update", true],
  ["group grant does not reach others", "ua", "update", false],
  ["role grant reaches through nested roles", "rob", "delete", true],
  ["PUBLIC reaches everyone", "nobody", "references", true],
  ["column grant is not a table grant", "cole", "select", false],
  ["nothing granted", "nobody", "select", false],
];
for (const [name, user, privilege, want] of CASES) {
  test(`hasPrivilege: ${name}`, () => assert.equal(hasPrivilege(p(user, user === "sue"), SALES, ACL, privilege), want));
}

test("grant options: only WITH GRANT OPTION, the owner and superusers may grant", () => {
  assert.equal(hasPrivilege(p("ua"), SALES, ACL, "insert", { grantOption: true }), true);
  assert.equal(hasPrivilege(p("ua"), SALES, ACL, "select", { grantOption: true }), false);
  assert.equal(hasPrivilege(p("owner"), SALES, ACL, "select", { grantOption: true }), true);
});

test("column privileges: exactly the granted columns", () => {
  assert.deepEqual([...(columnPrivileges(p("cole"), SALES, ACL, "select") as Set<string>)].sort(), ["a", "b"]);
  assert.equal(columnPrivileges(p("ua"), SALES, ACL, "select"), "all");
  assert.equal((columnPrivileges(p("nobody"), SALES, ACL, "select") as Set<string>).size, 0);
});

const rel = (schema: string, name = "sales", oid = 500): RelationDef => ({
  oid,
  database: "dev",
  schema,
  name,
  kind: "table",
  columns: [],
  distStyle: "auto",
  sortKind: "none",
  owner: "owner",
  engineName: `"dev"."${schema}"."${name}"`,
});

const schemas: Record<string, SchemaDef> = {
  public: { oid: 2200, database: "dev", name: "public", owner: "rdsdb" },
  private: { oid: 600, database: "dev", name: "private", owner: "owner" },
};
const source: AccessSource = {
  principal: (name) => (name === "unknown" ? undefined : p(name, name === "sue")),
  acl: () => ACL,
  schema: (_db, name) => schemas[name],
  rls: () => undefined,
};

test("AccessChecker: relations need the privilege and USAGE on their schema", () => {
  assert.equal(CatalogAccess.for(source, "sue"), undefined);
  const ua = CatalogAccess.for(source, "ua");
  assert.ok(ua);
  assert.equal(ua.relation(rel("public"), "select"), "all");
  assert.equal(ua.relation(rel("private"), "select"), "all");
  const ann = CatalogAccess.for(source, "ann");
  assert.ok(ann);
  assert.throws(() => ann.relation(rel("public"), "select"), /permission denied for relation sales/);
  assert.throws(() => ann.relation(rel("private"), "update"), /permission denied for schema private/);
  const cole = CatalogAccess.for(source, "cole");
  assert.ok(cole);
  assert.deepEqual([...(cole.relation(rel("public"), "select") as Set<string>)].sort(), ["a", "b"]);
  assert.throws(
    () => cole?.relation(rel("public"), "insert"),
    (e: Error & { sqlstate?: string }) => e.sqlstate === "42501",
  );
  assert.equal(cole?.relation({ ...rel("pg_catalog", "pg_class"), kind: "system" }, "select"), "all");
});

test("AccessChecker: schemas, databases, ownership and a view owner's rights", () => {
  const ua = CatalogAccess.for(source, "ua");
  ua?.schema("dev", "public", "create");
  ua?.database("dev", "create");
  assert.throws(() => ua?.database("dev", "temp"), /permission denied for database dev/);
  assert.throws(() => ua?.owner(rel("public")), /must be owner of relation sales/);
  CatalogAccess.for(source, "owner")?.owner(rel("public"));
  assert.equal(ua?.asOwner("sue")?.relation(rel("private"), "delete"), "all");
  assert.equal(ua?.rlsActive("dev"), false);
  assert.equal(ua?.asOwner("owner")?.user, "owner");
  assert.throws(() => CatalogAccess.for(source, "unknown")?.relation(rel("public"), "select"), /permission denied/);
});
