// src/catalog/reader.ts
//! CatalogReader: the narrow read interface the binder sees the catalog through. Two
//! implementations: the DuckDB-backed store (src/catalog/store) and an in-memory one for binder
//! unit tests (src/catalog/memory.ts).

import type { SqlType } from "../sql/types.js";

export type DistStyle = "auto" | "even" | "key" | "all";
export type SortKind = "compound" | "interleaved" | "auto" | "none";

export interface ColumnDef {
  readonly name: string;
  /** 1-based attribute number. */
  readonly ordinal: number;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** The DEFAULT expression as Redshift SQL text, if any. */
  readonly defaultSql?: string;
  /** IDENTITY(seed, step), if any. */
  readonly identity?: { readonly seed: number; readonly step: number };
  /** ENCODE: 'raw', 'az64', 'zstd', 'bytedict', 'delta', 'lzo', 'runlength', ... ('none' when unset). */
  readonly encoding: string;
  readonly distKey: boolean;
  /** 1-based position in the sort key; 0 when not part of it (negative for interleaved, as Redshift reports). */
  readonly sortKeyOrdinal: number;
}

export type RelationKind = "table" | "view" | "system";

export interface RelationDef {
  /** Stable object id (pg_class.oid). */
  readonly oid: number;
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly kind: RelationKind;
  readonly columns: readonly ColumnDef[];
  readonly distStyle: DistStyle;
  readonly sortKind: SortKind;
  /** Views: the Redshift SQL of the view body; lateBinding for WITH NO SCHEMA BINDING. */
  readonly viewSql?: string;
  readonly lateBinding?: boolean;
  readonly owner: string;
  readonly temporary?: boolean;
  /**
   * A system relation Postgres keeps as a table (pg_class.relkind 'r': pg_proc, pg_index, ...):
   * as in Postgres, result columns read from it name it (RowDescription's table oid and attnum).
   */
  readonly catalogTable?: boolean;
  /** The fully qualified, quoted DuckDB name the translator emits for this relation. */
  readonly engineName: string;
}

export interface SchemaDef {
  readonly oid: number;
  readonly database: string;
  readonly name: string;
  readonly owner: string;
}

/** A scalar SQL UDF (CREATE FUNCTION ... LANGUAGE sql). Types and body are Redshift SQL text. */
export interface FunctionDef {
  readonly oid: number;
  readonly database: string;
  readonly schema: string;
  readonly name: string;
  readonly argTypes: readonly string[];
  readonly returns: string;
  readonly volatility: "volatile" | "stable" | "immutable";
  /** The body's one expression, arguments as $1, $2, ... */
  readonly body: string;
  readonly owner: string;
}

/** 'schema.f(int4, varchar)': how grants and errors name a function. */
export function functionSignature(f: FunctionDef): string {
  return `${f.schema}.${f.name}(${f.argTypes.join(", ")})`;
}

export interface CatalogReader {
  /** The session's current database (e.g. 'dev'). */
  readonly database: string;
  /** The session's search_path, resolved ('$user' expanded), e.g. ['public']. */
  readonly searchPath: readonly string[];
  /** All database names. */
  databases(): readonly string[];
  schema(database: string, name: string): SchemaDef | undefined;
  /** Resolves a (possibly partly qualified) relation name: schema omitted -> search_path, then pg_catalog. Names are already case-folded. */
  relation(name: { database?: string; schema?: string; name: string }): RelationDef | undefined;
  /**
   * A catalog function implemented as a DuckDB macro (pg_table_is_visible, format_type, pg_get_expr,
   * obj_description, col_description, pg_get_userbyid, pg_get_constraintdef, pg_get_indexdef,
   * pg_get_viewdef, current_schemas, has_table_privilege, has_schema_privilege,
   * has_database_privilege, pg_encoding_to_char, and the cast helpers regclass_in (text -> oid,
   * 42P01 when unknown), regclass_out (oid -> name), regtype_in, regtype_out).
   * `engineName` is the qualified DuckDB macro name the translator emits.
   */
  systemFunction(name: string): SystemFunctionDef | undefined;
  /** The user-defined functions a name reaches: schema given, or the first search-path schema having any. */
  userFunctions(name: { database?: string; schema?: string; name: string }): readonly FunctionDef[];
}

export interface SystemFunctionDef {
  readonly name: string;
  readonly engineName: string;
  readonly returns: SqlType;
  /** pg_proc.prorettype: the Postgres type clients see (text, name, regclass, ...). */
  readonly pgReturnOid?: number;
}
