// src/sql/parser/security.ts
//! CREATE/ALTER/DROP USER, CREATE/ALTER/DROP GROUP, CREATE/DROP ROLE, GRANT/REVOKE (privileges
//! and roles), ALTER DEFAULT PRIVILEGES and ALTER {TABLE | VIEW | SCHEMA | DATABASE} ... OWNER TO.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html

import type {
  AlterDefaultPrivileges,
  AlterGroup,
  AlterOwner,
  AlterUser,
  CreateGroup,
  CreateRole,
  CreateUser,
  DefaultPrivilegeObjects,
  DropGroup,
  DropRole,
  DropUser,
  Grant,
  Grantee,
  GrantRole,
  GrantTarget,
  PrivilegeSpec,
  Revoke,
  RevokeRole,
  SecurityStatement,
  Statement,
  TypeName,
  UserOption,
} from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseObjectName } from "./names.js";
import { parseAlterTable } from "./alter-table.js";
import { parseAlterRlsPolicy, parseAlterTableRls, parseCreateRlsPolicy, parseDropRlsPolicy } from "./rls.js";
import { parseTypeName } from "./type-name.js";

const SECURITY_KINDS: ReadonlySet<string> = new Set<SecurityStatement["kind"]>([
  "CreateUser",
  "AlterUser",
  "DropUser",
  "CreateGroup",
  "AlterGroup",
  "DropGroup",
  "CreateRole",
  "DropRole",
  "Grant",
  "Revoke",
  "GrantRole",
  "RevokeRole",
  "AlterDefaultPrivileges",
  "AlterOwner",
  "CreateRlsPolicy",
  "AlterRlsPolicy",
  "DropRlsPolicy",
  "AttachRlsPolicy",
  "AlterTableRls",
]);

export function isSecurityStatement(s: Statement): s is SecurityStatement {
  return SECURITY_KINDS.has(s.kind);
}

/** A user, group or role name: an identifier, or a word even if reserved; roles may be 'sys:x'. */
export function roleName(p: Cursor): string {
  let name = p.label();
  if (p.isOp(":") && p.isLabel(1) && p.peek(1).start === p.tok.end) {
    p.next();
    name += `:${p.label()}`;
  }
  return name;
}

function nameList(p: Cursor): string[] {
  return p.commaList(() => roleName(p));
}

function stringValue(p: Cursor): string {
  const t = p.tok;
  if (t.kind !== "string") throw p.error();
  p.next();
  return t.value;
}

function integer(p: Cursor): number {
  const t = p.tok;
  if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw p.error();
  p.next();
  return Number(t.value);
}

/** One user option; undefined when the next token starts none. */
function userOption(p: Cursor, create: boolean): UserOption | undefined {
  if (p.acceptWord("password")) {
    if (p.acceptWord("disable")) return { option: "password", value: null };
    return { option: "password", value: stringValue(p) };
  }
  if (p.acceptWord("createdb")) return { option: "createdb", value: true };
  if (p.acceptWord("nocreatedb")) return { option: "createdb", value: false };
  if (p.acceptWord("createuser")) return { option: "createuser", value: true };
  if (p.acceptWord("nocreateuser")) return { option: "createuser", value: false };
  if (p.acceptWords("valid", "until")) return { option: "valid-until", value: stringValue(p) };
  if (p.acceptWords("connection", "limit")) {
    if (p.acceptWord("unlimited")) return { option: "connection-limit", value: -1 };
    return { option: "connection-limit", value: integer(p) };
  }
  if (create && p.acceptWords("in", "group")) return { option: "in-group", groups: nameList(p) };
  if (p.acceptWords("syslog", "access")) {
    if (p.acceptWord("restricted")) return { option: "syslog-access", value: "restricted" };
    p.expectWord("unrestricted");
    return { option: "syslog-access", value: "unrestricted" };
  }
  if (p.acceptWords("session", "timeout")) return { option: "session-timeout", value: integer(p) };
  if (!create && p.acceptWords("reset", "session", "timeout")) return { option: "session-timeout", value: null };
  if (p.isWord("externalid")) throw p.unsupported("EXTERNALID");
  return undefined;
}

