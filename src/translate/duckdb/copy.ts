// src/translate/duckdb/copy.ts
//! COPY's field conversion as DuckDB SQL: each field arrives as text (or, from Parquet, typed) and
//! becomes the column's type the way Redshift's COPY reads it (DATEFORMAT/TIMEFORMAT incl. 'auto'
//! and epoch forms, EMPTYASNULL/BLANKSASNULL, TRUNCATECOLUMNS, TRIMBLANKS, ROUNDEC, byte-counted
//! VARCHAR lengths, CHAR padding). A field that does not convert gives NULL and a Redshift load
//! error code, so the lake can route the row to stl_load_errors.
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html

import type { BoundCopyOptions, CopyConverter, CopyFastCasts, CopyFieldSql } from "../../plan/bound/copy.js";
import type { BoundQuery } from "../../plan/bound/query.js";
import type { ColumnDef } from "../../plan/bound/statement.js";
import { DATETIME_RANGE } from "../../sql/types.js";
import { querySql } from "./query.js";
import { str } from "./quote.js";
import { DEFAULT_PRECISION, DEFAULT_SCALE, duckType } from "./types.js";

/** Redshift's load error codes (stl_load_errors.err_code) used here. */
export const LoadErrorCode = {
  stringTooLong: 1204,
  invalidDate: 1205,
  invalidTimestamp: 1206,
  invalidDigit: 1207,
  invalidFloat: 1208,
  invalidBoolean: 1209,
  missingNotNull: 1213,
  invalidValue: 1216,
} as const;

const AUTO_DATES = [
  "%Y-%m-%d",
  "%m/%d/%Y",
  "%m-%d-%Y",
  "%Y/%m/%d",
  "%d %b %Y",
  "%b %d %Y",
  "%Y%m%d",
  "%d.%m.%Y",
  "%B %d, %Y",
];
const AUTO_TIMES = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M", "%I:%M:%S %p", "%I:%M %p"];

/** COPY's datetime format elements as strptime pieces, longest first (case-insensitive). */
const COPY_FORMAT_TOKENS: readonly (readonly [string, string])[] = [
  ["YYYY", "%Y"],
  ["MONTH", "%B"],
  ["MON", "%b"],
  ["HH24", "%H"],
  ["HH12", "%I"],
  ["YY", "%y"],
  ["MM", "%m"],
  ["DD", "%d"],
  ["MI", "%M"],
  ["SS", "%S"],
  ["US", "%f"],
  ["AM", "%p"],
  ["PM", "%p"],
];

/**
 * A COPY DATEFORMAT/TIMEFORMAT string as a strptime format. COPY's HH is the 24-hour clock
 * unless the format has AM/PM; other characters stand for themselves.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_DATEFORMAT_and_TIMEFORMAT_strings.html
 */
function copyFormat(format: string): string {
  const twelve = /AM|PM/i.test(format);
  let out = "";
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i).toUpperCase();
    if (rest.startsWith("HH") && !rest.startsWith("HH24") && !rest.startsWith("HH12")) {
      out += twelve ? "%I" : "%H";
      i += 2;
      continue;
    }
    const hit = COPY_FORMAT_TOKENS.find(([t]) => rest.startsWith(t));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
      continue;
    }
    const ch = format[i] as string;
    out += ch === "%" ? "%%" : ch;
    i++;
  }
  return out;
}

/** COPY's default DATEFORMAT. */
const ISO_DATE = "YYYY-MM-DD";

function strptimeList(formats: readonly string[]): string {
  return `[${formats.map(str).join(", ")}]`;
}

/**
 * try_strptime of `t` with `formats`, NULL for 'infinity', '-infinity' and 'epoch': DuckDB's
 * strptime reads those words (any case) as 1900-01-01 00:00:00, whatever the format, where no
 * COPY format matches them. The words are looked for only where strptime gave that value.
 */
function strptimeSql(t: string, formats: readonly string[]): string {
  const x = `try_strptime(${t}, ${strptimeList(formats)})`;
  return `CASE WHEN ${x} <> TIMESTAMP '1900-01-01' OR NOT regexp_matches(${t}, '(?i)infinity|epoch') THEN ${x} END`;
}

