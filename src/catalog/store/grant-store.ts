// src/catalog/store/grant-store.ts
//! The catalog store's writes for privileges, groups and roles (rows: grants.ts). Each checks
//! the names it is given, runs on the caller's connection (joining its transaction) and reloads
//! that connection's private snapshot, like every other catalog write.

import { SqlState } from "../../common/errors.js";
import type { RelationDef } from "../reader.js";
import type { UserRecord } from "./snapshot.js";
import type { SqlRunner } from "../runner.js";
import { sqlValue } from "../sql-text.js";
import { CLUSTER_DATABASE } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";
import {
  type RlsAttachment,
  type RlsPolicyRecord,
  type RlsTable,
  writeDropRlsPolicy,
  writeRlsAttachments,
  writeRlsPolicy,
  writeRlsTable,
} from "./rls.js";
import { CatalogCache, catalogError as fail } from "./catalog-cache.js";
import {
  type AclEntry,
  type AclObjectKind,
  type DefaultAclEntry,
  deleteObjectAcl,
  type GranteeKind,
  type RoleRecord,
  writeCreateGroup,
  writeCreateRole,
  writeDefaultAcl,
  writeDropGroup,
  writeDropRole,
  writeGrants,
  writeGroupMembers,
  writeRenameGroup,
  writeRevokes,
  writeRoleMember,
  writeUserRenamedOrDropped,
} from "./grants.js";

/** Postgres' invalid_grant_operation. */
const INVALID_GRANT_OPERATION = "0LP01";

export class GrantStore extends CatalogCache {
  /** Throws 42704 unless the grantee exists (PUBLIC always does). */
  requireGrantee(runner: SqlRunner, kind: GranteeKind, name: string): void {
    const c = this.clusterFor(runner);
    if (kind === "public") return;
    if (kind === "user" && !c.users.has(name)) throw fail(SqlState.UndefinedObject, `user "${name}" does not exist`);
    if (kind === "group" && !c.access.groups.has(name)) {
      throw fail(SqlState.UndefinedObject, `group "${name}" does not exist`);
    }
    if (kind === "role" && !c.access.roles.has(name))
      throw fail(SqlState.UndefinedObject, `role "${name}" does not exist`);
  }

  /** GRANT: entries of one database ('database' entries go to dev). */
  async grant(runner: SqlRunner, database: string, entries: readonly AclEntry[]): Promise<void> {
    for (const e of entries) this.requireGrantee(runner, e.granteeKind, e.grantee);
    const db = entries.some((e) => e.objkind === "database") ? CLUSTER_DATABASE : database;
    await writeGrants(runner, db, entries);
    await this.reload(runner, db);
  }

  async revoke(
    runner: SqlRunner,
    database: string,
    entries: readonly Omit<AclEntry, "grantable" | "grantor">[],
    grantOptionOnly: boolean,
  ): Promise<void> {
    for (const e of entries) this.requireGrantee(runner, e.granteeKind, e.grantee);
    const db = entries.some((e) => e.objkind === "database") ? CLUSTER_DATABASE : database;
    await writeRevokes(runner, db, entries, grantOptionOnly);
    await this.reload(runner, db);
  }

  /** Forgets the grants of a dropped object. */
  async dropObjectGrants(runner: SqlRunner, database: string, objkind: AclObjectKind, oid: number): Promise<void> {
    await deleteObjectAcl(runner, database, objkind, oid);
    await this.reload(runner, database);
  }

  async setDefaultPrivileges(
    runner: SqlRunner,
    database: string,
    entries: readonly DefaultAclEntry[],
    action: "grant" | "revoke",
    grantOptionOnly = false,
  ): Promise<void> {
    for (const e of entries) {
      this.requireGrantee(runner, e.granteeKind, e.grantee);
      this.requireGrantee(runner, "user", e.forUser);
    }
    await writeDefaultAcl(runner, database, entries, action, grantOptionOnly);
    await this.reload(runner, database);
  }

  /** The tables and views of a database, or of one schema (GRANT ... ON ALL TABLES IN SCHEMA). */
  relationsIn(runner: SqlRunner, database: string, schema?: string): RelationDef[] {
    const all = [...this.snapshotFor(runner, database).relations.values()];
    return schema === undefined ? all : all.filter((r) => r.schema === schema);
  }

  /** Objects a user owns in any database, as 'db.schema[.name]' (DROP USER refuses while any remain). */
  ownedBy(runner: SqlRunner, user: string): string[] {
    const out: string[] = [];
    for (const db of this.shared.keys()) {
      const snap = this.snapshotFor(runner, db);
      for (const s of snap.schemas.values()) if (s.owner === user) out.push(`${db}.${s.name}`);
      for (const r of snap.relations.values()) if (r.owner === user) out.push(`${db}.${r.schema}.${r.name}`);
    }
    for (const d of this.clusterFor(runner).databases.values()) if (d.owner === user) out.push(d.name);
    return out;
  }