function userOptions(p: Cursor, create: boolean): UserOption[] {
  p.acceptWord("with");
  const out: UserOption[] = [];
  for (;;) {
    const o = userOption(p, create);
    if (!o) break;
    out.push(o);
    p.acceptOp(",");
  }
  return out;
}

/** CREATE USER / GROUP / ROLE / RLS POLICY after CREATE; undefined when it is none of them. */
export function parseCreateSecurity(p: Cursor, pos: number): SecurityStatement | undefined {
  if (p.acceptWords("rls", "policy")) return parseCreateRlsPolicy(p, pos);
  if (p.acceptWord("user")) {
    const name = roleName(p);
    const options = userOptions(p, true);
    if (!options.some((o) => o.option === "password")) throw p.error();
    return { kind: "CreateUser", pos, name, options } satisfies CreateUser;
  }
  if (p.acceptWord("group")) {
    const name = roleName(p);
    let users: string[] = [];
    if (p.acceptWords("with", "user") || p.acceptWord("user")) users = nameList(p);
    return { kind: "CreateGroup", pos, name, users } satisfies CreateGroup;
  }
  if (p.acceptWord("role")) {
    const name = roleName(p);
    if (p.isWord("externalid")) throw p.unsupported("CREATE ROLE ... EXTERNALID");
    return { kind: "CreateRole", pos, name } satisfies CreateRole;
  }
  return undefined;
}

/** DROP USER / GROUP / ROLE / RLS POLICY after DROP; undefined when it is none of them. */
export function parseDropSecurity(p: Cursor, pos: number): SecurityStatement | undefined {
  if (p.acceptWords("rls", "policy")) return parseDropRlsPolicy(p, pos);
  if (p.acceptWord("user")) {
    const ifExists = p.acceptWords("if", "exists");
    return { kind: "DropUser", pos, ifExists, names: nameList(p) } satisfies DropUser;
  }
  if (p.acceptWord("group")) return { kind: "DropGroup", pos, names: nameList(p) } satisfies DropGroup;
  if (p.acceptWord("role")) {
    const name = roleName(p);
    const force = p.acceptWord("force");
    if (!force) p.acceptWord("restrict");
    return { kind: "DropRole", pos, name, force } satisfies DropRole;
  }
  return undefined;
}

export function grantee(p: Cursor): Grantee {
  if (p.acceptWord("public")) return { type: "public" };
  if (p.acceptWord("group")) return { type: "group", name: roleName(p) };
  if (p.acceptWord("role")) return { type: "role", name: roleName(p) };
  p.acceptWord("user");
  return { type: "user", name: roleName(p) };
}

const PRIVILEGE_WORDS = new Set([
  "select",
  "insert",
  "update",
  "delete",
  "references",
  "alter",
  "truncate",
  "drop",
  "create",
  "temp",
  "temporary",
  "usage",
  "execute",
  "rule",
  "trigger",
]);

function privileges(p: Cursor): PrivilegeSpec[] {
  if (p.acceptWord("all")) {
    p.acceptWord("privileges");
    return [p.isOp("(") ? { name: "all", columns: p.identList() } : { name: "all" }];
  }
  return p.commaList(() => {
    const t = p.tok;
    if (t.kind !== "word" || !PRIVILEGE_WORDS.has(t.value)) throw p.error();
    p.next();
    const name = t.value === "temporary" ? "temp" : t.value;
    return p.isOp("(") ? { name, columns: p.identList() } : { name };
  });
}

export function functionSignature(p: Cursor): TypeName[] {
  p.expectOp("(");
  if (p.acceptOp(")")) return [];
  const args = p.commaList(() => {
    // [argname] type: try a type first; if more follows, the first word was the argument's name
    const save = p.i;
    try {
      const t = parseTypeName(p);
      if (p.isOp(",") || p.isOp(")")) return t;
    } catch {
      // fall through
    }
    p.i = save;
    p.next();
    return parseTypeName(p);
  });
  p.expectOp(")");
  return args;
}

