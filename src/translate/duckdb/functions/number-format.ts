// src/translate/duckdb/functions/number-format.ts
//! TO_CHAR(number, format) for the digit patterns 9, 0, '.', D, ',', G and the FM prefix, as
//! Postgres prints them: a sign position before the first digit, blank padding, '#' on overflow.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Numeric_formating.html

import { UnsupportedError } from "../../../common/errors.js";

interface NumberFormat {
  readonly fillMode: boolean;
  /** Integer part pattern, e.g. "9,990" (digits and separators). */
  readonly integer: string;
  /** Fraction pattern after the decimal point ("" when none; undefined when no point). */
  readonly fraction?: string;
}

function parse(format: string): NumberFormat {
  let f = format;
  let fillMode = false;
  if (f.toUpperCase().startsWith("FM")) {
    fillMode = true;
    f = f.slice(2);
  }
  if (!/^[90,G]*([.D][90]*)?$/i.test(f) || !/[90]/.test(f))
    throw new UnsupportedError(`TO_CHAR number format "${format}"`);
  const point = f.search(/[.D]/i);
  return {
    fillMode,
    integer: (point < 0 ? f : f.slice(0, point)).replace(/G/gi, ","),
    fraction: point < 0 ? undefined : f.slice(point + 1),
  };
}

/** A DuckDB expression rendering numeric `x` with a constant Redshift number format. */
export function formatNumber(x: string, format: string, str: (s: string) => string): string {
  const f = parse(format);
  const digits = [...f.integer].filter((ch) => ch !== ",");
  const n = digits.length;
  const m = f.fraction?.length ?? 0;
  const firstZero = digits.indexOf("0");
  const zeroFill = firstZero < 0 ? 0 : n - firstZero;
  const fixed = `printf('%.${m}f', round(CAST(abs(${x}) AS DOUBLE), ${m}))`;
  const intDigits = `split_part(${fixed}, '.', 1)`;
  // A zero integer part prints as blank when the pattern has no '0' there and a fraction follows.
  const intText = m > 0 && zeroFill === 0 ? `CASE WHEN ${intDigits} = '0' THEN '' ELSE ${intDigits} END` : intDigits;
  // lpad truncates to its width; the overflow case below catches integer parts wider than n.
  const zeroFilled =
    zeroFill > 0 ? `lpad(${intText}, CAST(greatest(length(${intText}), ${zeroFill}) AS INTEGER), '0')` : intText;
  const padded = `lpad(${zeroFilled}, ${n}, ' ')`;
  let position = 0;
  const pieces: string[] = [];
  for (const ch of f.integer) {
    if (ch === ",") {
      pieces.push(`CASE WHEN substr(${padded}, ${position}, 1) <> ' ' THEN ',' ELSE ' ' END`);
      continue;
    }
    position++;
    pieces.push(`substr(${padded}, ${position}, 1)`);
  }
  const body = pieces.length > 0 ? pieces.join(" || ") : "''";
  const sign = f.fillMode ? `CASE WHEN ${x} < 0 THEN '-' ELSE '' END` : `CASE WHEN ${x} < 0 THEN '-' ELSE ' ' END`;
  const width = f.integer.length + 1;
  const integerPart = f.fillMode ? `(${sign} || ltrim(${body}))` : `lpad(${sign} || ltrim(${body}), ${width}, ' ')`;
  let fraction = "''";
  if (f.fraction !== undefined) {
    const frac = m > 0 ? `split_part(${fixed}, '.', 2)` : "''";
    const trimmed = f.fillMode && m > 0 && !f.fraction.includes("0") ? `rtrim(${frac}, '0')` : frac;
    fraction = `'.' || ${trimmed}`;
  }
  const overflow = str("#".repeat(width) + (f.fraction !== undefined ? `.${"#".repeat(m)}` : ""));
  return `CASE WHEN ${x} IS NULL THEN NULL WHEN length(${intDigits}) > ${n} THEN ${overflow} ELSE ${integerPart} || ${fraction} END`;
}
