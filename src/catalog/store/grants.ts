// src/catalog/store/grants.ts
//! Privileges, groups and roles in the catalog: the records the snapshots hold, how they load,
//! and the writes GRANT/REVOKE, CREATE/ALTER/DROP GROUP, CREATE/DROP ROLE and GRANT/REVOKE ROLE
//! make. Tables: grant-tables.ts. Privilege names are lower case ('select', 'usage', 'temp', ...);
//! ALL is expanded by the caller before it gets here.

import type { SqlRunner } from "../runner.js";
import { num, optStr, sqlValue, str } from "../sql-text.js";
import { CLUSTER_DATABASE } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";
import { loadRls, type RlsData } from "./rls.js";

export type GranteeKind = "user" | "group" | "role" | "public";
/** 'table' covers views; 'database' rows live in dev. */
export type AclObjectKind = "table" | "schema" | "database" | "function" | "procedure" | "language";

export interface AclEntry {
  readonly objkind: AclObjectKind;
  /** pg oid of a relation or schema; 0 for objects known by name (databases, functions, languages). */
  readonly objoid: number;
  /** database name, 'schema.function(args)', language name; informational for relations and schemas. */
  readonly objname: string;
  readonly granteeKind: GranteeKind;
  /** '' for PUBLIC. */
  readonly grantee: string;
  readonly privilege: string;
  /** Set for a column grant (SELECT (a) / UPDATE (a)). */
  readonly column?: string;
  readonly grantable: boolean;
  readonly grantor: string;
}

export interface DefaultAclEntry {
  /** Whose new objects; the user who ran ALTER DEFAULT PRIVILEGES when no FOR USER. */
  readonly forUser: string;
  /** '' = in every schema. */
  readonly schema: string;
  readonly objects: "tables" | "functions" | "procedures";
  readonly granteeKind: GranteeKind;
  readonly grantee: string;
  readonly privilege: string;
  readonly grantable: boolean;
}

export interface GroupRecord {
  readonly grosysid: number;
  readonly name: string;
  readonly members: readonly string[];
}

export interface RoleMember {
  readonly kind: "user" | "role";
  readonly name: string;
  readonly adminOption: boolean;
}

export interface RoleRecord {
  readonly roleId: number;
  readonly name: string;
  readonly owner: string;
  readonly members: readonly RoleMember[];
}

/** What a database snapshot holds of privileges. */
export interface DatabaseAcl {
  readonly acl: readonly AclEntry[];
  readonly defaultAcl: readonly DefaultAclEntry[];
  /** Row-level security policies, attachments and switched-on tables (rls.ts). */
  readonly rls: RlsData;
}

/** What the cluster snapshot holds of groups and roles. */
export interface ClusterAcl {
  readonly groups: ReadonlyMap<string, GroupRecord>;
  readonly roles: ReadonlyMap<string, RoleRecord>;
}

/** System roles that exist without CREATE ROLE (Redshift's role-based access control). */
export const SYSTEM_ROLES: readonly string[] = [
  "sys:superuser",
  "sys:dba",
  "sys:secadmin",
  "sys:operator",
  "sys:monitor",
];

export const FIRST_GROUP_SYSID = 100;
export const FIRST_ROLE_ID = 110000;

const devCat = () => catalogSchemaOf(CLUSTER_DATABASE);

// ---- loading ----