function target(p: Cursor): GrantTarget {
  if (p.acceptWord("all")) {
    const what = p.acceptWord("tables")
      ? "all-tables"
      : p.acceptWord("functions")
        ? "all-functions"
        : p.acceptWord("procedures")
          ? "all-procedures"
          : undefined;
    if (!what) throw p.error();
    p.expectWord("in");
    p.expectWord("schema");
    return { type: what, names: p.commaList(() => parseObjectName(p)) };
  }
  if (p.acceptWord("schema")) return { type: "schema", names: p.commaList(() => parseObjectName(p)) };
  if (p.acceptWord("database")) return { type: "database", names: p.commaList(() => parseObjectName(p)) };
  if (p.acceptWord("language")) return { type: "language", names: p.commaList(() => parseObjectName(p)) };
  if (p.isWord("function") || p.isWord("procedure")) {
    const type = p.next().value === "function" ? "function" : "procedure";
    const names = [];
    const argTypes = [];
    do {
      names.push(parseObjectName(p));
      argTypes.push(functionSignature(p));
    } while (p.acceptOp(","));
    return { type, names, argTypes };
  }
  if (p.isWord("external") || p.isWord("datashare") || p.isWord("model")) {
    throw p.unsupported(`GRANT ON ${p.tok.value.toUpperCase()}`);
  }
  p.acceptWord("table");
  return { type: "table", names: p.commaList(() => parseObjectName(p)) };
}

function roleGrantee(p: Cursor): Grantee {
  if (p.acceptWord("role")) return { type: "role", name: roleName(p) };
  p.acceptWord("user");
  return { type: "user", name: roleName(p) };
}

/** GRANT privileges ON target TO grantees [WITH GRANT OPTION] | GRANT ROLE r TO .... */
export function parseGrant(p: Cursor): Grant | GrantRole {
  const start = p.expectWord("grant");
  if (p.acceptWord("role")) {
    const roles = nameList(p);
    p.expectWord("to");
    const grantees = p.commaList(() => roleGrantee(p));
    const withAdminOption = p.acceptWords("with", "admin", "option");
    return { kind: "GrantRole", pos: start.start, roles, grantees, withAdminOption };
  }
  if (p.isWord("assumerole")) throw p.unsupported("GRANT ASSUMEROLE");
  const privs = privileges(p);
  p.expectWord("on");
  const on = target(p);
  p.expectWord("to");
  const grantees = p.commaList(() => grantee(p));
  const withGrantOption = p.acceptWords("with", "grant", "option");
  return { kind: "Grant", pos: start.start, privileges: privs, on, grantees, withGrantOption };
}

/** REVOKE [GRANT OPTION FOR] privileges ON target FROM grantees [CASCADE | RESTRICT] | REVOKE ROLE .... */
export function parseRevoke(p: Cursor): Revoke | RevokeRole {
  const start = p.expectWord("revoke");
  const adminOptionFor = p.acceptWords("admin", "option", "for");
  if (adminOptionFor || p.isWord("role")) {
    p.expectWord("role");
    const roles = nameList(p);
    p.expectWord("from");
    const grantees = p.commaList(() => roleGrantee(p));
    return { kind: "RevokeRole", pos: start.start, adminOptionFor, roles, grantees };
  }
  if (p.isWord("assumerole")) throw p.unsupported("REVOKE ASSUMEROLE");
  const grantOptionFor = p.acceptWords("grant", "option", "for");
  const privs = privileges(p);
  p.expectWord("on");
  const on = target(p);
  p.expectWord("from");
  const grantees = p.commaList(() => grantee(p));
  const cascade = p.acceptWord("cascade");
  if (!cascade) p.acceptWord("restrict");
  return { kind: "Revoke", pos: start.start, grantOptionFor, privileges: privs, on, grantees, cascade };
}

function defaultObjects(p: Cursor): DefaultPrivilegeObjects {
  if (p.acceptWord("tables")) return "tables";
  if (p.acceptWord("functions")) return "functions";
  if (p.acceptWord("procedures")) return "procedures";
  throw p.error();
}