/**
 * Redshift's range (DATETIME_RANGE). DuckDB's own is wider (a DATE to year 5881580 and
 * 'infinity', a TIMESTAMP from 290309 BC), so a value it parses outside Redshift's is a load error
 * (1205, 1206) instead of a row Redshift could not hold; 'infinity' and '-infinity', which DuckDB
 * takes and Redshift's range does not hold, are load errors as well (Redshift's docs name no
 * infinite datetime). A timestamp after DuckDB's last one fails to parse, a load error too.
 */
const MIN_DATE = `DATE '${DATETIME_RANGE.minDate}'`;
const MAX_DATE = `DATE '${DATETIME_RANGE.maxDate}'`;
/** The TIMESTAMP range in microseconds since 1970 (UTC for TIMESTAMPTZ). */
const { minMicros: MIN_MICROS, maxMicros: MAX_MICROS } = DATETIME_RANGE;

/** Is the DATE `d` in Redshift's range (NULL for NULL)? */
function dateInRange(d: string): string {
  return `${d} BETWEEN ${MIN_DATE} AND ${MAX_DATE}`;
}

/**
 * Is the DATE `d` outside Redshift's range (NULL for NULL)? Two comparisons, no text, for the fast
 * path's test of each row: on TPC-H lineitem's three dates (6M rows) about 0.02 CPU-s in all,
 * where NOT BETWEEN cost about 0.1.
 */
function dateOutOfRange(d: string): string {
  return `${d} > ${MAX_DATE} OR ${d} < ${MIN_DATE}`;
}

/** The DATE `d`, or NULL outside Redshift's range. */
function rangedDate(d: string): string {
  return `CASE WHEN ${dateInRange(d)} THEN ${d} END`;
}

/** The TIMESTAMP or TIMESTAMPTZ `t`, or NULL outside Redshift's range (epoch_us: NULL for infinity). */
function rangedTimestamp(t: string): string {
  return `CASE WHEN epoch_us(${t}) BETWEEN ${MIN_MICROS} AND ${MAX_MICROS} THEN ${t} END`;
}

/** The TIMESTAMP of `micros` since 1970 (a BIGINT), or NULL outside the range (make_timestamp fails there). */
function timestampOfMicros(micros: string): string {
  return `make_timestamp(CASE WHEN ${micros} BETWEEN ${MIN_MICROS} AND ${MAX_MICROS} THEN ${micros} END)`;
}

/** The TIMESTAMP of `millis` since 1970 (a BIGINT), or NULL outside the range. */
function timestampOfMillis(millis: string): string {
  const [lo, hi] = [MIN_MICROS / 1000n, MAX_MICROS / 1000n];
  return `make_timestamp(CASE WHEN ${millis} BETWEEN ${lo} AND ${hi} THEN ${millis} * 1000 END)`;
}

function dateSql(t: string, fmt: string): string {
  if (fmt.toLowerCase() === "auto") {
    const list = strptimeList(AUTO_DATES);
    return `coalesce(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ${list}) AS DATE))`;
  }
  // The default format is ISO's, which a cast reads faster than strptime.
  if (fmt === ISO_DATE) return `TRY_CAST(${t} AS DATE)`;
  return `CAST(${strptimeSql(t, [copyFormat(fmt)])} AS DATE)`;
}

function timestampSql(t: string, fmt: string, dateFormat: string): string {
  const f = fmt.toLowerCase();
  // Epoch values far out of range (beyond a BIGINT of microseconds even) give NULL, a load error,
  // never a failed cast that would stop the COPY.
  if (f === "epochsecs") {
    return `CASE WHEN regexp_full_match(${t}, '[+-]?[0-9]+(\\.[0-9]*)?') THEN ${timestampOfMicros(`TRY_CAST(TRY_CAST(${t} AS DOUBLE) * 1000000 AS BIGINT)`)} END`;
  }
  if (f === "epochmillisecs") {
    return `CASE WHEN regexp_full_match(${t}, '[+-]?[0-9]+') THEN ${timestampOfMillis(`TRY_CAST(${t} AS BIGINT)`)} END`;
  }
  if (f === "auto") {
    const given = dateFormat.toLowerCase() === "auto" ? [] : [copyFormat(dateFormat)];
    const dates = [...given, ...AUTO_DATES.filter((d) => !given.includes(d))];
    const list: string[] = [];
    for (const d of dates) for (const tm of AUTO_TIMES) list.push(`${d} ${tm}`, `${d}T${tm}`);
    return `coalesce(TRY_CAST(${t} AS TIMESTAMP), try_strptime(${t}, ${strptimeList(list)}), TRY_CAST(${dateSql(t, "auto")} AS TIMESTAMP))`;
  }
  const base = copyFormat(fmt);
  const formats = base.includes("%f") ? [base] : [base, base.replace("%S", "%S.%f")];
  const parsed = strptimeSql(t, formats);
  // The default format also takes ISO forms ('2008-01-01', '2008-01-01T10:00:00').
  return fmt === "YYYY-MM-DD HH:MI:SS" ? `coalesce(${parsed}, TRY_CAST(${t} AS TIMESTAMP))` : parsed;
}

