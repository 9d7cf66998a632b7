// src/session/privilege-functions.ts
//! ls_has_privilege: the host function behind the catalog's has_*_privilege macros. DuckDB calls
//! it with the session's process id (the ls_pid variable), so the answer is the session's: its
//! user, search path and uncommitted grants, checked by security/has-privilege.ts, the same rules
//! the binder enforces.

import {
  answerPrivilegeQuestion,
  type PrivilegeFunctionKind,
  type PrivilegeLookup,
} from "../security/has-privilege.js";
import type { HostFunction, HostValue } from "../engine/index.js";
import { lookupFunction } from "../plan/index.js";
import type { LakeshiftCluster } from "./cluster.js";
import { functionFromText } from "./function.js";
import { principalLookup } from "./security-run.js";

const KINDS = new Set<string>(["table", "column", "schema", "database", "function"]);

function text(v: HostValue): string | undefined {
  return v === null ? undefined : String(v);
}

function lookupFor(cluster: LakeshiftCluster, pid: number | undefined): { lookup: PrivilegeLookup; user?: string } {
  const store = cluster.store;
  const session = pid === undefined ? undefined : cluster.sessionByPid(pid);
  const conn = session?.conn;
  const reader = session ? cluster.readerFor(session) : undefined;
  const lookup: PrivilegeLookup = {
    principal: principalLookup(store, conn),
    userName: (oid) => store.users().find((u) => u.usesysid === oid)?.name,
    acl: (database) => store.privilegesFor(database, conn)?.acl ?? [],
    relation: (database, name) =>
      (reader ?? store.readerFor({ database, searchPath: ["public"], runner: cluster.admin })).relation({
        database,
        ...name,
      }),
    relationByOid: (database, oid) => store.relationByOid(database, oid, conn),
    schema: (database, name) =>
      (reader ?? store.readerFor({ database, searchPath: ["public"], runner: cluster.admin })).schema(database, name),
    schemaByOid: (database, oid) => store.schemaByOid(database, oid, conn),
    databaseOwner: (name) => store.getDatabase(name)?.owner,
    functionExists: (name) =>
      lookupFunction(name) !== undefined ||
      (reader ?? store.readerFor({ database: "dev", searchPath: ["public"], runner: cluster.admin })).systemFunction(
        name,
      ) !== undefined,
    userFunction: (database, object) =>
      functionFromText(reader ?? store.readerFor({ database, searchPath: ["public"], runner: cluster.admin }), object),
  };
  return session ? { lookup, user: session.user.name } : { lookup };
}

/** ls_has_privilege(kind, pid, user, object, column, privilege, database) -> boolean. */
export function privilegeHostFunction(cluster: () => LakeshiftCluster | undefined): HostFunction {
  return {
    name: "ls_has_privilege",
    parameters: ["varchar", "integer", "varchar", "varchar", "varchar", "varchar", "varchar"],
    returns: "boolean",
    call([kind, pid, user, object, column, privilege, database]: readonly HostValue[]) {
      const c = cluster();
      const o = text(object);
      const p = text(privilege);
      const k = text(kind);
      if (!c || o === undefined || p === undefined || !k || !KINDS.has(k)) return null;
      const { lookup, user: current } = lookupFor(c, typeof pid === "number" ? pid : undefined);
      const u = text(user);
      // A connection without a session (the cluster's own) asks as a superuser would.
      if (current === undefined && u === undefined) return true;
      return answerPrivilegeQuestion(
        {
          kind: k as PrivilegeFunctionKind,
          ...(u !== undefined ? { user: u } : {}),
          currentUser: current ?? "",
          object: o,
          ...(text(column) !== undefined ? { column: text(column) } : {}),
          privilege: p,
          database: text(database) ?? "dev",
        },
        lookup,
      );
    },
  };
}
