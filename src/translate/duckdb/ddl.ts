// src/translate/duckdb/ddl.ts
//! CREATE TABLE and friends. VARCHAR(n) becomes VARCHAR with CHECK (strlen(col) <= n) so the
//! limit counts bytes (the session maps the violation to 22001); CHAR(n) is VARCHAR padded on write
//! with the same check (and CHAR defaults and CTAS rows padded too); IDENTITY(seed, step) is a sequence "<table>_<col>_seq" in the table's
//! schema and a nextval default. PK/UNIQUE/FK are informational in Redshift and not emitted.

import type { ColumnDef, RelationDef } from "../../plan/bound/statement.js";
import { engineNameFor } from "../../plan/bind/ddl.js";
import type { BoundExpr } from "../../plan/bound/expr.js";
import type {
  BoundCreateSchema,
  BoundCreateTable,
  BoundCreateTableAs,
  BoundCreateView,
  BoundDrop,
  BoundDropSchema,
  BoundTruncate,
  NewTableDef,
} from "../../plan/bound/statement.js";
import { padded, paddedQuerySql } from "./dml.js";
import { exprSql } from "./expr.js";
import { querySql } from "./query.js";
import { ident, str } from "./quote.js";
import { duckType } from "./types.js";

/** The CHECK a column needs for Redshift's byte-counted length, if any. */
export function lengthCheck(c: ColumnDef): string | undefined {
  if ((c.type.id === "varchar" || c.type.id === "char") && c.type.length !== undefined) {
    return `CHECK (strlen(${ident(c.name)}) <= ${c.type.length})`;
  }
  if (c.type.id === "varbyte" && c.type.length !== undefined)
    return `CHECK (octet_length(${ident(c.name)}) <= ${c.type.length})`;
  return undefined;
}

function columnSql(c: ColumnDef, table: NewTableDef, defaults: ReadonlyMap<string, BoundExpr>): string {
  const parts = [ident(c.name), duckType(c.type)];
  const seq = table.sequences.get(c.name);
  const d = defaults.get(c.name);
  if (seq) parts.push(`DEFAULT nextval(${str(seq)})`);
  else if (d) parts.push(`DEFAULT ${padded(c, exprSql(d), d)}`);
  if (c.notNull) parts.push("NOT NULL");
  const check = lengthCheck(c);
  if (check) parts.push(check);
  return parts.join(" ");
}

/** DuckDB's per-connection catalog for temporary objects. */
const TEMP_CATALOG = "temp";

export function createTableSql(
  t: NewTableDef,
  defaults: ReadonlyMap<string, BoundExpr>,
  ifNotExists: boolean,
): string[] {
  const ine = ifNotExists ? "IF NOT EXISTS " : "";
  // Temporary tables live in DuckDB's per-connection "temp" catalog, as Redshift's do per session.
  const temp = t.temporary ? "TEMP " : "";
  const out: string[] = [];
  for (const c of t.columns) {
    const seq = t.sequences.get(c.name);
    if (seq && c.identity)
      out.push(`CREATE ${temp}SEQUENCE ${ine}${seq} START ${c.identity.seed} INCREMENT ${c.identity.step}`);
  }
  out.push(`CREATE ${temp}TABLE ${ine}${t.engineName} (${t.columns.map((c) => columnSql(c, t, defaults)).join(", ")})`);
  return out;
}

export function createTableStatements(s: BoundCreateTable): string[] {
  if (s.exists) return [];
  return createTableSql(s.table, s.defaults, s.ifNotExists);
}

export function ctasStatements(s: BoundCreateTableAs): string[] {
  const cols = s.table.columns.map((c) => ident(c.name)).join(", ");
  return [
    ...createTableSql(s.table, new Map(), false),
    `INSERT INTO ${s.table.engineName} (${cols}) ${paddedQuerySql(s.table.columns, s.query)}`,
  ];
}

export function createViewStatements(s: BoundCreateView): string[] {
  if (!s.query) return s.orReplace ? [`DROP VIEW IF EXISTS ${s.view.engineName}`] : [];
  const cols = s.view.columns.map((c) => ident(c.name)).join(", ");
  return [`CREATE ${s.orReplace ? "OR REPLACE " : ""}VIEW ${s.view.engineName} (${cols}) AS ${querySql(s.query)}`];
}

/** Identity sequences of an existing table (named as createTableSql names them). */
function sequencesOf(r: RelationDef): string[] {
  return r.columns
    .filter((c) => c.identity)
    .map((c) =>
      r.temporary
        ? engineNameFor(TEMP_CATALOG, "main", `${r.name}_${c.name}_seq`)
        : engineNameFor(r.database, r.schema, `${r.name}_${c.name}_seq`),
    );
}

export function dropStatements(s: BoundDrop): string[] {
  const cascade = s.cascade ? " CASCADE" : "";
  const out: string[] = [];
  for (const r of s.relations) {
    if (r.kind === "view") out.push(`DROP VIEW ${r.lateBinding ? "IF EXISTS " : ""}${r.engineName}${cascade}`);
    else {
      out.push(`DROP TABLE ${r.engineName}${cascade}`);
      for (const seq of sequencesOf(r)) out.push(`DROP SEQUENCE IF EXISTS ${seq}`);
    }
  }
  return out;
}

export function createSchemaStatements(s: BoundCreateSchema): string[] {
  if (s.exists) return [];
  return [`CREATE SCHEMA ${s.ifNotExists ? "IF NOT EXISTS " : ""}${s.engineName}`];
}

export function dropSchemaStatements(s: BoundDropSchema): string[] {
  return s.names.map((n) => `DROP SCHEMA ${n.engineName}${s.cascade ? " CASCADE" : ""}`);
}

export function truncateStatements(s: BoundTruncate): string[] {
  return s.relations.map((r) => `TRUNCATE ${r.engineName}`);
}