/** Truncates text to at most n UTF-8 bytes without cutting a character. */
function truncateBytes(s: string, n: number): string {
  const cuts = [0, 1, 2, 3].map((k) => `try(decode(encode(${s})[1:${Math.max(0, n - k)}]))`);
  return `CASE WHEN strlen(${s}) <= ${n} THEN ${s} ELSE coalesce(${cuts.join(", ")}) END`;
}

function fieldOf(
  pre: string,
  value: (p: string) => string,
  code: number,
  column: ColumnDef,
  options?: { lenient?: boolean; blankIsNull?: boolean },
): CopyFieldSql {
  return {
    pre,
    value,
    error: (p, v) => {
      const notNull = column.notNull ? ` WHEN ${v} IS NULL THEN ${LoadErrorCode.missingNotNull}` : "";
      // A blank field of a non-character type is NULL, not an error (checked only where the cast failed).
      const blank = options?.blankIsNull ? ` AND trim(${p}) <> ''` : "";
      const bad = options?.lenient ? "" : ` WHEN ${p} IS NOT NULL AND ${v} IS NULL${blank} THEN ${code}`;
      return bad === "" && notNull === "" ? "CAST(NULL AS INTEGER)" : `CASE${bad}${notNull} END`;
    },
  };
}

function textColumn(c: ColumnDef, text: string, o: BoundCopyOptions, casts?: CopyFastCasts): CopyFieldSql {
  let s = text;
  if (o.trimBlanks) s = `rtrim(${s})`;
  if (o.emptyAsNull) s = `nullif(${s}, '')`;
  if (o.blanksAsNull) s = `CASE WHEN trim(${s}) = '' THEN NULL ELSE ${s} END`;
  const n = c.type.length;
  const pad = c.type.id === "char" && n !== undefined;
  return fieldOf(
    s,
    (p) => {
      if (n === undefined) return p;
      if (o.truncateColumns) {
        const v = truncateBytes(p, n);
        return pad ? `(${v} || repeat(' ', ${n} - strlen(${v})))` : v;
      }
      // The engine's padding function does what the CASE does in one pass.
      if (pad && casts) return `${casts.padChar}(${p}, ${n})`;
      // A field of the full width (CHAR(1) flags, say) needs no padding: strlen() is cheap; a
      // shorter one takes the rest of a constant of n blanks (cheaper than repeat()).
      return pad
        ? `CASE WHEN strlen(${p}) = ${n} THEN ${p} WHEN strlen(${p}) < ${n} THEN ${p} || substr(${str(" ".repeat(n))}, strlen(${p}) + 1) END`
        : `CASE WHEN strlen(${p}) <= ${n} THEN ${p} END`;
    },
    LoadErrorCode.stringTooLong,
    c,
  );
}

/** The engine's one-pass parse of a field's common form, with the SQL conversion where it gives NULL. */
function firstTry(fast: string, sql: string): string {
  return `coalesce(${fast}, ${sql})`;
}

const INTEGER_BYTES = { smallint: 2, integer: 4, bigint: 8 } as const;

