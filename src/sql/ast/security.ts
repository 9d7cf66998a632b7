// src/sql/ast/security.ts
//! Users, groups, roles, privileges and ownership: CREATE/ALTER/DROP USER, CREATE/ALTER/DROP
//! GROUP, CREATE/DROP ROLE, GRANT/REVOKE (privileges and roles), ALTER DEFAULT PRIVILEGES and
//! ALTER ... OWNER TO. Names are folded as written (lower case unless quoted).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html

import type { Expr, ObjectName, TypeName } from "./index.js";

/** One CREATE/ALTER USER option, in the order written. */
export type UserOption =
  /** PASSWORD 'text' (plain, md5..., sha256|...) or PASSWORD DISABLE (value null). */
  | { readonly option: "password"; readonly value: string | null }
  | { readonly option: "createdb"; readonly value: boolean }
  /** CREATEUSER / NOCREATEUSER: the superuser flag. */
  | { readonly option: "createuser"; readonly value: boolean }
  /** VALID UNTIL 'timestamp' | 'infinity'. */
  | { readonly option: "valid-until"; readonly value: string }
  /** CONNECTION LIMIT n; UNLIMITED is -1. */
  | { readonly option: "connection-limit"; readonly value: number }
  | { readonly option: "in-group"; readonly groups: readonly string[] }
  | { readonly option: "syslog-access"; readonly value: "restricted" | "unrestricted" }
  | { readonly option: "session-timeout"; readonly value: number | null };

export interface CreateUser {
  readonly kind: "CreateUser";
  readonly pos: number;
  readonly name: string;
  readonly options: readonly UserOption[];
}

export interface AlterUser {
  readonly kind: "AlterUser";
  readonly pos: number;
  readonly name: string;
  readonly options: readonly UserOption[];
  readonly renameTo?: string;
}

export interface DropUser {
  readonly kind: "DropUser";
  readonly pos: number;
  readonly ifExists: boolean;
  readonly names: readonly string[];
}

/** CREATE GROUP g [[WITH] USER u, ...]. */
export interface CreateGroup {
  readonly kind: "CreateGroup";
  readonly pos: number;
  readonly name: string;
  readonly users: readonly string[];
}

/** ALTER GROUP g {ADD | DROP} USER u, ... | RENAME TO n. */
export interface AlterGroup {
  readonly kind: "AlterGroup";
  readonly pos: number;
  readonly name: string;
  readonly action: "add" | "drop" | "rename";
  readonly users: readonly string[];
  readonly renameTo?: string;
}

export interface DropGroup {
  readonly kind: "DropGroup";
  readonly pos: number;
  readonly names: readonly string[];
}

export interface CreateRole {
  readonly kind: "CreateRole";
  readonly pos: number;
  readonly name: string;
}

/** DROP ROLE r [FORCE | RESTRICT]. */
export interface DropRole {
  readonly kind: "DropRole";
  readonly pos: number;
  readonly name: string;
  readonly force: boolean;
}

/** Who receives or loses a privilege or role. */
export interface Grantee {
  readonly type: "user" | "group" | "role" | "public";
  /** Absent for PUBLIC. */
  readonly name?: string;
}

/** A privilege as written: 'all' for ALL [PRIVILEGES]; columns for SELECT (a, b). */
export interface PrivilegeSpec {
  readonly name: string;
  readonly columns?: readonly string[];
}

export type GrantObjectType =
  | "table"
  | "schema"
  | "database"
  | "function"
  | "procedure"
  | "language"
  | "all-tables"
  | "all-functions"
  | "all-procedures";

/** ON [TABLE] t, ... | SCHEMA s | DATABASE d | FUNCTION f(args) | ALL TABLES IN SCHEMA s, ... */
export interface GrantTarget {
  readonly type: GrantObjectType;
  readonly names: readonly ObjectName[];
  /** FUNCTION / PROCEDURE: the argument types of each name. */
  readonly argTypes?: readonly (readonly TypeName[])[];
}

export interface Grant {
  readonly kind: "Grant";
  readonly pos: number;
  readonly privileges: readonly PrivilegeSpec[];
  readonly on: GrantTarget;
  readonly grantees: readonly Grantee[];
  readonly withGrantOption: boolean;
}

