// src/plan/bound/copy.ts
//! Bound COPY and UNLOAD: the target table and columns resolved against the catalog, the source or
//! destination as bucket and key, how to reach the store, and every option with its default
//! filled in. src/lake executes them; src/translate supplies the DuckDB SQL that converts fields.

import type { ColumnDef, RelationDef } from "../../catalog/reader.js";
import type { CopyCompression, CopyFormat, UnloadOptions } from "../../sql/ast/copy.js";
import type { BoundQuery, OutputColumn } from "./query.js";

/** s3://bucket/key */
export interface BoundLocation {
  readonly url: string;
  readonly bucket: string;
  readonly key: string;
}

/** How COPY/UNLOAD reaches the store: as an IAM role ('default' or an ARN chain), or with keys. */
export type BoundAccess =
  | { readonly kind: "role"; readonly role: "default" | string }
  | {
      readonly kind: "keys";
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
    };

/** COPY options with Redshift's defaults applied. */
export interface BoundCopyOptions {
  readonly manifest: boolean;
  readonly ignoreHeader: number;
  readonly ignoreBlankLines: boolean;
  /** A Redshift format string, or 'auto'. Default 'YYYY-MM-DD'. */
  readonly dateFormat: string;
  /** A Redshift format string, 'auto', 'epochsecs' or 'epochmillisecs'. Default 'YYYY-MM-DD HH:MI:SS'. */
  readonly timeFormat: string;
  /** The string that stands for NULL ('\N' for text, none for CSV unless given). */
  readonly nullAs?: string;
  readonly emptyAsNull: boolean;
  readonly blanksAsNull: boolean;
  readonly acceptInvChars?: string;
  readonly truncateColumns: boolean;
  readonly trimBlanks: boolean;
  readonly removeQuotes: boolean;
  readonly escape: boolean;
  readonly explicitIds: boolean;
  readonly fillRecord: boolean;
  readonly maxError: number;
  readonly acceptAnyDate: boolean;
  readonly roundec: boolean;
  readonly region?: string;
  readonly noLoad: boolean;
  /** STATUPDATE ON (true) / OFF (false); absent: statistics are updated when the table was empty. */
  readonly statUpdate?: boolean;
}

export interface BoundCopy {
  readonly kind: "copy";
  readonly target: RelationDef;
  /** The table columns the source supplies, in source order. */
  readonly columns: readonly ColumnDef[];
  readonly source: BoundLocation;
  readonly access: BoundAccess;
  /** Format with its defaults: delimited '|' (or ',' for CSV), CSV quote '"'. */
  readonly format: CopyFormat;
  readonly compression?: CopyCompression;
  readonly options: BoundCopyOptions;
  /** The statement text, for stl_load_commits / sys_load_history. */
  readonly sql?: string;
}

export interface BoundUnload {
  readonly kind: "unload";
  readonly query: BoundQuery;
  readonly columns: readonly OutputColumn[];
  readonly destination: BoundLocation;
  readonly access: BoundAccess;
  readonly options: UnloadOptions;
  /** Indexes into `columns` of the PARTITION BY columns. */
  readonly partitionColumns: readonly number[];
}

/**
 * DuckDB SQL converting one COPY field to its column's type (src/translate/duckdb/copy.ts), in
 * steps the lake materializes one after another (so no expression is evaluated twice): `pre`
 * over the field's text, then `value(p)` over the materialized pre-value, then `error(p, v)`.
 */
export interface CopyFieldSql {
  /** The field as the conversion sees it: NULL AS, EMPTYASNULL, BLANKSASNULL, trimming applied. */
  readonly pre: string;
  /** The converted value from the pre-value `p` (a column); NULL when it does not convert. */
  value(p: string): string;
  /**
   * From the pre-value `p` and the value `v` (columns): NULL when the field converted, else a
   * Redshift load error code (1207 invalid digit, 1204 too long, 1205 date, 1206 timestamp, 1213
   * missing not-null ...). Never an error where `v` is not NULL (the fast path relies on it).
   */
  error(p: string, v: string): string;
  /**
   * A DuckDB type the CSV reader may read the field as directly (no text column, no conversion):
   * set only where every text the reader takes as that type gives the value `value(pre)` gives,
   * and the reader fails on the rest (an empty field, say), so only a clean file loads that way.
   */
  readonly typed?: string;
  /**
   * With `typed`: from the value `v` the reader gave, SQL that is true where `value(pre)` gives
   * NULL instead (a date outside Redshift's range, which the reader takes), else false; NULL for
   * a NULL `v`.
   */
  outOfRange?(v: string): string;
  /**
   * A number type the CSV reader may read the field as in a file where every field of the column
   * is a plain number (`[+-]?[0-9]+`, at most `decimals` digits after a '.') or the NULL AS text:
   * for those the reader gives the value `value(pre)` gives, and it fails on an out-of-range one.
   * (It also takes forms COPY refuses, '1e3' or '1.5' into an integer, so only after that check.)
   */
  readonly plainNumber?: { readonly type: string; readonly decimals: number };
}

/**
 * Names of engine functions that parse a field's common forms in one pass (native/copycast.cc).
 * Each gives NULL for any text it does not take, and what it takes it converts exactly as the SQL
 * conversion does; so a converter may try one first and fall back to its SQL on NULL.
 */
export interface CopyFastCasts {
  /** (text) -> a 2/4/8-byte integer: `[+-]?[0-9]+` in range. */
  integer(bytes: 2 | 4 | 8): string;
  /** (text) -> DECIMAL(precision, scale): `[+-]?[0-9]+(\.[0-9]+)?` in range, fraction cut to the scale. */
  decimal(precision: number, scale: number): string;
  /** (text, n) -> the text padded with blanks to n bytes; NULL when it is longer. */
  readonly padChar: string;
}

export interface CopyConverter {
  /** `field` is a VARCHAR expression holding the field's text (after NULL AS handling: NULL stays NULL). */
  fromText(column: ColumnDef, field: string, options: BoundCopyOptions): CopyFieldSql;
  /** `value` is a typed expression (a Parquet column): cast to the column's type. */
  fromTyped(column: ColumnDef, value: string, options: BoundCopyOptions): CopyFieldSql;
  /** The DuckDB type of a column. */
  duckType(column: ColumnDef): string;
  /**
   * For a typed source value `value` of DuckDB type `type` (a Parquet column): SQL giving the load
   * error code where it is a date or timestamp outside Redshift's range (1205, 1206), whatever the
   * column it loads into, else NULL; undefined for a type without such a range.
   */
  rangeError(type: string, value: string): string | undefined;
  /** The DuckDB SELECT of an UNLOAD query. */
  querySql(query: BoundQuery): string;
}