function fromText(c: ColumnDef, text: string, o: BoundCopyOptions, casts?: CopyFastCasts): CopyFieldSql {
  if (c.type.id === "char" || c.type.id === "varchar" || c.type.id === "text") return textColumn(c, text, o, casts);
  // Any other type: an empty field is NULL; the casts themselves allow surrounding blanks.
  // (trim() and ltrim(x, chars) cost more than the casts: checks use contains() and regexes.)
  const t = `nullif(${text}, '')`;
  const field = (
    pre: string,
    value: (p: string) => string,
    code: number,
    col: ColumnDef,
    opts?: { lenient?: boolean },
  ): CopyFieldSql => fieldOf(pre, value, code, col, { ...opts, blankIsNull: true });
  const cast = (p: string) => `TRY_CAST(${p} AS ${duckType(c.type)})`;
  const plainNumber = (decimals: number, f: CopyFieldSql): CopyFieldSql => ({
    ...f,
    plainNumber: { type: duckType(c.type), decimals },
  });
  switch (c.type.id) {
    case "smallint":
    case "integer":
    case "bigint": {
      const fast = casts?.integer(INTEGER_BYTES[c.type.id]);
      const digits = (p: string) => `regexp_full_match(${p}, '\\s*[+-]?[0-9]+\\s*')`;
      return plainNumber(
        0,
        field(
          t,
          // Digits only ('1.5', '1e3', '1_000', '0x1F' are invalid digits in Redshift, though TRY_CAST
          // takes them). Without the engine's parser: a field that reads back as the value's own text
          // is digits already, a test that costs less than the regex, which then runs only for the
          // others (' 5', '+5', '007'). With it, the SQL sees only those others, and a cast written
          // once: DuckDB's common-subexpression pass would compute a repeated one for every row.
          (p) =>
            fast
              ? firstTry(`${fast}(${p})`, `CASE WHEN ${digits(p)} THEN ${cast(p)} END`)
              : `CASE WHEN CAST(${cast(p)} AS VARCHAR) = ${p} OR ${digits(p)} THEN ${cast(p)} END`,
          LoadErrorCode.invalidDigit,
          c,
        ),
      );
    }
    case "decimal": {
      const scale = c.type.scale ?? DEFAULT_SCALE;
      // Extra fraction digits are cut (or rounded with ROUNDEC); exponents are invalid digits. Only
      // digits are cut ('12.345' is 12.34; '12.34x' stays an invalid digit), in one regexp_replace,
      // so no subexpression repeats (see the integers above).
      const src = (p: string) =>
        o.roundec ? p : `regexp_replace(${p}, '^(\\s*[+-]?[0-9]*\\.[0-9]{${scale}})[0-9]+(\\s*)$', '\\1\\2')`;
      // TRY_CAST also takes exponents and '_' digit separators ('1e3', '1_0.5'): invalid digits here.
      const plain = (p: string) =>
        `CASE WHEN NOT contains(${p}, 'e') AND NOT contains(${p}, 'E') AND NOT contains(${p}, '_') THEN ${cast(src(p))} END`;
      // Without the engine's parser: a field that is the start of the value's own text ('12.50' or
      // '12' for 12.50) needs neither those tests nor cutting (plain digits, at most `scale`
      // decimals). The parser takes those itself; it cuts extra decimals, so ROUNDEC runs the SQL alone.
      const fast = o.roundec ? undefined : casts?.decimal(c.type.precision ?? DEFAULT_PRECISION, scale);
      // (A plain number with at most `scale` decimals is neither cut nor rounded.)
      return plainNumber(
        scale,
        field(
          t,
          (p) =>
            fast
              ? firstTry(`${fast}(${p})`, plain(p))
              : `CASE WHEN starts_with(CAST(${cast(p)} AS VARCHAR), ${p}) THEN ${cast(p)} ELSE ${plain(p)} END`,
          LoadErrorCode.invalidDigit,
          c,
        ),
      );
    }
    case "real":
    case "double precision":
      return field(t, cast, LoadErrorCode.invalidFloat, c);
    case "boolean":
      return field(
        t,
        (p) =>
          `CASE WHEN lower(${p}) IN ('t', 'true', '1', 'y', 'yes', 'on') THEN true WHEN lower(${p}) IN ('f', 'false', '0', 'n', 'no', 'off') THEN false END`,
        LoadErrorCode.invalidBoolean,
        c,
      );
    // A date or timestamp out of Redshift's range converts to NULL, so it is a load error like
    // one that does not parse. With ACCEPTANYDATE it is NULL without an error, as a date that does
    // not match DATEFORMAT is (Redshift's docs: "any date format, including invalid formats ...
    // without generating an error"; they say nothing of the range, and a NULL is what a user who
    // asked for any date to load expects, not a failed load nor a value Redshift cannot hold).
    case "date": {
      const f = field(t, (p) => rangedDate(dateSql(p, o.dateFormat)), LoadErrorCode.invalidDate, c, {
        lenient: o.acceptAnyDate,
      });
      // With the default format the conversion is DuckDB's own cast, which its CSV reader applies
      // too; the range is then tested on the DATE it reads.
      return o.dateFormat === ISO_DATE && !o.acceptAnyDate ? { ...f, typed: "DATE", outOfRange: dateOutOfRange } : f;
    }
    case "timestamp":
      return field(
        t,
        (p) => rangedTimestamp(timestampSql(p, o.timeFormat, o.dateFormat)),
        LoadErrorCode.invalidTimestamp,
        c,
        { lenient: o.acceptAnyDate },
      );
    case "timestamptz":
      return field(
        t,
        (p) =>
          rangedTimestamp(
            `coalesce(TRY_CAST(${p} AS TIMESTAMPTZ), TRY_CAST(${timestampSql(p, o.timeFormat, o.dateFormat)} AS TIMESTAMPTZ))`,
          ),
        LoadErrorCode.invalidTimestamp,
        c,
        { lenient: o.acceptAnyDate },
      );
    case "super":
      return field(
        t,
        (p) => `CASE WHEN regexp_matches(${p}, '^\\s*[\\[{"]') THEN TRY_CAST(${p} AS JSON) ELSE to_json(${p}) END`,
        LoadErrorCode.invalidValue,
        c,
      );
    case "varbyte":
      return field(t, (p) => `try(from_hex(${p}))`, LoadErrorCode.invalidValue, c);
    default:
      return field(t, cast, LoadErrorCode.invalidValue, c);
  }
}

