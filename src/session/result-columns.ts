// src/session/result-columns.ts
//! Result descriptions: the Postgres view of a query's columns (RowDescription), and the outer
//! projection that makes DuckDB render every text-format column in Postgres's text form, so rows
//! reach the wire as bytes without a JavaScript value per cell.

import type { OutputColumn } from "../plan/bound/index.js";
import { pgOidOf, pgTypeMod, pgTypeSize, type SqlType } from "../sql/types.js";
import { ident } from "../translate/duckdb/quote.js";
import { textRenderExpr } from "../translate/duckdb/text-render.js";
import { sqlTypeFromDuck } from "../translate/duckdb/types.js";
import { nativeTextType } from "../engine/index.js";
import type { EngineColumn } from "../engine/types.js";
import type { ResultColumn } from "./result.js";

/** DuckDB types whose raw vectors the engine can send in Postgres binary format. */
const BINARY_DUCK_TYPES = new Set([
  "BOOLEAN",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
  "DATE",
  "TIME",
  "TIMESTAMP",
  "TIMESTAMP WITH TIME ZONE",
]);

/** DECIMAL(p,s) vectors go out as Postgres binary NUMERIC (engine/cells-numeric.ts). */
const DUCK_DECIMAL = /^DECIMAL\(\d+,\d+\)$/;

export interface DescribedColumn {
  readonly result: ResultColumn;
  readonly duckType: string;
}

/** Merges what the binder knows (names, declared types, source table) with what DuckDB reports. */
export function describeColumns(
  engineColumns: readonly EngineColumn[],
  bound: readonly OutputColumn[] | undefined,
): DescribedColumn[] {
  return engineColumns.map((ec, i) => {
    const b = bound?.[i];
    const type: SqlType = b && b.type.id !== "unknown" && b.type.id !== "text" ? b.type : sqlTypeFromDuck(ec.type);
    const oid = pgOidOf(type);
    const binarySupported =
      (BINARY_DUCK_TYPES.has(ec.type) || DUCK_DECIMAL.test(ec.type)) && sameBinaryShape(type, ec.type);
    return {
      duckType: ec.type,
      result: {
        name: b?.name ?? ec.name,
        typeOid: oid,
        typeSize: pgTypeSize(type),
        typeMod: pgTypeMod(type),
        tableOid: b?.tableOid ?? 0,
        columnNumber: b?.ordinal ?? 0,
        binarySupported,
      },
    };
  });
}

/** The binary form is the DuckDB vector's: only when the announced type has the same width. */
function sameBinaryShape(t: SqlType, duck: string): boolean {
  switch (t.id) {
    case "boolean":
      return duck === "BOOLEAN";
    case "smallint":
      return duck === "SMALLINT";
    case "integer":
      return duck === "INTEGER";
    case "bigint":
      return duck === "BIGINT";
    case "real":
      return duck === "FLOAT";
    case "double precision":
      return duck === "DOUBLE";
    case "date":
      return duck === "DATE";
    case "time":
      return duck === "TIME";
    case "decimal":
      return DUCK_DECIMAL.test(duck);
    case "timestamp":
      return duck === "TIMESTAMP";
    case "timestamptz":
      return duck === "TIMESTAMP WITH TIME ZONE";
    default:
      return false;
  }
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
 * (integers, short DECIMALs, DATE, BOOLEAN) passed through raw.
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
    return formats[i] === 1 || nativeTextType(c.duckType) ? ref : textRenderExpr(ref, c.duckType, render);
  });
  return `SELECT ${select.join(", ")} FROM (${querySql}) AS ${ident("_ls_q")}(${names.map(ident).join(", ")})`;
}
