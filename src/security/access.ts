// src/security/access.ts
//! What the binder asks before it lets a statement touch an object: the session user's (or,
//! inside a view, the view owner's) privileges on relations, columns, schemas and databases.
//! Denials are 42501 naming the object, as Postgres and Redshift word them. Superusers bypass
//! every check (the session passes no checker for them); system relations are readable by all.

import { AuthError, SqlState } from "../common/errors.js";
import type { FunctionDef, RelationDef, SchemaDef } from "../catalog/reader.js";
import type { AclEntry } from "../catalog/store/grants.js";
import type { RlsData } from "../catalog/store/rls.js";
import type { Expr } from "../sql/ast/index.js";
import { columnPrivileges, hasPrivilege, type Principal } from "./privileges.js";
import { rowFilter } from "./rls.js";

/** Where the checker reads the catalog's privilege data (the session's view of it). */
export interface AccessSource {
  /** The principal for a user name (groups, roles, superuser); undefined for an unknown user. */
  principal(user: string): Principal | undefined;
  /** The ACL entries of a database (grants on databases: those of dev). */
  acl(database: string): readonly AclEntry[];
  schema(database: string, name: string): SchemaDef | undefined;
  /** Row-level security data of a database. */
  rls(database: string): RlsData | undefined;
}

/** The binder's view of privileges; one per statement. */
export interface AccessChecker {
  readonly user: string;
  /**
   * Requires `privilege` on a relation: the whole relation, or (select, update) some columns.
   * Returns 'all', or the columns the privilege covers; throws 42501 when it covers none.
   * Also requires USAGE on the relation's schema.
   */
  relation(rel: RelationDef, privilege: string): "all" | ReadonlySet<string>;
  /** The columns `privilege` covers ('all' or a set, possibly empty); never throws. */
  columns(rel: RelationDef, privilege: string): "all" | ReadonlySet<string>;
  /** Requires `privilege` (create, usage) on a schema. */
  schema(database: string, schema: string, privilege: string): void;
  /** Owner (or superuser) of a schema only: DROP SCHEMA. */
  schemaOwner(database: string, schema: string): void;
  /** Requires `privilege` (create, temp) on a database. */
  database(name: string, privilege: string): void;
  /** Requires EXECUTE on a user-defined function (42501 naming it). */
  execute(fn: FunctionDef): void;
  /** Owner or superuser only (DROP, ALTER). `privilege` also suffices when granted (Redshift's DROP, ALTER). */
  owner(rel: RelationDef, privilege?: string): void;
  /** The row filter RLS puts on `rel` for this user (AST, columns unqualified); undefined when none. */
  rowFilter(rel: RelationDef): Expr | undefined;
  /** True when some table of `database` has RLS on (views there are expanded so it reaches them). */
  rlsActive(database: string): boolean;
  /**
   * The checker for objects a view reads: its owner's privileges, the session user's row filters;
   * undefined when neither applies.
   */
  asOwner(owner: string): AccessChecker | undefined;
}

export function permissionDenied(kind: "relation" | "schema" | "database" | "column", name: string): AuthError {
  return new AuthError(SqlState.InsufficientPrivilege, `permission denied for ${kind} ${name}`);
}

/** Schemas every session may use: the catalogs and its own temporary schema. */
const SYSTEM_SCHEMAS = new Set(["pg_catalog", "information_schema", "pg_internal", "pg_automv", "pg_temp"]);

export class CatalogAccess implements AccessChecker {
  constructor(
    private readonly source: AccessSource,
    private readonly principal: Principal,
    /** Whose row filters apply: the session user's, also inside views. */
    private readonly rlsPrincipal: Principal = principal,
  ) {}

  /** A checker for `user`; undefined when the user is a superuser (nothing to check). */
  static for(source: AccessSource, user: string): CatalogAccess | undefined {
    const p = source.principal(user);
    if (!p) return new CatalogAccess(source, { name: user, superuser: false, userAdmin: false, groups: [], roles: [] });
    return p.superuser ? undefined : new CatalogAccess(source, p);
  }