export async function loadDatabaseAcl(runner: SqlRunner, database: string): Promise<DatabaseAcl> {
  const cat = catalogSchemaOf(database);
  const rows = (
    await runner.all(
      `SELECT objkind, objoid, objname, grantee_kind, grantee, privilege, column_name, grantable, grantor ` +
        `FROM ${cat}.acl ORDER BY objkind, objoid, objname, grantee_kind, grantee, privilege, column_name`,
    )
  ).rows;
  const acl: AclEntry[] = rows.map((r) => {
    const column = optStr(r[6]);
    return {
      objkind: str(r[0]) as AclObjectKind,
      objoid: num(r[1]),
      objname: str(r[2]),
      granteeKind: str(r[3]) as GranteeKind,
      grantee: str(r[4]),
      privilege: str(r[5]),
      ...(column !== undefined ? { column } : {}),
      grantable: r[7] === true,
      grantor: str(r[8]),
    };
  });
  const drows = (
    await runner.all(
      `SELECT for_user, schema_name, objects, grantee_kind, grantee, privilege, grantable FROM ${cat}.default_acl`,
    )
  ).rows;
  const defaultAcl: DefaultAclEntry[] = drows.map((r) => ({
    forUser: str(r[0]),
    schema: str(r[1]),
    objects: str(r[2]) as DefaultAclEntry["objects"],
    granteeKind: str(r[3]) as GranteeKind,
    grantee: str(r[4]),
    privilege: str(r[5]),
    grantable: r[6] === true,
  }));
  return { acl, defaultAcl, rls: await loadRls(runner, database) };
}

export async function loadClusterAcl(runner: SqlRunner): Promise<ClusterAcl> {
  const cat = devCat();
  const groupRows = (await runner.all(`SELECT grosysid, name FROM ${cat}.user_groups ORDER BY grosysid`)).rows;
  const memberRows = (await runner.all(`SELECT group_name, user_name FROM ${cat}.group_members ORDER BY 1, 2`)).rows;
  const roleRows = (await runner.all(`SELECT role_id, name, owner FROM ${cat}.roles ORDER BY role_id`)).rows;
  const roleMemberRows = (
    await runner.all(`SELECT role_name, member_kind, member, admin_option FROM ${cat}.role_members ORDER BY 1, 2, 3`)
  ).rows;
  const groups = new Map<string, GroupRecord>();
  for (const r of groupRows) {
    const name = str(r[1]);
    const members = memberRows.filter((m) => str(m[0]) === name).map((m) => str(m[1]));
    groups.set(name, { grosysid: num(r[0]), name, members });
  }
  const roles = new Map<string, RoleRecord>();
  const rows: unknown[][] = [...SYSTEM_ROLES.map((name, i) => [i + 1, name, "rdsdb"]), ...roleRows];
  for (const r of rows) {
    const name = str(r[1]);
    const members = roleMemberRows
      .filter((m) => str(m[0]) === name)
      .map((m) => ({
        kind: str(m[1]) === "role" ? ("role" as const) : ("user" as const),
        name: str(m[2]),
        adminOption: m[3] === true,
      }));
    roles.set(name, { roleId: num(r[0]), name, owner: str(r[2]), members });
  }
  return { groups, roles };
}

// ---- object grants ----

const same = (
  e: Pick<AclEntry, "objkind" | "objoid" | "objname" | "granteeKind" | "grantee" | "privilege" | "column">,
) =>
  `objkind = ${sqlValue(e.objkind)} AND objoid = ${sqlValue(e.objoid)} AND objname = ${sqlValue(e.objname)} ` +
  `AND grantee_kind = ${sqlValue(e.granteeKind)} AND grantee = ${sqlValue(e.grantee)} ` +
  `AND privilege = ${sqlValue(e.privilege)} AND column_name IS NOT DISTINCT FROM ${sqlValue(e.column ?? null)}`;

/** Adds ACL entries (a repeated grant keeps one row; WITH GRANT OPTION only ever adds the option). */
export async function writeGrants(runner: SqlRunner, database: string, entries: readonly AclEntry[]): Promise<void> {
  const cat = catalogSchemaOf(database);
  for (const e of entries) {
    const existing = await runner.all(`SELECT grantable FROM ${cat}.acl WHERE ${same(e)}`);
    if (existing.rows.length > 0) {
      if (e.grantable && existing.rows[0]?.[0] !== true)
        await runner.run(`UPDATE ${cat}.acl SET grantable = true WHERE ${same(e)}`);
      continue;
    }
    const values = [
      e.objkind,
      e.objoid,
      e.objname,
      e.granteeKind,
      e.grantee,
      e.privilege,
      e.column ?? null,
      e.grantable,
      e.grantor,
    ];
    await runner.run(`INSERT INTO ${cat}.acl VALUES (${values.map(sqlValue).join(", ")})`);
  }
}

