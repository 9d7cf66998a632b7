// src/sql/printer/security.ts
//! Users, groups, roles, GRANT/REVOKE, default privileges and OWNER TO as canonical Redshift SQL.

import type { Grantee, GrantTarget, PrivilegeSpec, SecurityStatement, UserOption } from "../ast/index.js";
import { printExpr } from "./expr.js";
import { ident, objectName, quoteString, typeName } from "./lexical.js";

/** A role name: 'sys:x' keeps its colon unquoted. */
function role(name: string): string {
  const colon = name.indexOf(":");
  if (colon > 0 && /^[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*$/.test(name)) return name;
  return ident(name);
}

const names = (xs: readonly string[]) => xs.map(role).join(", ");

function userOption(o: UserOption): string {
  switch (o.option) {
    case "password":
      return o.value === null ? "PASSWORD DISABLE" : `PASSWORD ${quoteString(o.value)}`;
    case "createdb":
      return o.value ? "CREATEDB" : "NOCREATEDB";
    case "createuser":
      return o.value ? "CREATEUSER" : "NOCREATEUSER";
    case "valid-until":
      return `VALID UNTIL ${quoteString(o.value)}`;
    case "connection-limit":
      return `CONNECTION LIMIT ${o.value < 0 ? "UNLIMITED" : o.value}`;
    case "in-group":
      return `IN GROUP ${names(o.groups)}`;
    case "syslog-access":
      return `SYSLOG ACCESS ${o.value.toUpperCase()}`;
    case "session-timeout":
      return o.value === null ? "RESET SESSION TIMEOUT" : `SESSION TIMEOUT ${o.value}`;
  }
}

function grantee(g: Grantee): string {
  switch (g.type) {
    case "public":
      return "PUBLIC";
    case "group":
      return `GROUP ${role(g.name ?? "")}`;
    case "role":
      return `ROLE ${role(g.name ?? "")}`;
    case "user":
      return role(g.name ?? "");
  }
}

function privileges(ps: readonly PrivilegeSpec[]): string {
  return ps
    .map((p) => {
      const name = p.name === "all" ? "ALL" : p.name.toUpperCase();
      return p.columns ? `${name} (${p.columns.map(ident).join(", ")})` : name;
    })
    .join(", ");
}

function target(t: GrantTarget): string {
  const list = t.names.map(objectName).join(", ");
  switch (t.type) {
    case "table":
      return `TABLE ${list}`;
    case "schema":
    case "database":
    case "language":
      return `${t.type.toUpperCase()} ${list}`;
    case "function":
    case "procedure":
      return `${t.type.toUpperCase()} ${t.names
        .map((n, i) => `${objectName(n)}(${(t.argTypes?.[i] ?? []).map(typeName).join(", ")})`)
        .join(", ")}`;
    case "all-tables":
      return `ALL TABLES IN SCHEMA ${list}`;
    case "all-functions":
      return `ALL FUNCTIONS IN SCHEMA ${list}`;
    case "all-procedures":
      return `ALL PROCEDURES IN SCHEMA ${list}`;
  }
}

export function printSecurity(s: SecurityStatement): string {
  switch (s.kind) {
    case "CreateUser":
      return `CREATE USER ${role(s.name)} ${s.options.map(userOption).join(" ")}`;
    case "AlterUser":
      if (s.renameTo !== undefined) return `ALTER USER ${role(s.name)} RENAME TO ${role(s.renameTo)}`;
      return `ALTER USER ${role(s.name)} ${s.options.map(userOption).join(" ")}`;
    case "DropUser":
      return `DROP USER ${s.ifExists ? "IF EXISTS " : ""}${names(s.names)}`;
    case "CreateGroup":
      return `CREATE GROUP ${role(s.name)}${s.users.length ? ` WITH USER ${names(s.users)}` : ""}`;
    case "AlterGroup":
      if (s.action === "rename") return `ALTER GROUP ${role(s.name)} RENAME TO ${role(s.renameTo ?? "")}`;
      return `ALTER GROUP ${role(s.name)} ${s.action.toUpperCase()} USER ${names(s.users)}`;
    case "DropGroup":
      return `DROP GROUP ${names(s.names)}`;
    case "CreateRole":
      return `CREATE ROLE ${role(s.name)}`;
    case "DropRole":
      return `DROP ROLE ${role(s.name)}${s.force ? " FORCE" : ""}`;
    case "Grant":
      return `GRANT ${privileges(s.privileges)} ON ${target(s.on)} TO ${s.grantees.map(grantee).join(", ")}${s.withGrantOption ? " WITH GRANT OPTION" : ""}`;
    case "Revoke":
      return `REVOKE ${s.grantOptionFor ? "GRANT OPTION FOR " : ""}${privileges(s.privileges)} ON ${target(s.on)} FROM ${s.grantees.map(grantee).join(", ")}${s.cascade ? " CASCADE" : ""}`;
    case "GrantRole":
      return `GRANT ROLE ${names(s.roles)} TO ${s.grantees.map(grantee).join(", ")}${s.withAdminOption ? " WITH ADMIN OPTION" : ""}`;
    case "RevokeRole":
      return `REVOKE ${s.adminOptionFor ? "ADMIN OPTION FOR " : ""}ROLE ${names(s.roles)} FROM ${s.grantees.map(grantee).join(", ")}`;
    case "AlterDefaultPrivileges": {
      let out = "ALTER DEFAULT PRIVILEGES";
      if (s.forUsers.length) out += ` FOR USER ${names(s.forUsers)}`;
      if (s.inSchemas.length) out += ` IN SCHEMA ${s.inSchemas.map(ident).join(", ")}`;
      const to = s.grantees.map(grantee).join(", ");
      const objects = s.objects.toUpperCase();
      if (s.action === "grant") {
        return `${out} GRANT ${privileges(s.privileges)} ON ${objects} TO ${to}${s.withGrantOption ? " WITH GRANT OPTION" : ""}`;
      }
      return `${out} REVOKE ${s.grantOptionFor ? "GRANT OPTION FOR " : ""}${privileges(s.privileges)} ON ${objects} FROM ${to}${s.cascade ? " CASCADE" : ""}`;
    }
    case "AlterOwner":
      return `ALTER ${s.objectType.toUpperCase()} ${objectName(s.name)} OWNER TO ${role(s.owner)}`;
    case "CreateRlsPolicy": {
      let out = `CREATE RLS POLICY ${role(s.name)}`;
      if (s.columns.length) out += ` WITH (${s.columns.map((c) => `${ident(c.name)} ${typeName(c.type)}`).join(", ")})`;
      if (s.alias !== undefined) out += ` AS ${ident(s.alias)}`;
      if (s.using) out += ` USING (${printExpr(s.using)})`;
      return out;
    }
    case "AlterRlsPolicy":
      return `ALTER RLS POLICY ${role(s.name)} USING (${printExpr(s.using)})`;
    case "DropRlsPolicy":
      return `DROP RLS POLICY ${s.ifExists ? "IF EXISTS " : ""}${role(s.name)}${s.cascade ? " CASCADE" : ""}`;
    case "AttachRlsPolicy":
      return `${s.detach ? "DETACH" : "ATTACH"} RLS POLICY ${role(s.name)} ON TABLE ${s.tables.map(objectName).join(", ")} ${s.detach ? "FROM" : "TO"} ${s.grantees.map(grantee).join(", ")}`;
    case "AlterTableRls":
      return `ALTER TABLE ${objectName(s.table)} ROW LEVEL SECURITY ${s.enabled ? "ON" : "OFF"}${s.conjunction ? ` CONJUNCTION TYPE ${s.conjunction.toUpperCase()}` : ""}`;
  }
}
