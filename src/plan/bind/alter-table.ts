// src/plan/bind/alter-table.ts
//! ALTER TABLE: checks the change against the table and Redshift's rules, and says how DuckDB
//! makes it (in place, or by rebuilding the table when a CHECK constraint must change). Needs
//! the owner, a superuser or the ALTER privilege (42501 otherwise).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html

import type { ColumnDef, RelationDef } from "../../catalog/reader.js";
import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { AlterTable, ColumnDef as AstColumnDef } from "../../sql/ast/index.js";
import { parseExpression } from "../../sql/index.js";
import type { BoundExpr } from "../bound/expr.js";
import type { BoundAlterChange, BoundAlterTable, NewTableDef } from "../bound/statement.js";
import type { BindState } from "./context.js";
import { at, undefinedTable } from "./context.js";
import { columnType, defaultEncoding, engineNameFor, foreignKey, sequenceName, storedDefault } from "./ddl.js";
import { columnOf } from "./dml.js";
import { bindExpr, typeOf } from "./expr.js";
import { objectNameText } from "./from.js";
import { Scope } from "./scope.js";
import { exprSql } from "./sql-text.js";

/** Redshift's column encodings. https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html */
const ENCODINGS = new Set([
  "raw",
  "az64",
  "bytedict",
  "delta",
  "delta32k",
  "lzo",
  "mostly8",
  "mostly16",
  "mostly32",
  "runlength",
  "text255",
  "text32k",
  "zstd",
]);

function invalid(message: string, node: { pos: number }): BindError {
  return new BindError(SqlState.FeatureNotSupported, message, at(node));
}

/** DuckDB keeps VARCHAR(n), CHAR(n), VARBYTE(n) and NOT NULL as constraints it cannot add later. */
const needsConstraint = (c: ColumnDef) =>
  c.notNull ||
  ((c.type.id === "varchar" || c.type.id === "char" || c.type.id === "varbyte") && c.type.length !== undefined);

/** The table made anew with `columns` (existing defaults bound again from the catalog's text). */
function rebuild(
  rel: RelationDef,
  columns: readonly ColumnDef[],
  state: BindState,
  added?: { name: string; expr?: BoundExpr },
) {
  const env = { state, scope: new Scope(), deferTime: true };
  const defaults = new Map<string, BoundExpr>();
  const sequences = new Map<string, string>();
  for (const c of columns) {
    if (c.identity) sequences.set(c.name, engineNameFor(rel.database, rel.schema, sequenceName(rel.name, c.name)));
    else if (added?.name === c.name) {
      if (added.expr) defaults.set(c.name, added.expr);
    } else if (c.defaultSql) defaults.set(c.name, bindExpr(parseExpression(c.defaultSql), env));
  }
  const table: NewTableDef = {
    database: rel.database,
    schema: rel.schema,
    name: rel.name,
    engineName: rel.engineName,
    // The sequences exist: the new table's defaults name them, nothing creates them again.
    columns: columns.map((c) => ({ ...c, identity: undefined })),
    distStyle: rel.distStyle,
    sortKind: rel.sortKind,
    constraints: [],
    temporary: false,
    backupNo: false,
    sequences,
  };
  return {
    table,
    defaults,
    copied: rel.columns.filter((c) => columns.some((n) => n.name === c.name)).map((c) => c.name),
  };
}

function addColumn(rel: RelationDef, c: AstColumnDef, state: BindState): BoundAlterTable {
  if (rel.columns.some((x) => x.name === c.name)) {
    throw new BindError(SqlState.DuplicateColumn, `column "${c.name}" of relation "${rel.name}" already exists`, at(c));
  }
  if (c.identity) throw invalid("ALTER TABLE ADD COLUMN does not support IDENTITY columns", c);
  if (c.distKey || c.sortKey) throw invalid("ALTER TABLE ADD COLUMN cannot add a DISTKEY or SORTKEY column", c);
  if (c.primaryKey || c.unique || c.references) {
    throw invalid("ALTER TABLE ADD COLUMN cannot add a PRIMARY KEY, UNIQUE or REFERENCES column", c);
  }
  if (c.notNull && !c.default) {
    throw invalid("ALTER TABLE ADD COLUMN defined as NOT NULL must have a non-null default expression", c);
  }
  const type = columnType(typeOf(c.type));
  const expr = c.default ? bindExpr(c.default, { state, scope: new Scope(), deferTime: true }) : undefined;
  const column: ColumnDef = {
    name: c.name,
    ordinal: Math.max(0, ...rel.columns.map((x) => x.ordinal)) + 1,
    type,
    notNull: c.notNull === true,
    defaultSql: c.default ? storedDefault(exprSql(c.default), c.default.kind === "StringLiteral", type) : undefined,
    encoding: c.encode ?? defaultEncoding(type, false),
    distKey: false,
    sortKeyOrdinal: 0,
  };
  const change: BoundAlterChange = expr
    ? { change: "add-column", column, default: expr }
    : { change: "add-column", column };
  if (!needsConstraint(column)) return { kind: "alter-table", relation: rel, change };
  return {
    kind: "alter-table",
    relation: rel,
    change,
    rebuild: rebuild(rel, [...rel.columns, column], state, { name: column.name, expr }),
  };
}

