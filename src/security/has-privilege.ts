// src/security/has-privilege.ts
//! has_table_privilege, has_column_privilege, has_schema_privilege, has_database_privilege and
//! has_function_privilege: the same checker the binder enforces with (privileges.ts), asked
//! about a user (by name or usesysid; the current user when omitted) and an object (by name or
//! oid). The privilege argument is one privilege or a comma list, each optionally followed by
//! WITH GRANT OPTION, any of which suffices, as in Postgres.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_TABLE_PRIVILEGE.html
//! https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-ACCESS

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { FunctionDef, RelationDef, SchemaDef } from "../catalog/reader.js";
import type { AclEntry } from "../catalog/store/grants.js";
import { columnPrivileges, hasPrivilege, type ObjectRef, type Principal } from "./privileges.js";

export type PrivilegeFunctionKind = "table" | "column" | "schema" | "database" | "function";

/** What the functions read: the session's view of the catalog. */
export interface PrivilegeLookup {
  /** The principal of a user by name; undefined when there is no such user. */
  principal(user: string): Principal | undefined;
  /** A user's name by usesysid. */
  userName(usesysid: number): string | undefined;
  /** Grants on objects of a database (grants on databases: those of dev). */
  acl(database: string): readonly AclEntry[];
  /** A relation by (possibly qualified) name, schema omitted -> search path. */
  relation(database: string, name: { readonly schema?: string; readonly name: string }): RelationDef | undefined;
  relationByOid(database: string, oid: number): RelationDef | undefined;
  schema(database: string, name: string): SchemaDef | undefined;
  schemaByOid(database: string, oid: number): SchemaDef | undefined;
  /** The owner of a database; undefined when there is none of that name. */
  databaseOwner(name: string): string | undefined;
  /** Whether a function of that name exists (built in or a catalog function). */
  functionExists(name: string): boolean;
  /** A user-defined function named by 'f(type, ...)' or '[schema.]f' (undefined when none or several). */
  userFunction(database: string, text: string): FunctionDef | undefined;
}

export interface PrivilegeQuestion {
  readonly kind: PrivilegeFunctionKind;
  /** The user argument as text (name or usesysid); undefined: the current user. */
  readonly user?: string;
  readonly currentUser: string;
  /** The object argument as text: a name, or an oid. */
  readonly object: string;
  /** has_column_privilege: the column's name (or attnum). */
  readonly column?: string;
  readonly privilege: string;
  /** The session's database (names resolve there). */
  readonly database: string;
}

/** The privileges each function accepts, as Postgres spells them, -> the ACL's privilege name. */
const ACCEPTED: Readonly<Record<PrivilegeFunctionKind, Readonly<Record<string, string>>>> = {
  table: {
    select: "select",
    insert: "insert",
    update: "update",
    delete: "delete",
    references: "references",
    truncate: "truncate",
    trigger: "trigger",
    drop: "drop",
    alter: "alter",
    rule: "rule",
  },
  column: { select: "select", insert: "insert", update: "update", references: "references" },
  schema: { create: "create", usage: "usage" },
  database: { create: "create", temp: "temp", temporary: "temp", connect: "connect", usage: "usage" },
  function: { execute: "execute" },
};

const isOid = (text: string) => /^\s*\d+\s*$/.test(text);

function invalid(message: string): LakeshiftError {
  return new LakeshiftError(SqlState.InvalidParameterValue, message);
}

/** 'select, insert WITH GRANT OPTION' -> [{select}, {insert, grantOption}]. */
export function parsePrivilegeList(
  text: string,
  kind: PrivilegeFunctionKind,
): { readonly privilege: string; readonly grantOption: boolean }[] {
  return text.split(",").map((item) => {
    const words = item.trim().toLowerCase().split(/\s+/);
    const grantOption = words.length === 4 && words[1] === "with" && words[2] === "grant" && words[3] === "option";
    const privilege = ACCEPTED[kind][words[0] ?? ""];
    if (!privilege || (words.length !== 1 && !grantOption)) {
      throw invalid(`unrecognized privilege type: "${item.trim()}"`);
    }
    return { privilege, grantOption };
  });
}

/** Splits 'a."B c".d' into parts: quoted parts keep their case ("" is a quote), others fold. */
export function splitQualifiedName(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  for (;;) {
    let part = "";
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw invalid(`invalid name syntax: ${text}`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += s[i];
        i++;
      }
    } else {
      while (i < s.length && s[i] !== "." && s[i] !== '"') part += s[i++];
      part = part.trim().toLowerCase();
    }
    if (part === "") throw new LakeshiftError(SqlState.InvalidName, `invalid name syntax: ${text}`);
    parts.push(part);
    if (i >= s.length) return parts;
    if (s[i] !== ".") throw new LakeshiftError(SqlState.InvalidName, `invalid name syntax: ${text}`);
    i++;
  }
}

