// src/translate/duckdb/text-render.ts
//! Renders a DuckDB value in Postgres's TEXT output format, as a DuckDB expression, so DuckDB does
//! all per-row formatting: the session wraps a query as SELECT <render(c1)>, ... FROM (<query>).
//! https://www.postgresql.org/docs/current/datatype.html (output formats of each type)

import { str } from "./quote.js";

export interface TextRenderOptions {
  /**
   * The session's extra_float_digits (Redshift's default is 0): above 0, floats print with the
   * shortest digits that round-trip; at 0 or below, with 15 (float8) / 6 (float4) significant
   * digits plus this value, as %g does.
   */
  readonly extraFloatDigits?: number;
}

/** A DuckDB expression turning `col` (an expression of DuckDB type `duckType`) into Postgres text. */
export function textRenderExpr(col: string, duckType: string, opts: TextRenderOptions = {}): string {
  const t = duckType.trim().toUpperCase();
  if (t.endsWith("[]")) return renderList(col, t.slice(0, -2), opts);
  if (/^[A-Z_ ]+\[\d+\]$/.test(t)) return renderList(col, t.slice(0, t.lastIndexOf("[")), opts);
  const efd = opts.extraFloatDigits ?? 0;
  switch (t) {
    case "BOOLEAN":
    case "BOOL":
      return `CASE WHEN ${col} THEN 't' WHEN NOT ${col} THEN 'f' END`;
    case "DOUBLE":
    case "FLOAT8":
      return efd > 0 ? renderFloat(col, 15) : renderFloatDigits(col, 15 + efd);
    case "FLOAT":
    case "REAL":
    case "FLOAT4":
      return efd > 0 ? renderFloat(col, 6) : renderFloatDigits(col, 6 + efd);
    case "TIMESTAMP WITH TIME ZONE":
    case "TIMESTAMPTZ":
      // DuckDB prints TIMESTAMPTZ in the connection's TimeZone with Postgres's offset form
      // ('+00', '-05', '+05:30'); the session keeps that setting equal to its own.
      return `CAST(${col} AS VARCHAR)`;
    case "INTERVAL":
      return renderInterval(col);
    case "BLOB":
    case "BYTEA":
      return `lower(hex(${col}))`;
    case "VARCHAR":
      return col;
    default:
      return `CAST(${col} AS VARCHAR)`;
  }
}

/**
 * Postgres prints floats with the shortest digits that round-trip (as DuckDB does), but switches
 * to exponent form from 10^15 (float8) / 10^6 (float4) where DuckDB waits until 10^16, writes
 * whole numbers without ".0", and spells the specials Infinity, -Infinity and NaN.
 */
function renderFloat(col: string, sciFrom: number): string {
  const s = `CAST(${col} AS VARCHAR)`;
  const abs = `replace(${s}, '-', '')`;
  const digits = `rtrim(replace(${abs}, '.', ''), '0')`;
  const exp = `(length(split_part(${abs}, '.', 1)) - 1)`;
  const sign = `CASE WHEN ${col} < 0 THEN '-' ELSE '' END`;
  const sci =
    `${sign} || left(${digits}, 1) || CASE WHEN length(${digits}) > 1 THEN '.' || substr(${digits}, 2) ELSE '' END` +
    ` || 'e+' || lpad(CAST(${exp} AS VARCHAR), 2, '0')`;
  const plain = `CASE WHEN suffix(${s}, '.0') THEN left(${s}, length(${s}) - 2) ELSE ${s} END`;
  return (
    `CASE WHEN isnan(${col}) THEN 'NaN' WHEN isinf(${col}) THEN CASE WHEN ${col} > 0 THEN 'Infinity' ELSE '-Infinity' END` +
    ` WHEN abs(${col}) >= 1e${sciFrom} AND abs(${col}) < 1e16 THEN ${sci} ELSE ${plain} END`
  );
}

/** extra_float_digits <= 0: %.<n>g, as Postgres before 12 and Redshift print floats. */
function renderFloatDigits(col: string, digits: number): string {
  return (
    `CASE WHEN isnan(${col}) THEN 'NaN' WHEN isinf(${col}) THEN CASE WHEN ${col} > 0 THEN 'Infinity' ELSE '-Infinity' END` +
    ` ELSE printf('%.${Math.max(1, digits)}g', CAST(${col} AS DOUBLE)) END`
  );
}

/** Postgres's default IntervalStyle: '1 year 2 mons 3 days 04:05:06.5', '00:00:00' for zero. */
function renderInterval(col: string): string {
  const y = `datepart('year', ${col})`;
  const mo = `datepart('month', ${col})`;
  const d = `datepart('day', ${col})`;
  const us = `(datepart('hour', ${col}) * 3600000000 + datepart('minute', ${col}) * 60000000 + datepart('microseconds', ${col}))`;
  const a = `abs(${us})`;
  const two = (e: string) => `lpad(CAST(${e} AS VARCHAR), 2, '0')`;
  const frac = `${a} % 1000000`;
  const time =
    `CASE WHEN ${us} < 0 THEN '-' ELSE '' END || ${two(`${a} // 3600000000`)} || ':' || ${two(`(${a} // 60000000) % 60`)}` +
    ` || ':' || ${two(`(${a} // 1000000) % 60`)}` +
    ` || CASE WHEN ${frac} > 0 THEN '.' || rtrim(lpad(CAST(${frac} AS VARCHAR), 6, '0'), '0') ELSE '' END`;
  const unit = (e: string, one: string, many: string) =>
    `CASE WHEN ${e} <> 0 THEN CAST(${e} AS VARCHAR) || CASE WHEN ${e} = 1 THEN ${str(one)} ELSE ${str(many)} END END`;
  return (
    `CASE WHEN ${col} IS NOT NULL THEN concat_ws(' ', ${unit(y, " year", " years")}, ${unit(mo, " mon", " mons")},` +
    ` ${unit(d, " day", " days")}, CASE WHEN ${us} <> 0 OR (${y} = 0 AND ${mo} = 0 AND ${d} = 0) THEN ${time} END) END`
  );
}

/** Postgres's int2vector and oidvector output: the elements separated by spaces ('23 1043', '' when empty). */
export function vectorTextExpr(col: string): string {
  return `array_to_string(${col}, ' ')`;
}

/** Postgres array output: '{1,2}', elements quoted when they need it, NULL spelled out. */
function renderList(col: string, elementType: string, opts: TextRenderOptions): string {
  const inner = textRenderExpr("e", elementType, opts);
  const isText = elementType === "VARCHAR";
  const el = isText
    ? `CASE WHEN e = '' OR upper(e) = 'NULL' OR regexp_matches(e, '[{},"\\\\\\s]') THEN '"' || replace(replace(e, '\\', '\\\\'), '"', '\\"') || '"' ELSE e END`
    : inner;
  return `CASE WHEN ${col} IS NOT NULL THEN '{' || array_to_string(list_transform(${col}, lambda e: coalesce(${el}, 'NULL')), ',') || '}' END`;
}