  /** The owner of a database, or undefined when there is none of that name. */
  databaseOwner(runner: SqlRunner, name: string): string | undefined {
    return this.clusterFor(runner).databases.get(name)?.owner;
  }

  /** ALTER DATABASE ... OWNER TO. */
  async setDatabaseOwner(runner: SqlRunner, name: string, owner: string): Promise<void> {
    if (!this.clusterFor(runner).databases.has(name)) {
      throw fail(SqlState.InvalidCatalogName, `database "${name}" does not exist`);
    }
    await runner.run(
      `UPDATE ${catalogSchemaOf(CLUSTER_DATABASE)}.databases SET owner = ${sqlValue(owner)} WHERE name = ${sqlValue(name)}`,
    );
    await this.reloadCluster(runner);
  }

  /**
   * Grants a new relation the default privileges its owner set for its schema (or for every
   * schema). Called by createTable / createView before they reload.
   */
  protected async applyDefaultPrivileges(
    runner: SqlRunner,
    database: string,
    rel: { oid: number; schema: string; name: string; owner: string; argTypes?: readonly string[] },
    objects: "tables" | "functions" = "tables",
  ): Promise<void> {
    const defaults = this.snapshotFor(runner, database).privileges.defaultAcl.filter(
      (d) => d.objects === objects && d.forUser === rel.owner && (d.schema === "" || d.schema === rel.schema),
    );
    if (defaults.length === 0) return;
    await writeGrants(
      runner,
      database,
      defaults.map((d) => ({
        objkind: objects === "tables" ? ("table" as const) : ("function" as const),
        objoid: rel.oid,
        objname: `${rel.schema}.${rel.name}${rel.argTypes ? `(${rel.argTypes.join(", ")})` : ""}`,
        granteeKind: d.granteeKind,
        grantee: d.grantee,
        privilege: d.privilege,
        grantable: d.grantable,
        grantor: rel.owner,
      })),
    );
  }

  /** After ALTER USER ... RENAME TO or DROP USER: memberships and dev's grants follow. */
  async userRenamedOrDropped(runner: SqlRunner, name: string, renameTo?: string): Promise<void> {
    await writeUserRenamedOrDropped(runner, name, renameTo);
    await this.reloadCluster(runner);
    await this.reload(runner, CLUSTER_DATABASE);
  }

  // ---- row-level security ----

  /** A policy as `runner` sees it. */
  rlsPolicy(runner: SqlRunner, database: string, name: string): RlsPolicyRecord | undefined {
    return this.snapshotFor(runner, database).privileges.rls.policies.get(name);
  }

  /** CREATE RLS POLICY, or ALTER RLS POLICY (replace). */
  async putRlsPolicy(runner: SqlRunner, database: string, p: RlsPolicyRecord, replace: boolean): Promise<void> {
    const exists = this.rlsPolicy(runner, database, p.name) !== undefined;
    if (exists && !replace) throw fail(SqlState.DuplicateObject, `policy "${p.name}" already exists`);
    if (!exists && replace) throw fail(SqlState.UndefinedObject, `policy "${p.name}" does not exist`);
    await writeRlsPolicy(runner, database, p, replace);
    await this.reload(runner, database);
  }

  /** DROP RLS POLICY: while attached only with CASCADE (which detaches it). False when missing with IF EXISTS. */
  async dropRlsPolicy(runner: SqlRunner, database: string, name: string, cascade: boolean, ifExists: boolean) {
    if (!this.rlsPolicy(runner, database, name)) {
      if (ifExists) return false;
      throw fail(SqlState.UndefinedObject, `policy "${name}" does not exist`);
    }
    const attached = this.snapshotFor(runner, database).privileges.rls.attachments.some((a) => a.policy === name);
    if (attached && !cascade) {
      throw fail(SqlState.DependentObjectsStillExist, `cannot drop policy "${name}" because it is attached to tables`);
    }
    await writeDropRlsPolicy(runner, database, name);
    await this.reload(runner, database);
    return true;
  }

  async attachRlsPolicy(runner: SqlRunner, database: string, entries: readonly RlsAttachment[], detach: boolean) {
    for (const e of entries) {
      if (!this.rlsPolicy(runner, database, e.policy)) {
        throw fail(SqlState.UndefinedObject, `policy "${e.policy}" does not exist`);
      }
      this.requireGrantee(runner, e.granteeKind, e.grantee);
    }
    await writeRlsAttachments(runner, database, entries, detach);
    await this.reload(runner, database);
  }

  async setTableRls(runner: SqlRunner, database: string, relOid: number, t: RlsTable): Promise<void> {
    await writeRlsTable(runner, database, relOid, t);
    await this.reload(runner, database);
  }

