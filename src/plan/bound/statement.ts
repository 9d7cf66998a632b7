// src/plan/bound/statement.ts
//! Bound statements: what the translator turns into DuckDB SQL and the session records in the
//! catalog. Utility statements (transactions, SET/SHOW/RESET, EXPLAIN) pass through with their
//! parsed values for the session to act on.

import type { ColumnDef, DistStyle, RelationDef, SortKind } from "../../catalog/reader.js";

export type { ColumnDef, DistStyle, RelationDef, SortKind } from "../../catalog/reader.js";
import type { Statement } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import type { BoundCopy, BoundUnload } from "./copy.js";
import type { BoundExpr } from "./expr.js";
import type { BoundFromItem, BoundQuery, OutputColumn } from "./query.js";

export type BoundStatement =
  | BoundQueryStatement
  | BoundCopy
  | BoundUnload
  | BoundInsert
  | BoundUpdate
  | BoundDelete
  | BoundCreateTable
  | BoundCreateTableAs
  | BoundCreateView
  | BoundDrop
  | BoundCreateSchema
  | BoundDropSchema
  | BoundTruncate
  | BoundAlterTable
  | BoundUtility;

export type BoundStatementKind = BoundStatement["kind"];

interface WithParams {
  /** Parameter types ($1 is index 0) inferred from context; 'unknown' where nothing says. */
  readonly paramTypes?: readonly SqlType[];
  /**
   * True when GETDATE(), SYSDATE, CURRENT_TIMESTAMP, ... were folded to constants from the
   * BindContext: a cached bound statement must be bound again for the next execution.
   */
  readonly timeDependent?: boolean;
}

export interface BoundQueryStatement extends WithParams {
  readonly kind: "query";
  readonly query: BoundQuery;
  readonly columns: readonly OutputColumn[];
}

/** The table a DML statement writes: its catalog entry and the alias it is emitted under. */
export interface BoundTarget {
  readonly relation: RelationDef;
  readonly alias: string;
}

/** A value for one target column: an expression, or the column's DEFAULT. */
export type BoundInsertValue = BoundExpr | { readonly kind: "default" };

export type BoundInsertSource =
  | { readonly kind: "values"; readonly rows: readonly (readonly BoundInsertValue[])[] }
  | { readonly kind: "query"; readonly query: BoundQuery }
  | { readonly kind: "default-values" };

export interface BoundInsert extends WithParams {
  readonly kind: "insert";
  readonly target: BoundTarget;
  /** Target columns in the order the source supplies them. */
  readonly columns: readonly ColumnDef[];
  readonly source: BoundInsertSource;
}

export interface BoundUpdate extends WithParams {
  readonly kind: "update";
  readonly target: BoundTarget;
  readonly sets: readonly { readonly column: ColumnDef; readonly value: BoundInsertValue }[];
  readonly from: readonly BoundFromItem[];
  readonly where?: BoundExpr;
}

export interface BoundDelete extends WithParams {
  readonly kind: "delete";
  readonly target: BoundTarget;
  readonly using: readonly BoundFromItem[];
  readonly where?: BoundExpr;
}

export interface TableConstraintDef {
  readonly kind: "primary key" | "unique" | "foreign key";
  readonly columns: readonly string[];
  readonly references?: { readonly schema: string; readonly table: string; readonly columns: readonly string[] };
  /** CONSTRAINT name; absent: the catalog names it as Postgres does (t_pkey, t_a_key, t_a_fkey). */
  readonly name?: string;
}

/** The table definition the session records in the catalog (oid and owner are the catalog's to assign). */
export interface NewTableDef {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly engineName: string;
  readonly columns: readonly ColumnDef[];
  readonly distStyle: DistStyle;
  readonly sortKind: SortKind;
  /** Informational only (Redshift does not enforce them). */
  readonly constraints: readonly TableConstraintDef[];
  readonly temporary: boolean;
  readonly backupNo: boolean;
  /** Identity sequences created for the table: column name -> engine name of the sequence. */
  readonly sequences: ReadonlyMap<string, string>;
}

