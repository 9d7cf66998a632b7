// src/translate/duckdb/alter-table.ts
//! ALTER TABLE as DuckDB statements: renames, DROP COLUMN and a constraint-free ADD COLUMN in
//! place; a change DuckDB cannot make in place (a CHECK or NOT NULL to add or change) rebuilds
//! the table: create it anew under a scratch name, copy the rows, drop the old, rename the new.
//! Distribution, sort keys, encodings and constraints are the catalog's alone (no statement).

import { engineNameFor } from "../../plan/bind/ddl.js";
import type { BoundAlterTable } from "../../plan/bound/statement.js";
import { createTableSql } from "./ddl.js";
import { exprSql } from "./expr.js";
import { ident } from "./quote.js";
import { duckType } from "./types.js";

/** The scratch name a rebuilt table is made under before it takes the old one's place. */
export function rebuildName(name: string): string {
  return `${name}__lakeshift_alter`;
}

export function alterTableStatements(s: BoundAlterTable): string[] {
  const eng = s.relation.engineName;
  if (s.rebuild) {
    const r = s.rebuild;
    const scratch = rebuildName(r.table.name);
    const engineName = engineNameFor(r.table.database, r.table.schema, scratch);
    const cols = r.copied.map(ident).join(", ");
    return [
      ...createTableSql({ ...r.table, name: scratch, engineName }, r.defaults, false),
      `INSERT INTO ${engineName} (${cols}) SELECT ${cols} FROM ${eng}`,
      `DROP TABLE ${eng}`,
      `ALTER TABLE ${engineName} RENAME TO ${ident(r.table.name)}`,
    ];
  }
  const c = s.change;
  switch (c.change) {
    case "rename":
      return [`ALTER TABLE ${eng} RENAME TO ${ident(c.to)}`];
    case "rename-column":
      return [`ALTER TABLE ${eng} RENAME COLUMN ${ident(c.column)} TO ${ident(c.to)}`];
    case "add-column":
      return [
        `ALTER TABLE ${eng} ADD COLUMN ${ident(c.column.name)} ${duckType(c.column.type)}${c.default ? ` DEFAULT ${exprSql(c.default)}` : ""}`,
      ];
    case "drop-column":
      return [`ALTER TABLE ${eng} DROP COLUMN ${ident(c.column)}`];
    default:
      return [];
  }
}
