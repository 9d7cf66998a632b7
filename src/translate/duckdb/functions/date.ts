// src/translate/duckdb/functions/date.ts
//! Date and time functions. DATEADD adds whole dateparts (end of month clamps, as in Redshift);
//! DATEDIFF counts datepart boundaries crossed (weeks start on Monday).

import { UnsupportedError } from "../../../common/errors.js";
import type { Emission, EmitContext } from "./entry.js";
import { arg, custom } from "./entry.js";
import { formatDatetime, parseFormat } from "./datetime-format.js";
import { formatNumber } from "./number-format.js";

/** The datepart the binder normalised into argument i. */
function part(c: EmitContext, i = 0): string {
  const a = c.call.args[i];
  return a?.kind === "literal" && typeof a.value === "string" ? a.value : "";
}

/** A literal string argument's value (format strings must be constants). */
function constant(c: EmitContext, i: number, what: string): string {
  const a = c.call.args[i];
  if (a?.kind === "literal" && typeof a.value === "string") return a.value;
  throw new UnsupportedError(`${what} with a non-constant format`);
}

/** The value as a timestamp unless it already has a time type DuckDB can add to. */
function asTimestamp(c: EmitContext, i: number): string {
  const t = c.call.args[i]?.type.id;
  const x = arg(c, i);
  return t === "timestamp" || t === "timestamptz" || t === "time" || t === "timetz" ? x : `CAST(${x} AS TIMESTAMP)`;
}

const INTERVAL_OF: Record<string, (n: string) => string> = {
  millennium: (n) => `to_years(1000 * ${n})`,
  century: (n) => `to_years(100 * ${n})`,
  decade: (n) => `to_years(10 * ${n})`,
  year: (n) => `to_years(${n})`,
  quarter: (n) => `to_months(3 * ${n})`,
  month: (n) => `to_months(${n})`,
  week: (n) => `to_days(7 * ${n})`,
  day: (n) => `to_days(${n})`,
  hour: (n) => `to_hours(${n})`,
  minute: (n) => `to_minutes(${n})`,
  second: (n) => `to_seconds(${n})`,
  millisecond: (n) => `to_milliseconds(${n})`,
  microsecond: (n) => `to_microseconds(${n})`,
};

const DIFF_PARTS = new Set([
  "millennium",
  "century",
  "decade",
  "year",
  "quarter",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "millisecond",
  "microsecond",
]);

const DATE_PART_NAMES: Record<string, string> = {
  millennium: "millennium",
  century: "century",
  decade: "decade",
  year: "year",
  quarter: "quarter",
  month: "month",
  week: "week",
  dow: "dow",
  doy: "doy",
  day: "day",
  hour: "hour",
  minute: "minute",
  second: "second",
  millisecond: "milliseconds",
  microsecond: "microseconds",
  timezone: "timezone",
  timezone_hour: "timezone_hour",
  timezone_minute: "timezone_minute",
};

function datePart(c: EmitContext, fractional = false): string {
  const p = part(c);
  const x = asTimestamp(c, 1);
  if (p === "epoch") return `epoch(${x})`;
  // DATE_PART(second) keeps the fraction (6.789); DuckDB's 'microseconds' part is seconds * 10^6 + micros.
  if (fractional && p === "second") return `(date_part('microseconds', ${x}) / 1000000)`;
  if (fractional && p === "millisecond") return `(date_part('microseconds', ${x}) / 1000)`;
  const name = DATE_PART_NAMES[p];
  if (!name) throw new UnsupportedError(`date part ${p}`);
  return `date_part(${c.str(name)}, ${x})`;
}

