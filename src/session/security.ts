// src/session/security.ts
//! Runs the security statements: CREATE/ALTER/DROP USER, groups, roles, GRANT/REVOKE ROLE here;
//! GRANT/REVOKE on objects, default privileges and OWNER TO in grant.ts. Each runs in the
//! session's transaction block, or in one of its own that commits before the command completes.
//! Only superusers (CREATEUSER) and holders of sys:dba / sys:secadmin manage users and roles;
//! only superusers manage groups, as in Redshift.

import { catalogWrite } from "./catalog-write.js";
import { AuthError, LakeshiftError, SqlState } from "../common/errors.js";
import type { NewUser, UserChanges } from "../catalog/store/users.js";
import { type AccessChecker, type AccessSource, CatalogAccess } from "../security/access.js";
import { parsePasswordSpec, passwordRuleViolation } from "../security/password.js";
import { type Principal, principalOf } from "../security/privileges.js";
import type { SecurityStatement, UserOption } from "../sql/ast/index.js";
import type { ExecuteOutcome } from "./api.js";
import type { ClusterContext } from "./context.js";
import { runGrantStatement } from "./grant.js";
import { principalLookup, type SecurityRun, securityRun } from "./security-run.js";
import type { LakeshiftSession } from "./session.js";

/** The session user as the catalog (with this session's uncommitted changes) sees them now. */
export function sessionPrincipal(cluster: ClusterContext, session: LakeshiftSession): Principal {
  const user = cluster.store.getUser(session.user.name);
  return principalOf(
    { name: session.user.name, superuser: user ? user.superuser : session.user.superuser },
    cluster.store.accessFor(session.conn),
  );
}

export function denied(message: string): AuthError {
  return new AuthError(SqlState.InsufficientPrivilege, message);
}

function requireUserAdmin(p: Principal, what: string): void {
  if (!p.userAdmin) throw denied(`permission denied to ${what}`);
}

function requireSuperuser(p: Principal, what: string): void {
  if (!p.superuser) throw denied(`permission denied to ${what}`);
}

/** VALID UNTIL text: 'infinity' is no expiry. */
function validUntil(text: string): Date | null {
  if (text.trim().toLowerCase() === "infinity") return null;
  const d = new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text.trim()) ? text : `${text.trim().replace(" ", "T")}Z`);
  if (Number.isNaN(d.getTime())) {
    throw new LakeshiftError(SqlState.InvalidDatetimeFormat, `invalid input syntax for type abstime: "${text}"`);
  }
  return d;
}