function parseAlterDefaultPrivileges(p: Cursor, pos: number): AlterDefaultPrivileges {
  let forUsers: string[] = [];
  let inSchemas: string[] = [];
  for (;;) {
    if (p.acceptWord("for")) {
      if (!p.acceptWord("user")) p.expectWord("role");
      forUsers = nameList(p);
    } else if (p.acceptWords("in", "schema")) inSchemas = nameList(p);
    else break;
  }
  if (p.acceptWord("grant")) {
    const privs = privileges(p);
    p.expectWord("on");
    const objects = defaultObjects(p);
    p.expectWord("to");
    const grantees = p.commaList(() => grantee(p));
    const withGrantOption = p.acceptWords("with", "grant", "option");
    return {
      kind: "AlterDefaultPrivileges",
      pos,
      forUsers,
      inSchemas,
      action: "grant",
      privileges: privs,
      objects,
      grantees,
      withGrantOption,
      grantOptionFor: false,
      cascade: false,
    };
  }
  p.expectWord("revoke");
  const grantOptionFor = p.acceptWords("grant", "option", "for");
  const privs = privileges(p);
  p.expectWord("on");
  const objects = defaultObjects(p);
  p.expectWord("from");
  const grantees = p.commaList(() => grantee(p));
  const cascade = p.acceptWord("cascade");
  if (!cascade) p.acceptWord("restrict");
  return {
    kind: "AlterDefaultPrivileges",
    pos,
    forUsers,
    inSchemas,
    action: "revoke",
    privileges: privs,
    objects,
    grantees,
    withGrantOption: false,
    grantOptionFor,
    cascade,
  };
}

/** ALTER USER / GROUP / DEFAULT PRIVILEGES / {TABLE | VIEW | SCHEMA | DATABASE} x OWNER TO u. */
export function parseAlter(p: Cursor): Statement {
  const start = p.expectWord("alter");
  const pos = start.start;
  if (p.acceptWord("user")) {
    const name = roleName(p);
    if (p.acceptWords("rename", "to")) {
      return { kind: "AlterUser", pos, name, options: [], renameTo: roleName(p) } satisfies AlterUser;
    }
    if (p.isWord("set") || p.isWord("reset")) {
      if (!(p.isWord("reset") && p.isWord("session", 1)))
        throw p.unsupported(`ALTER USER ... ${p.tok.value.toUpperCase()}`);
    }
    const options = userOptions(p, false);
    if (options.length === 0) throw p.error();
    return { kind: "AlterUser", pos, name, options } satisfies AlterUser;
  }
  if (p.acceptWord("group")) {
    const name = roleName(p);
    if (p.acceptWords("rename", "to")) {
      return { kind: "AlterGroup", pos, name, action: "rename", users: [], renameTo: roleName(p) } satisfies AlterGroup;
    }
    const action = p.acceptWord("add") ? "add" : "drop";
    if (action === "drop") p.expectWord("drop");
    p.expectWord("user");
    return { kind: "AlterGroup", pos, name, action, users: nameList(p) } satisfies AlterGroup;
  }
  if (p.acceptWords("default", "privileges")) return parseAlterDefaultPrivileges(p, pos);
  if (p.acceptWords("rls", "policy")) return parseAlterRlsPolicy(p, pos);
  const t = p.tok;
  if (
    t.kind === "word" &&
    (t.value === "table" || t.value === "view" || t.value === "schema" || t.value === "database")
  ) {
    p.next();
    const name = parseObjectName(p);
    if (t.value === "table" && p.acceptWords("row", "level", "security")) return parseAlterTableRls(p, pos, name);
    if (p.acceptWords("owner", "to")) {
      return { kind: "AlterOwner", pos, objectType: t.value, name, owner: roleName(p) } satisfies AlterOwner;
    }
    if (t.value === "table") return parseAlterTable(p, pos, name);
    throw p.unsupported(`ALTER ${t.value.toUpperCase()}`, start);
  }
  if (t.kind === "word") throw p.unsupported(`ALTER ${t.value.toUpperCase()}`, start);
  throw p.error();
}
