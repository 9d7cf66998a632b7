// src/catalog/store/writes.ts
//! The SQL that records DDL in the "_lakeshift" tables. Each function runs on the caller's
//! connection, so the rows join the caller's transaction with the DDL itself.

import { pgOidOf, pgTypeMod, pgTypeSize, type SqlType } from "../../sql/types.js";
import type { ColumnDef, DistStyle, SortKind } from "../reader.js";
import type { SqlRunner } from "../runner.js";
import { num, quoteIdent, quoteLiteral, sqlValue } from "../sql-text.js";
import { CATALOG_SCHEMA, WellKnownOid } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";

/** A column to record: a ColumnDef, with ordinal and the Redshift defaults optional. */
export interface NewColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly ordinal?: number;
  readonly notNull?: boolean;
  readonly defaultSql?: string;
  readonly identity?: { readonly seed: number; readonly step: number };
  readonly encoding?: string;
  readonly distKey?: boolean;
  readonly sortKeyOrdinal?: number;
}

/** An informational constraint (Redshift records but does not enforce them). */
export interface NewConstraint {
  readonly kind: "p" | "u" | "f";
  readonly name?: string;
  readonly columns: readonly string[];
  /** FOREIGN KEY target; columns default to the target's primary key. */
  readonly references?: { readonly schema: string; readonly name: string; readonly columns?: readonly string[] };
}

export interface NewTable {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly NewColumn[];
  readonly distStyle?: DistStyle;
  readonly sortKind?: SortKind;
  readonly owner: string;
  readonly temporary?: boolean;
  readonly constraints?: readonly NewConstraint[];
}

export interface NewView {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  /** The view's output columns, as the binder typed them. */
  readonly columns: readonly NewColumn[];
  readonly viewSql: string;
  readonly lateBinding?: boolean;
  readonly owner: string;
}

export async function nextOid(runner: SqlRunner, database: string): Promise<number> {
  const seq = `${quoteIdent(database)}.${quoteIdent(CATALOG_SCHEMA)}.oid_seq`;
  const r = await runner.all(`SELECT nextval(${quoteLiteral(seq)})`);
  return num(r.rows[0]?.[0]);
}

/** atttypmod as stored: Postgres's rule, plus varbyte(n) -> n + 4 so format_type can print the length. */
export function storedTypmod(t: SqlType): number {
  if (t.id === "varbyte" && t.length !== undefined) return t.length + 4;
  return pgTypeMod(t);
}

export async function insertColumns(
  runner: SqlRunner,
  database: string,
  relOid: number,
  columns: readonly (NewColumn | ColumnDef)[],
  firstOrdinal = 1,
): Promise<void> {
  if (columns.length === 0) return;
  const rows = columns.map((c, i) => {
    const t = c.type;
    return `(${[
      relOid,
      c.ordinal ?? firstOrdinal + i,
      c.name,
      t.id,
      t.length ?? null,
      t.precision ?? null,
      t.scale ?? null,
      pgOidOf(t),
      storedTypmod(t),
      pgTypeSize(t),
      c.notNull ?? false,
      c.defaultSql ?? null,
      c.identity?.seed ?? null,
      c.identity?.step ?? null,
      c.encoding ?? "none",
      c.distKey ?? false,
      c.sortKeyOrdinal ?? 0,
    ]
      .map(sqlValue)
      .join(", ")})`;
  });
  await runner.run(`INSERT INTO ${catalogSchemaOf(database)}.columns VALUES ${rows.join(", ")}`);
}

export async function insertRelation(
  runner: SqlRunner,
  database: string,
  row: {
    oid: number;
    schemaOid: number;
    name: string;
    kind: "table" | "view";
    distStyle: DistStyle;
    sortKind: SortKind;
    viewSql?: string;
    lateBinding?: boolean;
    owner: string;
    temporary?: boolean;
  },
): Promise<void> {
  const values = [
    row.oid,
    row.schemaOid,
    row.name,
    row.kind,
    row.distStyle,
    row.sortKind,
    row.viewSql ?? null,
    row.lateBinding ?? false,
    row.owner,
    row.temporary ?? false,
  ].map(sqlValue);
  await runner.run(
    `INSERT INTO ${catalogSchemaOf(database)}.relations VALUES (${values.join(", ")}, now()::TIMESTAMP)`,
  );
}

export async function insertConstraint(
  runner: SqlRunner,
  database: string,
  row: {
    oid: number;
    relOid: number;
    name: string;
    kind: string;
    columns: number[];
    refRelOid?: number;
    refColumns?: number[];
    definition: string;
  },
): Promise<void> {
  const values = [
    row.oid,
    row.relOid,
    row.name,
    row.kind,
    row.columns.length ? row.columns : null,
    row.refRelOid ?? null,
    row.refColumns?.length ? row.refColumns : null,
    row.definition,
  ].map(sqlValue);
  await runner.run(`INSERT INTO ${catalogSchemaOf(database)}.constraints VALUES (${values.join(", ")})`);
}

/** Deletes a relation's rows: relation, columns, constraints, comments. */
export async function deleteRelationRows(runner: SqlRunner, database: string, oid: number): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`DELETE FROM ${cat}.relations WHERE oid = ${oid}`);
  await runner.run(`DELETE FROM ${cat}.columns WHERE rel_oid = ${oid}`);
  // Comments on the table's constraints go with them.
  await runner.run(
    `DELETE FROM ${cat}.comments WHERE classoid = ${WellKnownOid.pgConstraint} AND objoid IN ` +
      `(SELECT oid FROM ${cat}.constraints WHERE rel_oid = ${oid})`,
  );
  await runner.run(`DELETE FROM ${cat}.constraints WHERE rel_oid = ${oid}`);
  await runner.run(`DELETE FROM ${cat}.comments WHERE objoid = ${oid}`);
}

/** Constraint text as pg_get_constraintdef prints it. */
export function constraintDefinition(c: NewConstraint): string {
  const cols = c.columns.map(identText).join(", ");
  switch (c.kind) {
    case "p":
      return `PRIMARY KEY (${cols})`;
    case "u":
      return `UNIQUE (${cols})`;
    case "f": {
      const ref = c.references;
      const target = ref ? `${identText(ref.schema)}.${identText(ref.name)}` : "?";
      const refCols = ref?.columns?.length ? `(${ref.columns.map(identText).join(", ")})` : "";
      return `FOREIGN KEY (${cols}) REFERENCES ${target}${refCols}`;
    }
  }
}

/** An identifier as Postgres prints it: bare when lower-case simple, quoted otherwise. */
export function identText(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}