function password(spec: string, user: string) {
  const parsed = parsePasswordSpec(spec, user);
  const plain =
    parsed.form === "plain" ? spec : parsed.form === "sha256-plain" ? spec.slice("sha256|".length) : undefined;
  if (plain !== undefined) {
    const problem = passwordRuleViolation(plain);
    if (problem) throw new LakeshiftError(SqlState.InvalidParameterValue, problem);
  }
  const { form: _, ...stored } = parsed;
  return stored;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function userChanges(options: readonly UserOption[], user: string): Mutable<UserChanges> & { groups?: string[] } {
  const c: Mutable<UserChanges> & { groups?: string[] } = {};
  for (const o of options) {
    switch (o.option) {
      case "password":
        c.password = o.value === null ? null : password(o.value, user);
        break;
      case "createdb":
        c.createdb = o.value;
        break;
      case "createuser":
        c.superuser = o.value;
        break;
      case "valid-until":
        c.validUntil = validUntil(o.value);
        break;
      case "connection-limit":
        c.connectionLimit = o.value;
        break;
      case "in-group":
        c.groups = [...o.groups];
        break;
      case "syslog-access":
      case "session-timeout":
        break;
    }
  }
  return c;
}

function systemRoleName(name: string): boolean {
  return name.startsWith("sys:");
}

async function runOne(run: SecurityRun, stmt: SecurityStatement): Promise<string> {
  const { session, me, store, conn } = run;
  switch (stmt.kind) {
    case "CreateUser": {
      requireUserAdmin(me, "create user");
      const c = userChanges(stmt.options, stmt.name);
      const user: NewUser = {
        name: stmt.name,
        ...(c.password ? { password: c.password } : {}),
        ...(c.superuser !== undefined ? { superuser: c.superuser } : {}),
        ...(c.createdb !== undefined ? { createdb: c.createdb } : {}),
        ...(c.validUntil !== undefined ? { validUntil: c.validUntil } : {}),
        ...(c.connectionLimit !== undefined ? { connectionLimit: c.connectionLimit } : {}),
      };
      if (store.accessFor(conn).roles.has(stmt.name)) {
        throw new LakeshiftError(SqlState.DuplicateObject, `role "${stmt.name}" already exists`);
      }
      await store.createUser(conn, user);
      for (const g of c.groups ?? []) await store.alterGroupMembers(conn, g, [stmt.name], "add");
      await store.logUserChange(conn, "create", stmt.name, session.processId);
      return "CREATE USER";
    }
    case "AlterUser": {
      const self = stmt.name === me.name;
      const onlyPassword = stmt.renameTo === undefined && stmt.options.every((o) => o.option === "password");
      if (!(self && onlyPassword)) requireUserAdmin(me, "alter user");
      if (stmt.renameTo !== undefined) {
        if (self) throw new LakeshiftError("55006", "session user cannot be renamed");
        await store.alterUser(conn, stmt.name, { renameTo: stmt.renameTo });
        await store.userRenamedOrDropped(conn, stmt.name, stmt.renameTo);
        await store.logUserChange(conn, "rename", stmt.renameTo, session.processId, { oldName: stmt.name });
        return "ALTER USER";
      }
      const { groups: _, ...changes } = userChanges(stmt.options, stmt.name);
      await store.alterUser(conn, stmt.name, changes);
      await store.logUserChange(conn, "alter", stmt.name, session.processId);
      return "ALTER USER";
    }
    case "DropUser": {
      requireUserAdmin(me, "drop user");
      for (const name of stmt.names) {
        if (name === me.name) throw new LakeshiftError("55006", "current user cannot be dropped");
        if (name === "rdsdb") throw denied(`user "${name}" cannot be dropped`);
        if (!store.getUser(name) && stmt.ifExists) continue;
        const owned = store.ownedBy(conn, name);
        if (owned.length > 0) {
          throw new LakeshiftError(
            SqlState.DependentObjectsStillExist,
            `user "${name}" cannot be dropped because the user owns some object`,
            { detail: `owner of ${owned.slice(0, 5).join(", ")}${owned.length > 5 ? ", ..." : ""}` },
          );
        }
        const before = store.getUser(name);
        if (await store.dropUser(conn, name, { ifExists: stmt.ifExists })) {
          await store.userRenamedOrDropped(conn, name);
          await store.logUserChange(conn, "drop", name, session.processId, before ? { record: before } : {});
        }
      }
      return "DROP USER";
    }
    case "CreateGroup":
      requireSuperuser(me, "create group");
      await store.createGroup(conn, stmt.name, stmt.users);
      return "CREATE GROUP";
    case "AlterGroup":
      requireSuperuser(me, "alter group");
      if (stmt.action === "rename") await store.renameGroup(conn, stmt.name, stmt.renameTo ?? "");
      else await store.alterGroupMembers(conn, stmt.name, stmt.users, stmt.action);
      return "ALTER GROUP";
    case "DropGroup":
      requireSuperuser(me, "drop group");
      for (const g of stmt.names) await store.dropGroup(conn, g);
      return "DROP GROUP";
    case "CreateRole":
      requireUserAdmin(me, "create role");
      if (systemRoleName(stmt.name)) {
        throw new LakeshiftError("42939", `role name "${stmt.name}" is reserved`);
      }
      if (store.getUser(stmt.name))
        throw new LakeshiftError(SqlState.DuplicateObject, `role "${stmt.name}" already exists`);
      await store.createRole(conn, stmt.name, me.name);
      return "CREATE ROLE";
    case "DropRole":
      requireUserAdmin(me, "drop role");
      if (systemRoleName(stmt.name)) throw new LakeshiftError("42939", `role "${stmt.name}" is a system role`);
      await store.dropRole(conn, stmt.name, stmt.force);
      return "DROP ROLE";
    case "GrantRole":
    case "RevokeRole": {
      const grant = stmt.kind === "GrantRole";
      for (const role of stmt.roles) {
        const record = store.accessFor(conn).roles.get(role);
        const admin = record?.members.some(
          (m) =>
            m.adminOption &&
            ((m.kind === "user" && m.name === me.name) || (m.kind === "role" && me.roles.includes(m.name))),
        );
        if (!me.userAdmin && record?.owner !== me.name && !admin) {
          throw denied(`permission denied to ${grant ? "grant" : "revoke"} role "${role}"`);
        }
        if (systemRoleName(role) && !me.superuser) throw denied(`permission denied to grant system role "${role}"`);
        for (const g of stmt.grantees) {
          const member = { kind: g.type === "role" ? ("role" as const) : ("user" as const), name: g.name ?? "" };
          await store.setRoleMember(conn, role, member, grant ? "grant" : "revoke", grant && stmt.withAdminOption);
        }
      }
      return grant ? "GRANT" : "REVOKE";
    }
    default:
      return runGrantStatement(run, stmt);
  }
}

export async function runSecurity(
  cluster: ClusterContext,
  session: LakeshiftSession,
  stmt: SecurityStatement,
): Promise<ExecuteOutcome> {
  const me = sessionPrincipal(cluster, session);
  const run = securityRun(cluster, session, me);
  const { value: tag } = await catalogWrite(cluster, session, () => runOne(run, stmt));
  return { kind: "command", tag };
}

/** The binder's privilege checker for this session's next statement; undefined for superusers. */
export function sessionAccess(cluster: ClusterContext, session: LakeshiftSession): AccessChecker | undefined {
  const store = cluster.store;
  const conn = session.conn;
  const reader = cluster.readerFor(session);
  const source: AccessSource = {
    principal: principalLookup(store, conn),
    acl: (database) => store.privilegesFor(database, conn)?.acl ?? [],
    schema: (database, name) => reader.schema(database, name),
    rls: (database) => store.privilegesFor(database, conn)?.rls,
  };
  return CatalogAccess.for(source, session.user.name);
}
