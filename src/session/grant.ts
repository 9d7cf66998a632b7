// src/session/grant.ts
//! GRANT/REVOKE on tables, views, columns, schemas, databases, functions and languages;
//! ALTER DEFAULT PRIVILEGES; ALTER ... OWNER TO. Names resolve against the session's catalog;
//! ALL expands to the object kind's privileges. The grantor must own the object, be a superuser,
//! or hold the privilege WITH GRANT OPTION. https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { AclEntry, AclObjectKind, DefaultAclEntry, GranteeKind } from "../catalog/store/grants.js";
import {
  COLUMN_PRIVILEGES,
  hasPrivilege,
  OBJECT_PRIVILEGES,
  type ObjectRef,
  type Principal,
} from "../security/privileges.js";
import type { Grantee, GrantTarget, ObjectName, PrivilegeSpec, SecurityStatement } from "../sql/ast/index.js";
import { objectName, typeName } from "../sql/index.js";
import { revokeWithDependents } from "../security/grant-dependents.js";
import type { ClusterContext } from "./context.js";
import { canonicalType, findFunction } from "./function.js";
import { functionSignature } from "../catalog/reader.js";
import { runRlsStatement } from "./rls.js";
import { principalLookup, type SecurityRun } from "./security-run.js";
import type { LakeshiftSession } from "./session.js";
import { denied } from "./security.js";

/** Postgres' invalid_grant_operation. */
const INVALID_GRANT_OPERATION = "0LP01";

/** One object a GRANT names, resolved. */
interface Target extends ObjectRef {
  readonly database: string;
  readonly columns?: readonly string[];
}

function privilegeList(
  specs: readonly PrivilegeSpec[],
  kind: AclObjectKind,
): { name: string; columns?: readonly string[] }[] {
  const allowed = OBJECT_PRIVILEGES[kind];
  const out: { name: string; columns?: readonly string[] }[] = [];
  for (const p of specs) {
    if (p.columns && kind !== "table")
      throw new LakeshiftError(SqlState.SyntaxError, "column privileges are only valid for tables");
    if (p.name === "all") {
      const names = p.columns ? COLUMN_PRIVILEGES : allowed;
      for (const n of names) out.push(p.columns ? { name: n, columns: p.columns } : { name: n });
      continue;
    }
    if (!allowed.includes(p.name)) {
      throw new LakeshiftError(INVALID_GRANT_OPERATION, `invalid privilege type ${p.name.toUpperCase()} for ${kind}`);
    }
    if (p.columns && !COLUMN_PRIVILEGES.includes(p.name)) {
      throw new LakeshiftError(INVALID_GRANT_OPERATION, `invalid privilege type ${p.name.toUpperCase()} for column`);
    }
    out.push(p.columns ? { name: p.name, columns: p.columns } : { name: p.name });
  }
  return out;
}