function principalFor(q: PrivilegeQuestion, lookup: PrivilegeLookup): Principal {
  let name = q.user ?? q.currentUser;
  if (q.user !== undefined && isOid(q.user)) {
    const byOid = lookup.userName(Number(q.user));
    if (byOid === undefined)
      throw new LakeshiftError(SqlState.UndefinedObject, `user with OID ${q.user.trim()} does not exist`);
    name = byOid;
  }
  const p = lookup.principal(name);
  if (!p) throw new LakeshiftError(SqlState.UndefinedObject, `user "${name}" does not exist`);
  return p;
}

function relationOf(q: PrivilegeQuestion, lookup: PrivilegeLookup): RelationDef | null {
  if (isOid(q.object)) return lookup.relationByOid(q.database, Number(q.object)) ?? null;
  const parts = splitQualifiedName(q.object);
  if (parts.length > 3) throw new LakeshiftError(SqlState.InvalidName, `improper relation name: ${q.object}`);
  const name = parts.at(-1) as string;
  const schema = parts.length > 1 ? parts.at(-2) : undefined;
  const database = parts.length === 3 ? (parts[0] as string) : q.database;
  const rel = lookup.relation(database, schema === undefined ? { name } : { schema, name });
  if (!rel) throw new LakeshiftError(SqlState.UndefinedTable, `relation "${q.object}" does not exist`);
  return rel;
}

/**
 * The answer of one has_*_privilege call: true or false; null for an oid that names nothing
 * (as Postgres). Unknown names raise the error Postgres raises.
 */
export function answerPrivilegeQuestion(q: PrivilegeQuestion, lookup: PrivilegeLookup): boolean | null {
  const wanted = parsePrivilegeList(q.privilege, q.kind);
  const p = principalFor(q, lookup);
  const any = (check: (privilege: string, grantOption: boolean) => boolean) =>
    wanted.some((w) => check(w.privilege, w.grantOption));
  switch (q.kind) {
    case "table":
    case "column": {
      const rel = relationOf(q, lookup);
      if (!rel) return null;
      if (rel.kind === "system") return any((_, grantOption) => !grantOption || p.superuser);
      const ref: ObjectRef = { kind: "table", oid: rel.oid, name: rel.name, owner: rel.owner };
      const acl = lookup.acl(rel.database);
      if (q.kind === "table") return any((priv, grantOption) => hasPrivilege(p, ref, acl, priv, { grantOption }));
      const text = q.column ?? "";
      const col = isOid(text)
        ? rel.columns.find((c) => c.ordinal === Number(text))
        : rel.columns.find((c) => c.name === text);
      if (!col) {
        if (isOid(text)) return null;
        throw new LakeshiftError(SqlState.UndefinedColumn, `column "${text}" of relation "${rel.name}" does not exist`);
      }
      return any((priv, grantOption) => {
        const cols = columnPrivileges(p, ref, acl, priv, { grantOption });
        return cols === "all" || cols.has(col.name);
      });
    }
    case "schema": {
      const s = isOid(q.object)
        ? lookup.schemaByOid(q.database, Number(q.object))
        : lookup.schema(q.database, splitQualifiedName(q.object).at(-1) as string);
      if (!s) {
        if (isOid(q.object)) return null;
        throw new LakeshiftError(SqlState.InvalidSchemaName, `schema "${q.object}" does not exist`);
      }
      if (s.name === "pg_catalog" || s.name === "information_schema") {
        return any((priv, grantOption) => priv === "usage" && (!grantOption || p.superuser));
      }
      const ref: ObjectRef = { kind: "schema", oid: s.oid, name: s.name, owner: s.owner };
      return any((priv, grantOption) => hasPrivilege(p, ref, lookup.acl(q.database), priv, { grantOption }));
    }
    case "database": {
      const name = splitQualifiedName(q.object)[0] as string;
      const owner = lookup.databaseOwner(name);
      if (owner === undefined)
        throw new LakeshiftError(SqlState.InvalidCatalogName, `database "${q.object}" does not exist`);
      const ref: ObjectRef = { kind: "database", oid: 0, name, owner };
      // Every user may connect, as in Redshift (no CONNECT privilege to revoke).
      return any((priv, grantOption) =>
        priv === "connect"
          ? !grantOption || p.superuser || owner === p.name
          : hasPrivilege(p, ref, lookup.acl("dev"), priv, { grantOption }),
      );
    }
    case "function": {
      const udf = lookup.userFunction(q.database, q.object);
      if (udf) {
        const ref: ObjectRef = { kind: "function", oid: udf.oid, name: udf.name, owner: udf.owner };
        return any((priv, grantOption) => hasPrivilege(p, ref, lookup.acl(udf.database), priv, { grantOption }));
      }
      const name = q.object.includes("(") ? q.object.slice(0, q.object.indexOf("(")) : q.object;
      const parts = splitQualifiedName(name);
      if (!lookup.functionExists(parts.at(-1) as string)) {
        throw new LakeshiftError(SqlState.UndefinedFunction, `function "${q.object}" does not exist`);
      }
      // Built-in and catalog functions: EXECUTE belongs to PUBLIC, grant option to superusers.
      return any((_, grantOption) => !grantOption || p.superuser);
    }
  }
}
