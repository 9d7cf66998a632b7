// src/translate/duckdb/functions/datetime-format.ts
//! Redshift datetime format strings (TO_CHAR, TO_DATE, TO_TIMESTAMP) as DuckDB strftime/strptime
//! pieces. https://docs.aws.amazon.com/redshift/latest/dg/r_FORMAT_strings.html

import { UnsupportedError } from "../../../common/errors.js";

/** A piece of output: a strftime format, or an expression over the value (`$` stands for it). */
export type FormatPiece =
  | { readonly kind: "fmt"; readonly fmt: string }
  | { readonly kind: "expr"; readonly expr: (x: string) => string };

const fmt = (f: string): FormatPiece => ({ kind: "fmt", fmt: f });
const expr = (e: (x: string) => string): FormatPiece => ({ kind: "expr", expr: e });

/** Longest tokens first; case-sensitive variants where Redshift's output case follows the pattern's. */
const TOKENS: readonly (readonly [string, FormatPiece])[] = [
  ["HH24", fmt("%H")],
  ["HH12", fmt("%I")],
  ["HH", fmt("%I")],
  ["YYYY", fmt("%Y")],
  ["MONTH", expr((x) => `upper(rpad(strftime(${x}, '%B'), 9, ' '))`)],
  ["Month", expr((x) => `rpad(strftime(${x}, '%B'), 9, ' ')`)],
  ["month", expr((x) => `lower(rpad(strftime(${x}, '%B'), 9, ' '))`)],
  ["MON", expr((x) => `upper(strftime(${x}, '%b'))`)],
  ["Mon", fmt("%b")],
  ["mon", expr((x) => `lower(strftime(${x}, '%b'))`)],
  ["DAY", expr((x) => `upper(rpad(strftime(${x}, '%A'), 9, ' '))`)],
  ["Day", expr((x) => `rpad(strftime(${x}, '%A'), 9, ' ')`)],
  ["day", expr((x) => `lower(rpad(strftime(${x}, '%A'), 9, ' '))`)],
  ["DY", expr((x) => `upper(strftime(${x}, '%a'))`)],
  ["Dy", fmt("%a")],
  ["dy", expr((x) => `lower(strftime(${x}, '%a'))`)],
  ["DDD", fmt("%j")],
  ["DD", fmt("%d")],
  ["MM", fmt("%m")],
  ["MI", fmt("%M")],
  ["MS", fmt("%g")],
  ["US", fmt("%f")],
  ["SS", fmt("%S")],
  ["YY", fmt("%y")],
  ["AM", fmt("%p")],
  ["PM", fmt("%p")],
  ["am", expr((x) => `lower(strftime(${x}, '%p'))`)],
  ["pm", expr((x) => `lower(strftime(${x}, '%p'))`)],
  ["Q", expr((x) => `CAST(quarter(${x}) AS VARCHAR)`)],
  ["D", expr((x) => `CAST(dayofweek(${x}) + 1 AS VARCHAR)`)],
];

/** Splits a format string into pieces; text in double quotes and other characters are literal. */
export function parseDatetimeFormat(format: string): FormatPiece[] {
  const out: FormatPiece[] = [];
  let i = 0;
  const lit = (s: string) => out.push(fmt(s.replaceAll("%", "%%")));
  while (i < format.length) {
    if (format[i] === '"') {
      const end = format.indexOf('"', i + 1);
      lit(format.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    const hit = TOKENS.find(([t]) => format.startsWith(t, i));
    if (hit) {
      out.push(hit[1]);
      i += hit[0].length;
      continue;
    }
    const upper = format.slice(i, i + 4).toUpperCase();
    if (/^(Y,YY|IYYY|IW|WW|CC|J|FM|TH|SP|TZ)/.test(upper))
      throw new UnsupportedError(`datetime format pattern ${format.slice(i, i + 4)}`);
    lit(format[i] as string);
    i++;
  }
  return out;
}

/** TO_CHAR(x, 'format') as a DuckDB expression. */
export function formatDatetime(x: string, format: string, str: (s: string) => string): string {
  const pieces = parseDatetimeFormat(format);
  const parts: string[] = [];
  let run = "";
  for (const p of pieces) {
    if (p.kind === "fmt") {
      run += p.fmt;
      continue;
    }
    if (run) parts.push(`strftime(${x}, ${str(run)})`);
    run = "";
    parts.push(p.expr(x));
  }
  if (run || parts.length === 0) parts.push(`strftime(${x}, ${str(run)})`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" || ")})`;
}

/** The strptime format for TO_DATE / TO_TIMESTAMP (only strftime-expressible patterns). */
export function parseFormat(format: string): string {
  return parseDatetimeFormat(format)
    .map((p) => {
      if (p.kind === "expr") throw new UnsupportedError(`format "${format}" for parsing`);
      return p.fmt;
    })
    .join("");
}