/**
 * Removes ACL entries. A revoke of a whole-table privilege also removes that privilege's column
 * grants, as in Postgres; `grantOptionOnly` keeps the privilege and clears the option.
 */
export async function writeRevokes(
  runner: SqlRunner,
  database: string,
  entries: readonly Omit<AclEntry, "grantable" | "grantor">[],
  grantOptionOnly: boolean,
): Promise<void> {
  const cat = catalogSchemaOf(database);
  for (const e of entries) {
    const where = e.column === undefined ? same(e).replace(/ AND column_name IS NOT DISTINCT FROM NULL$/, "") : same(e);
    if (grantOptionOnly) await runner.run(`UPDATE ${cat}.acl SET grantable = false WHERE ${where}`);
    else await runner.run(`DELETE FROM ${cat}.acl WHERE ${where}`);
  }
}

/** Drops every ACL entry of an object (DROP TABLE / SCHEMA). */
export async function deleteObjectAcl(
  runner: SqlRunner,
  database: string,
  objkind: AclObjectKind,
  oid: number,
): Promise<void> {
  await runner.run(
    `DELETE FROM ${catalogSchemaOf(database)}.acl WHERE objkind = ${sqlValue(objkind)} AND objoid = ${oid}`,
  );
}

export async function writeDefaultAcl(
  runner: SqlRunner,
  database: string,
  entries: readonly DefaultAclEntry[],
  action: "grant" | "revoke",
  grantOptionOnly = false,
): Promise<void> {
  const cat = catalogSchemaOf(database);
  for (const e of entries) {
    const where =
      `for_user = ${sqlValue(e.forUser)} AND schema_name = ${sqlValue(e.schema)} AND objects = ${sqlValue(e.objects)} ` +
      `AND grantee_kind = ${sqlValue(e.granteeKind)} AND grantee = ${sqlValue(e.grantee)} AND privilege = ${sqlValue(e.privilege)}`;
    if (action === "revoke") {
      await runner.run(
        grantOptionOnly
          ? `UPDATE ${cat}.default_acl SET grantable = false WHERE ${where}`
          : `DELETE FROM ${cat}.default_acl WHERE ${where}`,
      );
      continue;
    }
    await runner.run(`DELETE FROM ${cat}.default_acl WHERE ${where}`);
    const values = [e.forUser, e.schema, e.objects, e.granteeKind, e.grantee, e.privilege, e.grantable];
    await runner.run(`INSERT INTO ${cat}.default_acl VALUES (${values.map(sqlValue).join(", ")})`);
  }
}

// ---- groups ----

export async function writeCreateGroup(runner: SqlRunner, name: string, users: readonly string[]): Promise<number> {
  const cat = devCat();
  const r = await runner.all(`SELECT coalesce(max(grosysid), 0) FROM ${cat}.user_groups`);
  const id = Math.max(num(r.rows[0]?.[0]) + 1, FIRST_GROUP_SYSID);
  await runner.run(`INSERT INTO ${cat}.user_groups VALUES (${id}, ${sqlValue(name)})`);
  await writeGroupMembers(runner, name, users, "add");
  return id;
}

export async function writeGroupMembers(
  runner: SqlRunner,
  group: string,
  users: readonly string[],
  action: "add" | "drop",
): Promise<void> {
  const cat = devCat();
  for (const u of users) {
    const where = `group_name = ${sqlValue(group)} AND user_name = ${sqlValue(u)}`;
    await runner.run(`DELETE FROM ${cat}.group_members WHERE ${where}`);
    if (action === "add")
      await runner.run(`INSERT INTO ${cat}.group_members VALUES (${sqlValue(group)}, ${sqlValue(u)})`);
  }
}

