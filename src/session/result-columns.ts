// src/session/result-columns.ts
//! Result descriptions: the Postgres view of a query's columns (RowDescription), and the outer
//! projection that makes DuckDB render every text-format column in Postgres's text form, so rows
//! reach the wire as bytes without a JavaScript value per cell.

import type { OutputColumn } from "../plan/bound/index.js";
import { isString } from "../plan/bind/typing.js";
import { PgOid, pgOidOf, pgTypeMod, pgTypeSize, type SqlType } from "../sql/types.js";
import { ident } from "../translate/duckdb/quote.js";
import { textRenderExpr, vectorTextExpr } from "../translate/duckdb/text-render.js";
import { systemVectorType, type VectorType } from "../catalog/system/registry.js";
import { castExpr, sqlTypeFromDuck } from "../translate/duckdb/types.js";
import { nativeTextType } from "../engine/index.js";
import type { EngineColumn } from "../engine/types.js";
import type { ResultColumn } from "./result.js";

/** The name DuckDB reports for the vector whose raw bytes are each announced type's binary form. */
const BINARY_VECTOR: Partial<Record<SqlType["id"], string>> = {
  boolean: "BOOLEAN",
  smallint: "SMALLINT",
  integer: "INTEGER",
  bigint: "BIGINT",
  real: "FLOAT",
  "double precision": "DOUBLE",
  date: "DATE",
  time: "TIME",
  timetz: "TIME WITH TIME ZONE",
  timestamp: "TIMESTAMP",
  timestamptz: "TIMESTAMP WITH TIME ZONE",
  interval: "INTERVAL",
  varbyte: "BLOB",
};

/** DECIMAL(p,s) vectors go out as Postgres binary NUMERIC (engine/cells-numeric.ts). */
const DUCK_DECIMAL = /^DECIMAL\(\d+,\d+\)$/;

const NUMERIC_IDS: ReadonlySet<SqlType["id"]> = new Set([
  "smallint",
  "integer",
  "bigint",
  "real",
  "double precision",
  "decimal",
]);

/**
 * How a column asked for in binary format is produced: its raw vector ('raw'); its text, which is
 * the binary form of char/varchar/text ('text'); its vector cast to the announced type first, when
 * DuckDB computed a kindred type of another width ('cast', say HUGEINT for int8); or not at all,
 * sent in text format as the RowDescription says ('none': SUPER, and values of unrelated types).
 */
export type BinaryRender = "raw" | "text" | "cast" | "none";

function binaryRender(t: SqlType, duck: string): BinaryRender {
  if (isString(t)) return "text";
  if (t.id === "decimal") {
    if (DUCK_DECIMAL.test(duck)) return "raw";
    return t.precision !== undefined && NUMERIC_IDS.has(sqlTypeFromDuck(duck).id) ? "cast" : "none";
  }
  const vector = BINARY_VECTOR[t.id];
  if (vector === undefined) return "none";
  if (vector === duck) return "raw";
  const computed = sqlTypeFromDuck(duck).id;
  return computed === t.id || (NUMERIC_IDS.has(t.id) && NUMERIC_IDS.has(computed)) ? "cast" : "none";
}

export interface DescribedColumn {
  readonly result: ResultColumn;
  readonly duckType: string;
  /** The announced type (what a binary-format column is cast to when it must be). */
  readonly type: SqlType;
  readonly binary: BinaryRender;
  /** A system column of Postgres's int2vector/oidvector (pg_index.indkey, pg_proc.proargtypes): text only, space-separated. */
  readonly vector?: VectorType;
}

/** Merges what the binder knows (names, declared types, source table) with what DuckDB reports. */
export function describeColumns(
  engineColumns: readonly EngineColumn[],
  bound: readonly OutputColumn[] | undefined,
): DescribedColumn[] {
  return engineColumns.map((ec, i) => {
    const b = bound?.[i];
    // The binder's `text` is loose (any string); DuckDB's type says which. Its `unknown` is what
    // clients see as text whatever DuckDB computed (an untyped NULL is INTEGER there).
    const type: SqlType = b && b.type.id !== "text" ? b.type : sqlTypeFromDuck(ec.type);
    const vector = b && b.tableOid !== 0 ? systemVectorType(b.tableOid, b.ordinal) : undefined;
    const oid = vector ? PgOid[vector] : pgOidOf(type);
    const binary = vector ? "none" : binaryRender(type, ec.type);
    return {
      duckType: ec.type,
      type,
      binary,
      ...(vector ? { vector } : {}),
      result: {
        name: b?.name ?? ec.name,
        typeOid: oid,
        typeSize: pgTypeSize(type),
        typeMod: pgTypeMod(type),
        tableOid: b?.tableOid ?? 0,
        columnNumber: b?.ordinal ?? 0,
        binarySupported: binary !== "none",
      },
    };
  });
}

/** Effective per-column formats from Bind's result format codes (none: text; one: for all). */
export function effectiveFormats(columns: readonly DescribedColumn[], requested: readonly number[]): number[] {
  return columns.map((c, i) => {
    const f = requested.length === 0 ? 0 : requested.length === 1 ? (requested[0] ?? 0) : (requested[i] ?? 0);
    return f === 1 && c.result.binarySupported ? 1 : 0;
  });
}

/**
 * SELECT <render(c1)>, ... FROM (<query>) AS "_ls_q"("_ls_c1", ...): text columns rendered by
 * DuckDB in Postgres text format, binary columns and text columns the engine formats itself
 * (integers, short DECIMALs, DATE, BOOLEAN) passed through raw, binary columns of a kindred type
 * cast to the announced one.
 */
export function wrapForWire(
  querySql: string,
  columns: readonly DescribedColumn[],
  formats: readonly number[],
  render: { readonly extraFloatDigits?: number } = {},
): string {
  const names = columns.map((_, i) => `_ls_c${i + 1}`);
  const select = columns.map((c, i) => {
    const ref = `${ident("_ls_q")}.${ident(names[i] as string)}`;
    if (formats[i] === 1 && c.binary !== "text") return c.binary === "cast" ? castExpr(ref, c.type) : ref;
    if (c.vector) return vectorTextExpr(ref);
    return nativeTextType(c.duckType) ? ref : textRenderExpr(ref, c.duckType, render);
  });
  return `SELECT ${select.join(", ")} FROM (${querySql}) AS ${ident("_ls_q")}(${names.map(ident).join(", ")})`;
}