export interface Revoke {
  readonly kind: "Revoke";
  readonly pos: number;
  readonly grantOptionFor: boolean;
  readonly privileges: readonly PrivilegeSpec[];
  readonly on: GrantTarget;
  readonly grantees: readonly Grantee[];
  readonly cascade: boolean;
}

/** GRANT ROLE r, ... TO {user | ROLE r2}, ... [WITH ADMIN OPTION]. */
export interface GrantRole {
  readonly kind: "GrantRole";
  readonly pos: number;
  readonly roles: readonly string[];
  readonly grantees: readonly Grantee[];
  readonly withAdminOption: boolean;
}

/** REVOKE [ADMIN OPTION FOR] ROLE r, ... FROM {user | ROLE r2}, .... */
export interface RevokeRole {
  readonly kind: "RevokeRole";
  readonly pos: number;
  readonly adminOptionFor: boolean;
  readonly roles: readonly string[];
  readonly grantees: readonly Grantee[];
}

/** The objects default privileges apply to. */
export type DefaultPrivilegeObjects = "tables" | "functions" | "procedures";

/** ALTER DEFAULT PRIVILEGES [FOR USER u, ...] [IN SCHEMA s, ...] {GRANT | REVOKE} ... ON TABLES .... */
export interface AlterDefaultPrivileges {
  readonly kind: "AlterDefaultPrivileges";
  readonly pos: number;
  readonly forUsers: readonly string[];
  readonly inSchemas: readonly string[];
  readonly action: "grant" | "revoke";
  readonly privileges: readonly PrivilegeSpec[];
  readonly objects: DefaultPrivilegeObjects;
  readonly grantees: readonly Grantee[];
  readonly withGrantOption: boolean;
  readonly grantOptionFor: boolean;
  readonly cascade: boolean;
}

/** ALTER {TABLE | VIEW | SCHEMA | DATABASE} name OWNER TO user. */
export interface AlterOwner {
  readonly kind: "AlterOwner";
  readonly pos: number;
  readonly objectType: "table" | "view" | "schema" | "database";
  readonly name: ObjectName;
  readonly owner: string;
}

/** One column of CREATE RLS POLICY ... WITH (c type, ...): what the predicate may name. */
export interface RlsColumn {
  readonly name: string;
  readonly type: TypeName;
}

/**
 * CREATE RLS POLICY p [WITH (c type, ...) [[AS] alias]] [USING (predicate)].
 * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_RLS_POLICY.html
 */
export interface CreateRlsPolicy {
  readonly kind: "CreateRlsPolicy";
  readonly pos: number;
  readonly name: string;
  readonly columns: readonly RlsColumn[];
  readonly alias?: string;
  /** Absent: USING (true). */
  readonly using?: Expr;
}

/** ALTER RLS POLICY p USING (predicate). */
export interface AlterRlsPolicy {
  readonly kind: "AlterRlsPolicy";
  readonly pos: number;
  readonly name: string;
  readonly using: Expr;
}

/** DROP RLS POLICY [IF EXISTS] p [CASCADE | RESTRICT]. */
export interface DropRlsPolicy {
  readonly kind: "DropRlsPolicy";
  readonly pos: number;
  readonly name: string;
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

/** ATTACH RLS POLICY p ON [TABLE] t, ... TO grantees | DETACH ... FROM grantees. */
export interface AttachRlsPolicy {
  readonly kind: "AttachRlsPolicy";
  readonly pos: number;
  readonly detach: boolean;
  readonly name: string;
  readonly tables: readonly ObjectName[];
  readonly grantees: readonly Grantee[];
}

/** ALTER TABLE t ROW LEVEL SECURITY {ON | OFF} [CONJUNCTION TYPE {AND | OR}]. */
export interface AlterTableRls {
  readonly kind: "AlterTableRls";
  readonly pos: number;
  readonly table: ObjectName;
  readonly enabled: boolean;
  readonly conjunction?: "and" | "or";
}

export type SecurityStatement =
  | CreateUser
  | AlterUser
  | DropUser
  | CreateGroup
  | AlterGroup
  | DropGroup
  | CreateRole
  | DropRole
  | Grant
  | Revoke
  | GrantRole
  | RevokeRole
  | AlterDefaultPrivileges
  | AlterOwner
  | CreateRlsPolicy
  | AlterRlsPolicy
  | DropRlsPolicy
  | AttachRlsPolicy
  | AlterTableRls;

export type SecurityStatementKind = SecurityStatement["kind"];