function resolveTargets(cluster: ClusterContext, session: LakeshiftSession, on: GrantTarget): Target[] {
  const reader = cluster.readerFor(session);
  const store = cluster.store;
  const db = (n: ObjectName) => n.database ?? session.database;
  switch (on.type) {
    case "table":
      return on.names.map((n) => {
        const rel = reader.relation({ database: n.database, schema: n.schema, name: n.name });
        if (!rel || rel.kind === "system") {
          throw new LakeshiftError(SqlState.UndefinedTable, `relation "${objectName(n)}" does not exist`);
        }
        return {
          kind: "table",
          oid: rel.oid,
          name: `${rel.schema}.${rel.name}`,
          owner: rel.owner,
          database: rel.database,
        };
      });
    case "all-tables":
      return on.names.flatMap((n) => {
        const schema = reader.schema(db(n), n.name);
        if (!schema) throw new LakeshiftError(SqlState.InvalidSchemaName, `schema "${n.name}" does not exist`);
        return store.relationsIn(session.conn, db(n), n.name).map((rel) => ({
          kind: "table" as const,
          oid: rel.oid,
          name: `${rel.schema}.${rel.name}`,
          owner: rel.owner,
          database: rel.database,
        }));
      });
    case "schema":
      return on.names.map((n) => {
        const schema = reader.schema(db(n), n.name);
        if (!schema || n.name === "pg_catalog" || n.name === "information_schema") {
          throw new LakeshiftError(SqlState.InvalidSchemaName, `schema "${n.name}" does not exist`);
        }
        return { kind: "schema", oid: schema.oid, name: schema.name, owner: schema.owner, database: db(n) };
      });
    case "database":
      return on.names.map((n) => {
        const d = store.getDatabase(n.name);
        if (!d) throw new LakeshiftError(SqlState.InvalidCatalogName, `database "${n.name}" does not exist`);
        return { kind: "database", oid: 0, name: d.name, owner: d.owner, database: d.name };
      });
    case "function":
      return on.names.map((n, i) => {
        const types = (on.argTypes?.[i] ?? []).map(canonicalType);
        const f = findFunction(session, n, types);
        if (!f)
          throw new LakeshiftError(
            SqlState.UndefinedFunction,
            `function ${objectName(n)}(${types.join(", ")}) does not exist`,
          );
        return { kind: "function", oid: f.oid, name: functionSignature(f), owner: f.owner, database: f.database };
      });
    case "procedure":
      // Lakeshift has no CREATE PROCEDURE, so no procedure exists to grant EXECUTE on; Redshift
      // refuses a missing one the same way.
      return on.names.map((n, i) => {
        const args = (on.argTypes?.[i] ?? []).map(typeName).join(", ").toLowerCase();
        throw new LakeshiftError(SqlState.UndefinedFunction, `procedure ${objectName(n)}(${args}) does not exist`);
      });
    case "language":
      return on.names.map((n) => ({ kind: "language", oid: 0, name: n.name, database: session.database }));
    case "all-functions":
    case "all-procedures":
      throw new LakeshiftError(SqlState.FeatureNotSupported, "GRANT ON ALL FUNCTIONS IN SCHEMA is not supported");
  }
}

function granteeOf(g: Grantee): { granteeKind: GranteeKind; grantee: string } {
  return { granteeKind: g.type, grantee: g.type === "public" ? "" : (g.name ?? "") };
}

function checkColumns(cluster: ClusterContext, session: LakeshiftSession, t: Target, columns: readonly string[]): void {
  const rel = cluster.store
    .relationsIn(session.conn, t.database, t.name.slice(0, t.name.indexOf(".")))
    .find((r) => r.oid === t.oid);
  for (const c of columns) {
    if (rel && !rel.columns.some((col) => col.name === c)) {
      throw new LakeshiftError(SqlState.UndefinedColumn, `column "${c}" of relation "${rel.name}" does not exist`);
    }
  }
}

function requireGrantable(me: Principal, t: Target, privilege: string, acl: readonly AclEntry[]): void {
  if (hasPrivilege(me, t, acl, privilege, { grantOption: true })) return;
  throw denied(`permission denied for ${t.kind === "table" ? "relation" : t.kind} ${t.name}`);
}

