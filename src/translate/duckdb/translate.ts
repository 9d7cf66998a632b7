// src/translate/duckdb/translate.ts
//! translate(): a bound statement -> the DuckDB statements to run, with what the session needs to
//! describe the result and record catalog changes. Dispatch is a Record over every bound kind.

import type { BoundStatement, BoundStatementKind } from "../../plan/bound/statement.js";
import type { NewTableDef, NewViewDef } from "../../plan/bound/statement.js";
import type { OutputColumn } from "../../plan/bound/query.js";
import {
  createSchemaStatements,
  createTableStatements,
  createViewStatements,
  ctasStatements,
  dropSchemaStatements,
  dropStatements,
  truncateStatements,
} from "./ddl.js";
import { alterTableStatements } from "./alter-table.js";
import { deleteSql, insertSql, updateSql } from "./dml.js";
import { querySql } from "./query.js";

export interface DuckStatement {
  /** DuckDB statements to run in order (usually one; none when there is nothing to do). */
  readonly sql: readonly string[];
  readonly kind: "query" | "dml" | "ddl" | "utility";
  /**
   * The command tag: 'SELECT', 'INSERT 0', 'UPDATE', 'DELETE' (the session appends the row
   * count), 'CREATE TABLE', 'DROP VIEW', ...; '' for utility statements (the session decides).
   */
  readonly tag: string;
  /** Queries: the result columns; each select item is emitted AS "engineAlias". */
  readonly columns?: readonly OutputColumn[];
  /** CREATE TABLE / CTAS: the definition to record in the catalog (absent when IF NOT EXISTS found it). */
  readonly createTable?: NewTableDef;
  /** CREATE VIEW: the definition to record. */
  readonly createView?: NewViewDef;
  /** IF EXISTS targets that were missing: the session sends a NOTICE for each. */
  readonly skipped?: readonly string[];
  /** The bound statement, for everything else the session needs (drops, schemas, utilities). */
  readonly bound: BoundStatement;
}

type Translators = { [K in BoundStatementKind]: (s: Extract<BoundStatement, { kind: K }>) => DuckStatement };

const TRANSLATORS: Translators = {
  query: (s) => ({ sql: [querySql(s.query)], kind: "query", tag: "SELECT", columns: s.columns, bound: s }),
  insert: (s) => ({ sql: [insertSql(s)], kind: "dml", tag: "INSERT 0", bound: s }),
  update: (s) => ({ sql: [updateSql(s)], kind: "dml", tag: "UPDATE", bound: s }),
  delete: (s) => ({ sql: [deleteSql(s)], kind: "dml", tag: "DELETE", bound: s }),
  // COPY runs in src/lake (the session calls it); UNLOAD's query is its one statement.
  copy: (s) => ({ sql: [], kind: "dml", tag: "COPY", bound: s }),
  unload: (s) => ({ sql: [querySql(s.query)], kind: "utility", tag: "UNLOAD", bound: s }),
  "create-table": (s) => ({
    sql: createTableStatements(s),
    kind: "ddl",
    tag: "CREATE TABLE",
    createTable: s.exists ? undefined : s.table,
    skipped: s.exists ? [s.table.name] : undefined,
    bound: s,
  }),
  "create-table-as": (s) => ({ sql: ctasStatements(s), kind: "ddl", tag: "SELECT", createTable: s.table, bound: s }),
  "create-view": (s) => ({
    sql: createViewStatements(s),
    kind: "ddl",
    tag: "CREATE VIEW",
    createView: s.view,
    bound: s,
  }),
  drop: (s) => ({
    sql: dropStatements(s),
    kind: "ddl",
    tag: s.objectKind === "view" ? "DROP VIEW" : "DROP TABLE",
    skipped: s.missing,
    bound: s,
  }),
  "create-schema": (s) => ({
    sql: createSchemaStatements(s),
    kind: "ddl",
    tag: "CREATE SCHEMA",
    skipped: s.exists ? [s.name] : undefined,
    bound: s,
  }),
  "drop-schema": (s) => ({
    sql: dropSchemaStatements(s),
    kind: "ddl",
    tag: "DROP SCHEMA",
    skipped: s.missing,
    bound: s,
  }),
  truncate: (s) => ({ sql: truncateStatements(s), kind: "ddl", tag: "TRUNCATE TABLE", bound: s }),
  "alter-table": (s) => ({ sql: alterTableStatements(s), kind: "ddl", tag: "ALTER TABLE", bound: s }),
  utility: (s) => ({ sql: [], kind: "utility", tag: "", bound: s }),
};

export function translate(bound: BoundStatement): DuckStatement {
  const fn = TRANSLATORS[bound.kind] as (s: BoundStatement) => DuckStatement;
  return fn(bound);
}