  /** Privileges of `p` (a superuser passes every check), row filters of `rlsPrincipal`. */
  private static as(source: AccessSource, p: Principal, rlsPrincipal: Principal): CatalogAccess {
    return new CatalogAccess(source, p, rlsPrincipal);
  }

  get user(): string {
    return this.principal.name;
  }

  relation(rel: RelationDef, privilege: string): "all" | ReadonlySet<string> {
    if (rel.kind === "system" || SYSTEM_SCHEMAS.has(rel.schema)) return "all";
    this.schema(rel.database, rel.schema, "usage");
    const ref = { kind: "table" as const, oid: rel.oid, name: rel.name, owner: rel.owner };
    const acl = this.source.acl(rel.database);
    if (privilege !== "select" && privilege !== "update") {
      if (hasPrivilege(this.principal, ref, acl, privilege)) return "all";
      throw permissionDenied("relation", rel.name);
    }
    const cols = columnPrivileges(this.principal, ref, acl, privilege);
    if (cols !== "all" && cols.size === 0) throw permissionDenied("relation", rel.name);
    return cols;
  }

  columns(rel: RelationDef, privilege: string): "all" | ReadonlySet<string> {
    if (rel.kind === "system" || SYSTEM_SCHEMAS.has(rel.schema)) return "all";
    const ref = { kind: "table" as const, oid: rel.oid, name: rel.name, owner: rel.owner };
    return columnPrivileges(this.principal, ref, this.source.acl(rel.database), privilege);
  }

  schema(database: string, schema: string, privilege: string): void {
    if (SYSTEM_SCHEMAS.has(schema)) return;
    const s = this.source.schema(database, schema);
    if (!s) return;
    const ref = { kind: "schema" as const, oid: s.oid, name: s.name, owner: s.owner };
    if (!hasPrivilege(this.principal, ref, this.source.acl(database), privilege))
      throw permissionDenied("schema", schema);
  }

  schemaOwner(database: string, schema: string): void {
    const s = this.source.schema(database, schema);
    if (s && !this.principal.superuser && s.owner !== this.principal.name) {
      throw new AuthError(SqlState.InsufficientPrivilege, `must be owner of schema ${schema}`);
    }
  }

  database(name: string, privilege: string): void {
    const ref = { kind: "database" as const, oid: 0, name };
    if (!hasPrivilege(this.principal, ref, this.source.acl("dev"), privilege)) throw permissionDenied("database", name);
  }

  execute(fn: FunctionDef): void {
    const ref = { kind: "function" as const, oid: fn.oid, name: fn.name, owner: fn.owner };
    if (!hasPrivilege(this.principal, ref, this.source.acl(fn.database), "execute")) {
      throw new AuthError(SqlState.InsufficientPrivilege, `permission denied for function ${fn.name}`);
    }
  }

  owner(rel: RelationDef, privilege?: string): void {
    if (this.principal.superuser || rel.owner === this.principal.name) return;
    const ref = { kind: "table" as const, oid: rel.oid, name: rel.name, owner: rel.owner };
    if (privilege && hasPrivilege(this.principal, ref, this.source.acl(rel.database), privilege)) return;
    throw new AuthError(SqlState.InsufficientPrivilege, `must be owner of relation ${rel.name}`);
  }

  rowFilter(rel: RelationDef): Expr | undefined {
    const rls = this.source.rls(rel.database);
    return rls ? rowFilter(this.rlsPrincipal, rel, rls) : undefined;
  }

  rlsActive(database: string): boolean {
    const rls = this.source.rls(database);
    return rls !== undefined && [...rls.tables.values()].some((t) => t.enabled);
  }

  asOwner(owner: string): AccessChecker | undefined {
    if (owner === this.principal.name) return this;
    const p = this.source.principal(owner);
    if (!p) return CatalogAccess.for(this.source, owner);
    return CatalogAccess.as(this.source, p, this.rlsPrincipal);
  }
}