  /** Records a user change for stl_userlog (in the statement's transaction: a rollback forgets it). */
  async logUserChange(
    runner: SqlRunner,
    action: "create" | "alter" | "drop" | "rename",
    name: string,
    pid: number,
    options: { oldName?: string; record?: UserRecord } = {},
  ): Promise<void> {
    const u = options.record ?? this.clusterFor(runner).users.get(name);
    const oldName = options.oldName;
    const values = [
      sqlValue(u?.usesysid ?? 0),
      sqlValue(name),
      sqlValue(oldName ?? ""),
      sqlValue(action),
      sqlValue(u?.createdb ?? false),
      sqlValue(u?.superuser ?? false),
      u?.validUntil ? `${sqlValue(u.validUntil.toISOString())}::TIMESTAMPTZ` : "NULL",
      sqlValue(pid),
      "now()::TIMESTAMP",
    ];
    await runner.run(`INSERT INTO ${catalogSchemaOf(CLUSTER_DATABASE)}.user_log VALUES (${values.join(", ")})`);
  }

  // ---- groups ----

  async createGroup(runner: SqlRunner, name: string, users: readonly string[]): Promise<number> {
    if (this.clusterFor(runner).access.groups.has(name)) {
      throw fail(SqlState.DuplicateObject, `group "${name}" already exists`);
    }
    for (const u of users) this.requireGrantee(runner, "user", u);
    const id = await writeCreateGroup(runner, name, users);
    await this.reloadCluster(runner);
    return id;
  }

  async alterGroupMembers(runner: SqlRunner, name: string, users: readonly string[], action: "add" | "drop") {
    this.requireGrantee(runner, "group", name);
    for (const u of users) this.requireGrantee(runner, "user", u);
    await writeGroupMembers(runner, name, users, action);
    await this.reloadCluster(runner);
  }

  async renameGroup(runner: SqlRunner, name: string, to: string): Promise<void> {
    this.requireGrantee(runner, "group", name);
    if (this.clusterFor(runner).access.groups.has(to))
      throw fail(SqlState.DuplicateObject, `group "${to}" already exists`);
    await writeRenameGroup(runner, name, to);
    await this.reloadCluster(runner);
  }

  async dropGroup(runner: SqlRunner, name: string): Promise<void> {
    this.requireGrantee(runner, "group", name);
    await writeDropGroup(runner, name);
    await this.reloadCluster(runner);
  }

  // ---- roles ----

  async createRole(runner: SqlRunner, name: string, owner: string): Promise<number> {
    if (this.clusterFor(runner).access.roles.has(name))
      throw fail(SqlState.DuplicateObject, `role "${name}" already exists`);
    const id = await writeCreateRole(runner, name, owner);
    await this.reloadCluster(runner);
    return id;
  }

  /** DROP ROLE: without FORCE a role still granted to users or roles stays (2BP01). */
  async dropRole(runner: SqlRunner, name: string, force: boolean): Promise<void> {
    const role = this.clusterFor(runner).access.roles.get(name);
    if (!role) throw fail(SqlState.UndefinedObject, `role "${name}" does not exist`);
    if (!force && role.members.length > 0) {
      throw fail(
        SqlState.DependentObjectsStillExist,
        `cannot drop role "${name}" because it is granted to users or roles`,
      );
    }
    await writeDropRole(runner, name);
    await this.reloadCluster(runner);
  }

  /** GRANT ROLE / REVOKE ROLE; granting a role to a role that contains it is refused (circular). */
  async setRoleMember(
    runner: SqlRunner,
    role: string,
    member: { kind: "user" | "role"; name: string },
    action: "grant" | "revoke",
    adminOption = false,
  ): Promise<void> {
    this.requireGrantee(runner, "role", role);
    this.requireGrantee(runner, member.kind, member.name);
    const roles = this.clusterFor(runner).access.roles;
    if (
      action === "grant" &&
      member.kind === "role" &&
      (role === member.name || this.memberOf(roles, role, member.name))
    ) {
      throw fail(INVALID_GRANT_OPERATION, `granting role "${role}" to role "${member.name}" would be circular`);
    }
    await writeRoleMember(runner, role, member, action, adminOption);
    await this.reloadCluster(runner);
  }

  private memberOf(roles: ReadonlyMap<string, RoleRecord>, outer: string, inner: string): boolean {
    // is `outer` a member (directly or through roles) of `inner`?
    const stack = [outer];
    const seen = new Set<string>();
    while (stack.length) {
      const cur = stack.pop() as string;
      if (seen.has(cur)) continue;
      seen.add(cur);
      for (const r of roles.values()) {
        if (r.members.some((m) => m.kind === "role" && m.name === cur)) {
          if (r.name === inner) return true;
          stack.push(r.name);
        }
      }
    }
    return false;
  }
}