export async function writeRenameGroup(runner: SqlRunner, name: string, to: string): Promise<void> {
  const cat = devCat();
  await runner.run(`UPDATE ${cat}.user_groups SET name = ${sqlValue(to)} WHERE name = ${sqlValue(name)}`);
  await runner.run(`UPDATE ${cat}.group_members SET group_name = ${sqlValue(to)} WHERE group_name = ${sqlValue(name)}`);
}

export async function writeDropGroup(runner: SqlRunner, name: string): Promise<void> {
  const cat = devCat();
  await runner.run(`DELETE FROM ${cat}.user_groups WHERE name = ${sqlValue(name)}`);
  await runner.run(`DELETE FROM ${cat}.group_members WHERE group_name = ${sqlValue(name)}`);
}

// ---- roles ----

export async function writeCreateRole(runner: SqlRunner, name: string, owner: string): Promise<number> {
  const cat = devCat();
  const r = await runner.all(`SELECT coalesce(max(role_id), 0) FROM ${cat}.roles`);
  const id = Math.max(num(r.rows[0]?.[0]) + 1, FIRST_ROLE_ID);
  await runner.run(`INSERT INTO ${cat}.roles VALUES (${id}, ${sqlValue(name)}, ${sqlValue(owner)})`);
  return id;
}

export async function writeDropRole(runner: SqlRunner, name: string): Promise<void> {
  const cat = devCat();
  await runner.run(`DELETE FROM ${cat}.roles WHERE name = ${sqlValue(name)}`);
  await runner.run(
    `DELETE FROM ${cat}.role_members WHERE role_name = ${sqlValue(name)} OR (member_kind = 'role' AND member = ${sqlValue(name)})`,
  );
}

export async function writeRoleMember(
  runner: SqlRunner,
  role: string,
  member: { kind: "user" | "role"; name: string },
  action: "grant" | "revoke",
  adminOption = false,
): Promise<void> {
  const cat = devCat();
  const where = `role_name = ${sqlValue(role)} AND member_kind = ${sqlValue(member.kind)} AND member = ${sqlValue(member.name)}`;
  await runner.run(`DELETE FROM ${cat}.role_members WHERE ${where}`);
  if (action === "grant") {
    await runner.run(
      `INSERT INTO ${cat}.role_members VALUES (${sqlValue(role)}, ${sqlValue(member.kind)}, ${sqlValue(member.name)}, ${sqlValue(adminOption)})`,
    );
  }
}

/** A dropped or renamed user leaves no memberships behind (dev's rows; grants are per database). */
export async function writeUserRenamedOrDropped(runner: SqlRunner, name: string, renameTo?: string): Promise<void> {
  const cat = devCat();
  if (renameTo === undefined) {
    await runner.run(`DELETE FROM ${cat}.group_members WHERE user_name = ${sqlValue(name)}`);
    await runner.run(`DELETE FROM ${cat}.role_members WHERE member_kind = 'user' AND member = ${sqlValue(name)}`);
    await runner.run(`DELETE FROM ${cat}.acl WHERE grantee_kind = 'user' AND grantee = ${sqlValue(name)}`);
    return;
  }
  await runner.run(
    `UPDATE ${cat}.group_members SET user_name = ${sqlValue(renameTo)} WHERE user_name = ${sqlValue(name)}`,
  );
  await runner.run(
    `UPDATE ${cat}.role_members SET member = ${sqlValue(renameTo)} WHERE member_kind = 'user' AND member = ${sqlValue(name)}`,
  );
  await runner.run(
    `UPDATE ${cat}.acl SET grantee = ${sqlValue(renameTo)} WHERE grantee_kind = 'user' AND grantee = ${sqlValue(name)}`,
  );
}