export const DATE_EMISSIONS: readonly Emission[] = [
  custom("dateadd", "r_DATEADD_function.html", (c) => {
    const interval = INTERVAL_OF[part(c)];
    if (!interval) throw new UnsupportedError(`DATEADD with date part ${part(c)}`);
    const n = part(c) === "second" ? arg(c, 1) : `CAST(${arg(c, 1)} AS BIGINT)`;
    return `(${asTimestamp(c, 2)} + ${interval(n)})`;
  }),
  custom("datediff", "r_DATEDIFF_function.html", (c) => {
    const p = part(c);
    const a = asTimestamp(c, 1);
    const b = asTimestamp(c, 2);
    if (p === "week") return `(date_diff('day', date_trunc('week', ${a}), date_trunc('week', ${b})) // 7)`;
    if (!DIFF_PARTS.has(p)) throw new UnsupportedError(`DATEDIFF with date part ${p}`);
    return `date_diff(${c.str(p)}, ${a}, ${b})`;
  }),
  custom("date_part", "r_DATE_PART_function.html", (c) => `CAST(${datePart(c, true)} AS DOUBLE)`),
  custom("extract", "r_EXTRACT_function.html", (c) =>
    part(c) === "epoch" ? `CAST(${datePart(c)} AS BIGINT)` : `CAST(${datePart(c)} AS INTEGER)`,
  ),
  custom("date_trunc", "r_DATE_TRUNC.html", (c) => {
    const p = part(c);
    if (!INTERVAL_OF[p]) throw new UnsupportedError(`DATE_TRUNC with date part ${p}`);
    return `date_trunc(${c.str(p === "millisecond" ? "milliseconds" : p === "microsecond" ? "microseconds" : p)}, ${asTimestamp(c, 1)})`;
  }),
  /** The last day of a month stays the last day of the resulting month. */
  custom("add_months", "r_ADD_MONTHS.html", (c) => {
    const x = asTimestamp(c, 0);
    const n = `to_months(CAST(${arg(c, 1)} AS BIGINT))`;
    return (
      `CASE WHEN CAST(${x} AS DATE) = last_day(${x}) THEN CAST(last_day(${x} + ${n}) AS TIMESTAMP) + (${x} - date_trunc('day', ${x}))` +
      ` ELSE ${x} + ${n} END`
    );
  }),
  custom("months_between", "r_MONTHS_BETWEEN_function.html", (c) => {
    const a = `CAST(${arg(c, 0)} AS DATE)`;
    const b = `CAST(${arg(c, 1)} AS DATE)`;
    return (
      `CAST((year(${a}) - year(${b})) * 12 + month(${a}) - month(${b}) + CASE WHEN day(${a}) = day(${b})` +
      ` OR (${a} = last_day(${a}) AND ${b} = last_day(${b})) THEN 0 ELSE (day(${a}) - day(${b})) / 31.0 END AS DOUBLE)`
    );
  }),
  custom("last_day", "r_LAST_DAY.html", (c) => `last_day(CAST(${arg(c, 0)} AS DATE))`),
  custom("to_char", "r_TO_CHAR.html", (c) => {
    const t = c.call.args[0]?.type.id;
    if (t !== "date" && t !== "timestamp" && t !== "timestamptz" && t !== "time") {
      return formatNumber(arg(c, 0), constant(c, 1, "TO_CHAR"), c.str);
    }
    return formatDatetime(arg(c, 0), constant(c, 1, "TO_CHAR"), c.str);
  }),
  custom(
    "to_date",
    "r_TO_DATE_function.html",
    (c) => `CAST(strptime(${arg(c, 0)}, ${c.str(parseFormat(constant(c, 1, "TO_DATE")))}) AS DATE)`,
  ),
  custom(
    "to_timestamp",
    "r_TO_TIMESTAMP.html",
    (c) => `CAST(strptime(${arg(c, 0)}, ${c.str(parseFormat(constant(c, 1, "TO_TIMESTAMP")))}) AS TIMESTAMPTZ)`,
  ),
  /** A TIMESTAMP is read in the source zone (UTC when omitted); a TIMESTAMPTZ is an instant already. */
  custom("convert_timezone", "CONVERT_TIMEZONE.html", (c) => {
    const i = c.args.length - 1;
    const target = arg(c, i - 1);
    if (c.call.args[i]?.type.id === "timestamptz") return `timezone(${target}, ${arg(c, i)})`;
    const source = c.args.length === 2 ? "'UTC'" : arg(c, 0);
    return `timezone(${target}, timezone(${source}, ${asTimestamp(c, i)}))`;
  }),
  custom("timezone", "r_CONVERT_TIMEZONE.html", (c) => `timezone(${arg(c, 0)}, ${asTimestamp(c, 1)})`),
  custom(
    "date_cmp",
    "r_DATE_CMP.html",
    (c) => `CASE WHEN ${arg(c, 0)} < ${arg(c, 1)} THEN -1 WHEN ${arg(c, 0)} > ${arg(c, 1)} THEN 1 ELSE 0 END`,
  ),
  custom("write_timestamp", "r_GETDATE.html", () => "CAST(timezone('UTC', current_timestamp) AS TIMESTAMP)"),
  custom(
    "write_getdate",
    "r_GETDATE.html",
    () => "date_trunc('second', CAST(timezone('UTC', current_timestamp) AS TIMESTAMP))",
  ),
  custom("write_timestamptz", "r_CURRENT_TIMESTAMP.html", () => "current_timestamp"),
  custom("write_date", "r_CURRENT_DATE_function.html", () => "CAST(timezone('UTC', current_timestamp) AS DATE)"),
  custom("date", "r_Date_and_time_functions.html", (c) => `CAST(${arg(c, 0)} AS DATE)`),
  custom("trunc_date", "r_TRUNC_date.html", (c) => `CAST(${arg(c, 0)} AS DATE)`),
];