export interface BoundCreateTable {
  readonly kind: "create-table";
  readonly table: NewTableDef;
  readonly ifNotExists: boolean;
  /** DEFAULT expressions, bound, by column name. */
  readonly defaults: ReadonlyMap<string, BoundExpr>;
  /** True when IF NOT EXISTS was given and the table exists: nothing to do. */
  readonly exists: boolean;
}

export interface BoundCreateTableAs {
  readonly kind: "create-table-as";
  readonly table: NewTableDef;
  readonly query: BoundQuery;
}

export interface NewViewDef {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly engineName: string;
  readonly columns: readonly ColumnDef[];
  /** The view body as Redshift SQL, for the catalog (pg_views.definition, late binding expansion). */
  readonly viewSql: string;
  readonly lateBinding: boolean;
}

export interface BoundCreateView {
  readonly kind: "create-view";
  readonly view: NewViewDef;
  readonly orReplace: boolean;
  /** Undefined for a late-binding view: it is not checked at create time and gets no DuckDB view. */
  readonly query?: BoundQuery;
}

export interface BoundDrop {
  readonly kind: "drop";
  readonly objectKind: "table" | "view";
  /** Relations that exist; missing ones with IF EXISTS are left out (and noticed). */
  readonly relations: readonly RelationDef[];
  readonly missing: readonly string[];
  readonly cascade: boolean;
}

export interface BoundCreateSchema {
  readonly kind: "create-schema";
  readonly database: string;
  readonly name: string;
  readonly engineName: string;
  readonly ifNotExists: boolean;
  readonly exists: boolean;
  readonly authorization?: string;
}

export interface BoundDropSchema {
  readonly kind: "drop-schema";
  readonly database: string;
  readonly names: readonly { readonly name: string; readonly engineName: string }[];
  readonly missing: readonly string[];
  readonly cascade: boolean;
}

export interface BoundTruncate {
  readonly kind: "truncate";
  readonly relations: readonly RelationDef[];
}

/** Statements the session handles itself; `statement` is the parsed AST node. */
export interface BoundUtility {
  readonly kind: "utility";
  readonly utility:
    | "transaction"
    | "set"
    | "show"
    | "reset"
    | "explain"
    | "prepare"
    | "execute"
    | "deallocate"
    | "cancel"
    | "comment"
    | "function"
    | "maintenance"
    | "security";
  readonly statement: Statement;
  /** VACUUM / ANALYZE of one table: the table (absent: every table of the database). */
  readonly relations?: readonly RelationDef[];
  /** EXPLAIN: the bound statement explained. */
  readonly explained?: BoundStatement;
}

/** What an ALTER TABLE changes, bound against the table (see plan/bind/alter-table.ts). */
export type BoundAlterChange =
  | { readonly change: "rename"; readonly to: string }
  | { readonly change: "rename-column"; readonly column: string; readonly to: string }
  | { readonly change: "add-column"; readonly column: ColumnDef; readonly default?: BoundExpr }
  | { readonly change: "drop-column"; readonly column: string; readonly cascade: boolean }
  /** A column's new definition (TYPE, ENCODE), same ordinal. */
  | { readonly change: "columns"; readonly columns: readonly ColumnDef[] }
  | { readonly change: "distribution"; readonly style: DistStyle; readonly distKey?: string }
  | { readonly change: "sortkey"; readonly sortKind: SortKind; readonly columns: readonly string[] }
  | { readonly change: "add-constraint"; readonly constraint: TableConstraintDef; readonly name?: string }
  | { readonly change: "drop-constraint"; readonly name: string; readonly cascade: boolean }
  | { readonly change: "none" };

export interface BoundAlterTable {
  readonly kind: "alter-table";
  /** The table as it is. */
  readonly relation: RelationDef;
  readonly change: BoundAlterChange;
  /**
   * When DuckDB cannot make the change in place (a column added with NOT NULL or a length, a
   * VARCHAR resized: DuckDB cannot add or change CHECK constraints), the table is rebuilt: made
   * anew with these columns and defaults, the `copied` columns copied over, swapped in.
   */
  readonly rebuild?: {
    readonly table: NewTableDef;
    readonly defaults: ReadonlyMap<string, BoundExpr>;
    readonly copied: readonly string[];
  };
}