export async function runGrantStatement(run: SecurityRun, stmt: SecurityStatement): Promise<string> {
  const { cluster, session, me, store, conn } = run;
  switch (stmt.kind) {
    case "Grant":
    case "Revoke": {
      const grant = stmt.kind === "Grant";
      if (grant && stmt.withGrantOption && stmt.grantees.some((g) => g.type !== "user")) {
        throw new LakeshiftError(INVALID_GRANT_OPERATION, "grant options can only be granted to users");
      }
      const targets = resolveTargets(cluster, session, stmt.on);
      const byDb = new Map<string, AclEntry[]>();
      for (const t of targets) {
        const acl = store.privilegesFor(t.kind === "database" ? "dev" : t.database, conn)?.acl ?? [];
        for (const p of privilegeList(stmt.privileges, t.kind)) {
          requireGrantable(me, t, p.name, acl);
          if (p.columns) checkColumns(cluster, session, t, p.columns);
          for (const g of stmt.grantees) {
            for (const column of p.columns ?? [undefined]) {
              const entry: AclEntry = {
                objkind: t.kind,
                objoid: t.oid,
                objname: t.name,
                ...granteeOf(g),
                privilege: p.name,
                ...(column !== undefined ? { column } : {}),
                grantable: grant && stmt.withGrantOption,
                grantor: me.name,
              };
              const list = byDb.get(t.database) ?? [];
              list.push(entry);
              byDb.set(t.database, list);
            }
          }
        }
      }
      for (const [db, entries] of byDb) {
        if (grant) {
          await store.grant(conn, db, entries);
          continue;
        }
        const revoke = stmt as Extract<SecurityStatement, { kind: "Revoke" }>;
        const { dependents } = revokeWithDependents(
          store.privilegesFor(entries[0]?.objkind === "database" ? "dev" : db, conn)?.acl ?? [],
          entries,
          {
            grantOptionOnly: revoke.grantOptionFor,
            cascade: revoke.cascade,
            principal: principalLookup(store, conn),
            owner: (e) =>
              e.objkind === "table"
                ? store.relationByOid(db, e.objoid, conn)?.owner
                : e.objkind === "schema"
                  ? store.schemaByOid(db, e.objoid, conn)?.owner
                  : e.objkind === "database"
                    ? store.getDatabase(e.objname)?.owner
                    : undefined,
          },
        );
        await store.revoke(conn, db, entries, revoke.grantOptionFor);
        if (dependents.length > 0) await store.revoke(conn, db, dependents, false);
      }
      return grant ? "GRANT" : "REVOKE";
    }
    case "AlterDefaultPrivileges": {
      const forUsers = stmt.forUsers.length ? stmt.forUsers : [me.name];
      if (!me.superuser && forUsers.some((u) => u !== me.name)) {
        throw denied("permission denied to change default privileges of other users");
      }
      const kind: AclObjectKind = stmt.objects === "tables" ? "table" : "function";
      const privileges = privilegeList(stmt.privileges, kind);
      const entries: DefaultAclEntry[] = [];
      for (const forUser of forUsers) {
        for (const schema of stmt.inSchemas.length ? stmt.inSchemas : [""]) {
          for (const p of privileges) {
            for (const g of stmt.grantees) {
              entries.push({
                forUser,
                schema,
                objects: stmt.objects,
                ...granteeOf(g),
                privilege: p.name,
                grantable: stmt.withGrantOption,
              });
            }
          }
        }
      }
      await store.setDefaultPrivileges(conn, session.database, entries, stmt.action, stmt.grantOptionFor);
      return "ALTER DEFAULT PRIVILEGES";
    }
    case "AlterOwner": {
      store.requireGrantee(conn, "user", stmt.owner);
      const reader = cluster.readerFor(session);
      const n = stmt.name;
      if (stmt.objectType === "database") {
        if (!me.superuser) throw denied(`must be superuser to change the owner of database ${n.name}`);
        await store.setDatabaseOwner(conn, n.name, stmt.owner);
        return "ALTER DATABASE";
      }
      if (stmt.objectType === "schema") {
        const database = n.database ?? session.database;
        const schema = reader.schema(database, n.name);
        if (!schema) throw new LakeshiftError(SqlState.InvalidSchemaName, `schema "${n.name}" does not exist`);
        if (!me.superuser && schema.owner !== me.name) throw denied(`must be owner of schema ${n.name}`);
        await store.setSchemaOwner(conn, database, n.name, stmt.owner);
        return "ALTER SCHEMA";
      }
      const rel = reader.relation({ database: n.database, schema: n.schema, name: n.name });
      if (!rel || rel.kind === "system") {
        throw new LakeshiftError(SqlState.UndefinedTable, `relation "${objectName(n)}" does not exist`);
      }
      if (rel.kind !== stmt.objectType && !(stmt.objectType === "table" && rel.kind === "view")) {
        throw new LakeshiftError(SqlState.WrongObjectType, `"${rel.name}" is not a ${stmt.objectType}`);
      }
      if (!me.superuser && rel.owner !== me.name) throw denied(`must be owner of relation ${rel.name}`);
      await store.setRelationOwner(conn, rel.database, rel.oid, stmt.owner);
      return stmt.objectType === "view" ? "ALTER VIEW" : "ALTER TABLE";
    }
    default:
      return runRlsStatement(run, stmt);
  }
}