function bindChange(rel: RelationDef, stmt: AlterTable, state: BindState): BoundAlterTable {
  const a = stmt.action;
  const done = (change: BoundAlterChange): BoundAlterTable => ({ kind: "alter-table", relation: rel, change });
  switch (a.action) {
    case "add-column":
      return addColumn(rel, a.column, state);
    case "drop-column": {
      const c = columnOf(rel, a.column, stmt);
      if (rel.columns.length === 1)
        throw invalid(`cannot drop column "${c.name}": a table must have at least one column`, stmt);
      if (c.distKey) throw invalid(`cannot drop column "${c.name}": it is the DISTKEY of "${rel.name}"`, stmt);
      if (c.sortKeyOrdinal !== 0)
        throw invalid(`cannot drop column "${c.name}": it is in the SORTKEY of "${rel.name}"`, stmt);
      return done({ change: "drop-column", column: c.name, cascade: a.cascade });
    }
    case "rename":
      if (state.catalog.relation({ database: rel.database, schema: rel.schema, name: a.to })) {
        throw new BindError(SqlState.DuplicateTable, `relation "${a.to}" already exists`, at(stmt));
      }
      return done({ change: "rename", to: a.to });
    case "rename-column": {
      columnOf(rel, a.column, stmt);
      if (rel.columns.some((x) => x.name === a.to)) {
        throw new BindError(
          SqlState.DuplicateColumn,
          `column "${a.to}" of relation "${rel.name}" already exists`,
          at(stmt),
        );
      }
      return done({ change: "rename-column", column: a.column, to: a.to });
    }
    case "column-type": {
      const c = columnOf(rel, a.column, stmt);
      const type = columnType(typeOf(a.type));
      if (c.type.id !== "varchar" || type.id !== "varchar") {
        throw invalid(
          `ALTER COLUMN ... TYPE changes only the size of a VARCHAR column ("${c.name}" is ${c.type.id})`,
          stmt,
        );
      }
      if (c.defaultSql !== undefined)
        throw invalid(`cannot alter the type of column "${c.name}": it has a default`, stmt);
      if (["bytedict", "runlength", "text255", "text32k"].includes(c.encoding)) {
        throw invalid(`cannot alter the type of column "${c.name}" encoded ${c.encoding.toUpperCase()}`, stmt);
      }
      const columns = rel.columns.map((x) => (x.name === c.name ? { ...x, type } : x));
      return { ...done({ change: "columns", columns: [{ ...c, type }] }), rebuild: rebuild(rel, columns, state) };
    }
    case "column-encode": {
      const columns = a.columns.map((e) => {
        const c = columnOf(rel, e.column, stmt);
        if (!ENCODINGS.has(e.encode)) throw invalid(`invalid encoding type "${e.encode}"`, stmt);
        return { ...c, encoding: e.encode === "raw" ? "none" : e.encode };
      });
      return done({ change: "columns", columns });
    }
    case "diststyle":
      if (a.style === "key") {
        const c = columnOf(rel, a.distKey ?? "", stmt);
        return done({ change: "distribution", style: "key", distKey: c.name });
      }
      return done({ change: "distribution", style: a.style });
    case "sortkey": {
      if (!a.sortKey) return done({ change: "sortkey", sortKind: "none", columns: [] });
      if (a.sortKey.style === "auto") return done({ change: "sortkey", sortKind: "auto", columns: [] });
      for (const c of a.sortKey.columns) columnOf(rel, c, stmt);
      return done({ change: "sortkey", sortKind: "compound", columns: a.sortKey.columns });
    }
    case "encode-auto":
      return done({ change: "none" });
    case "add-constraint": {
      const k = a.constraint;
      for (const c of k.columns) columnOf(rel, c, k);
      const constraint =
        k.type === "foreign key" && k.references
          ? foreignKey(k.columns, k.references, state)
          : { kind: k.type, columns: k.columns };
      return done(
        k.name !== undefined
          ? { change: "add-constraint", constraint, name: k.name }
          : { change: "add-constraint", constraint },
      );
    }
    case "drop-constraint":
      return done({ change: "drop-constraint", name: a.name, cascade: a.cascade });
  }
}

export function bindAlterTable(stmt: AlterTable, state: BindState): BoundAlterTable {
  const n = stmt.name;
  const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
  if (!rel) throw undefinedTable(objectNameText(n), n);
  if (rel.kind !== "table") throw new BindError(SqlState.WrongObjectType, `"${rel.name}" is not a table`, at(n));
  if (rel.temporary) throw new UnsupportedError("ALTER TABLE on a temporary table");
  state.access?.owner(rel, "alter");
  return bindChange(rel, stmt, state);
}