function fromTyped(c: ColumnDef, value: string, o: BoundCopyOptions, casts?: CopyFastCasts): CopyFieldSql {
  if (c.type.id === "char" || c.type.id === "varchar") return textColumn(c, `CAST(${value} AS VARCHAR)`, o, casts);
  if (c.type.id === "super") return fieldOf(value, (p) => `to_json(${p})`, LoadErrorCode.invalidValue, c);
  const cast = (p: string) => `TRY_CAST(${p} AS ${duckType(c.type)})`;
  // A date or timestamp out of Redshift's range (MIN_DATE) is a load error, as from text.
  const ranged =
    c.type.id === "date"
      ? (p: string) => rangedDate(cast(p))
      : c.type.id === "timestamp" || c.type.id === "timestamptz"
        ? (p: string) => rangedTimestamp(cast(p))
        : cast;
  return fieldOf(value, ranged, typedErrorCode(c), c);
}

/** The load error of a typed value (Parquet, Avro) that does not convert: the one text gives for that type. */
function typedErrorCode(c: ColumnDef): number {
  switch (c.type.id) {
    case "smallint":
    case "integer":
    case "bigint":
    case "decimal":
      return LoadErrorCode.invalidDigit;
    case "real":
    case "double precision":
      return LoadErrorCode.invalidFloat;
    case "boolean":
      return LoadErrorCode.invalidBoolean;
    case "date":
      return LoadErrorCode.invalidDate;
    case "timestamp":
    case "timestamptz":
      return LoadErrorCode.invalidTimestamp;
    default:
      return LoadErrorCode.invalidValue;
  }
}

/** CopyConverter.rangeError: DATE and the TIMESTAMP types (DuckDB's names, as DESCRIBE gives them). */
function rangeError(type: string, value: string): string | undefined {
  const t = type.toUpperCase();
  if (t === "DATE") return `CASE WHEN ${dateOutOfRange(value)} THEN ${LoadErrorCode.invalidDate} END`;
  if (t.startsWith("TIMESTAMP")) {
    return `CASE WHEN ${value} IS NOT NULL AND ${rangedTimestamp(value)} IS NULL THEN ${LoadErrorCode.invalidTimestamp} END`;
  }
  return undefined;
}

/**
 * The converter src/lake calls while loading; with `casts` (the engine's one-pass parsers) it tries
 * those first for integers, DECIMALs and CHAR padding.
 */
export function copyConverterWith(casts?: CopyFastCasts): CopyConverter {
  return {
    fromText: (c, text, o) => fromText(c, text, o, casts),
    fromTyped: (c, value, o) => fromTyped(c, value, o, casts),
    duckType: (c) => duckType(c.type),
    rangeError,
    querySql: (q: BoundQuery) => querySql(q),
  };
}

/** The converter with the SQL conversions alone. */
export const copyConverter: CopyConverter = copyConverterWith();
