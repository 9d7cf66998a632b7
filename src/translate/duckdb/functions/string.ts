// src/translate/duckdb/functions/string.ts
//! String functions. Lengths count characters (LEN ignores a CHAR's trailing blanks); positions are
//! 1-based; SUBSTRING keeps Postgres's meaning for starts below 1.

import { UnsupportedError } from "../../../common/errors.js";
import { isString } from "../../../plan/bind/typing.js";
import { T } from "../../../sql/types.js";
import { asBytes as bytesSql } from "../expr.js";
import type { Emission, EmitContext } from "./entry.js";
import { arg, custom, rename } from "./entry.js";

const int = (e: string) => `CAST(${e} AS INTEGER)`;

function asText(c: EmitContext, i: number): string {
  const t = c.call.args[i]?.type;
  const a = arg(c, i);
  return t !== undefined && isString(t) ? a : `CAST(${a} AS VARCHAR)`;
}

const isBytes = (c: EmitContext, i: number) => c.call.args[i]?.type.id === "varbyte";

/** A VARBYTE argument; a string one is its UTF-8 bytes. */
function asBytes(c: EmitContext, i: number): string {
  return bytesSql(c.call.args[i]?.type ?? T.unknown, arg(c, i));
}

/** The constant format argument of TO_VARBYTE / FROM_VARBYTE, checked. */
function byteFormat(c: EmitContext, fn: string): "hex" | "binary" | "utf8" | "base64" {
  const f = c.call.args[1];
  const v = f?.kind === "literal" && typeof f.value === "string" ? f.value.toLowerCase() : undefined;
  if (v === "hex" || v === "binary" || v === "base64") return v;
  if (v === "utf8" || v === "utf-8" || v === "utf_8") return "utf8";
  throw new UnsupportedError(`${fn} format other than a constant 'hex', 'binary', 'utf8' or 'base64'`);
}

/** Hex digits to bytes; an odd count gets a leading 0, as Redshift does. */
const unhexPadded = (x: string) => `unhex(CASE WHEN length(${x}) % 2 = 1 THEN '0' || ${x} ELSE ${x} END)`;

/** Bytes as a string of 0s and 1s, eight a byte. */
const bits = (b: string) =>
  `array_to_string(list_transform(string_split(hex(${b}), ''), lambda h: lpad(bin(CAST('0x' || h AS INTEGER)), 4, '0')), '')`;

/** Postgres SUBSTRING(x, s, n): characters s .. s+n-1 that exist; DuckDB counts negative starts from the end. */
function substring(c: EmitContext): string {
  if (isBytes(c, 0)) {
    // Bytes s .. s+n-1, through their hex digits (DuckDB has no SUBSTRING of a BLOB).
    const start = `greatest(${arg(c, 1)}, 1)`;
    const count =
      c.args.length === 2 ? `octet_length(${arg(c, 0)})` : `greatest(${arg(c, 1)} + ${arg(c, 2)} - ${start}, 0)`;
    return `unhex(substring(hex(${arg(c, 0)}), 2 * ${start} - 1, 2 * ${count}))`;
  }
  const x = arg(c, 0);
  const s = arg(c, 1);
  const start = c.call.args[1];
  const positive = start?.kind === "literal" && typeof start.value === "string" && /^[1-9]\d*$/.test(start.value);
  if (c.args.length === 2) return positive ? `substring(${x}, ${s})` : `substring(${x}, greatest(${s}, 1))`;
  const n = arg(c, 2);
  if (positive) return `substring(${x}, ${s}, ${n})`;
  return `substring(${x}, greatest(${s}, 1), greatest(${s} + ${n} - greatest(${s}, 1), 0))`;
}

export const STRING_EMISSIONS: readonly Emission[] = [
  rename("upper", "upper", "r_UPPER.html"),
  rename("lower", "lower", "r_LOWER.html"),
  /** Upper-cases the first letter of each run of letters and digits, lower-cases the rest. */
  custom("initcap", "r_INITCAP.html", (c) => {
    const x = asText(c, 0);
    const at = (i: string) => `substr(${x}, ${i}, 1)`;
    return (
      `array_to_string(list_transform(generate_series(1, length(${x})), lambda i: CASE WHEN i = 1 OR NOT regexp_matches(${at("i - 1")}, '[\\pL\\pN]')` +
      ` THEN upper(${at("i")}) ELSE lower(${at("i")}) END), '')`
    );
  }),
  custom("substring", "r_SUBSTRING.html", substring),
  custom("btrim", "r_BTRIM.html", (c) => `trim(${c.args.join(", ")})`),
  custom("trim", "r_TRIM.html", (c) => `trim(${c.args.join(", ")})`),
  rename("ltrim", "ltrim", "r_LTRIM.html"),
  rename("rtrim", "rtrim", "r_RTRIM.html"),
  custom("charindex", "r_CHARINDEX.html", (c) => int(`strpos(${arg(c, 1)}, ${arg(c, 0)})`)),
  custom("strpos", "r_STRPOS.html", (c) => int(`strpos(${arg(c, 0)}, ${arg(c, 1)})`)),
  custom("position", "r_POSITION.html", (c) => int(`strpos(${arg(c, 1)}, ${arg(c, 0)})`)),
  rename("split_part", "split_part", "SPLIT_PART.html"),
  rename("left", "left", "r_LEFT.html"),
  rename("right", "right", "r_LEFT.html"),
  rename("replace", "replace", "r_REPLACE.html"),
  rename("translate", "translate", "r_TRANSLATE.html"),
  custom("concat", "r_CONCAT.html", (c) =>
    c.call.type.id === "varbyte" ? `(${asBytes(c, 0)} || ${asBytes(c, 1)})` : `(${asText(c, 0)} || ${asText(c, 1)})`,
  ),
  custom("lpad", "r_LPAD.html", (c) => `lpad(${asText(c, 0)}, ${int(arg(c, 1))}, ${c.args[2] ?? "' '"})`),
  custom("rpad", "r_LPAD.html", (c) => `rpad(${asText(c, 0)}, ${int(arg(c, 1))}, ${c.args[2] ?? "' '"})`),
  custom("len", "r_LEN.html", (c) =>
    c.call.args[0]?.type.id === "char"
      ? int(`length(rtrim(${arg(c, 0)}))`)
      : isBytes(c, 0)
        ? int(`octet_length(${arg(c, 0)})`)
        : int(`length(${asText(c, 0)})`),
  ),
  custom("octet_length", "r_OCTET_LENGTH.html", (c) =>
    c.call.args[0]?.type.id === "varbyte" ? int(`octet_length(${arg(c, 0)})`) : int(`strlen(${asText(c, 0)})`),
  ),
  rename("reverse", "reverse", "r_REVERSE.html"),
  custom("repeat", "r_REPEAT.html", (c) => `repeat(${asText(c, 0)}, ${int(arg(c, 1))})`),
  custom("regexp_replace", "REGEXP_REPLACE.html", (c) => {
    if (c.args.length > 3) throw new UnsupportedError("REGEXP_REPLACE with a position");
    return `regexp_replace(${arg(c, 0)}, ${arg(c, 1)}, ${c.args[2] ?? "''"}, 'g')`;
  }),
  custom("regexp_substr", "REGEXP_SUBSTR.html", (c) => {
    if (c.args.length > 2) throw new UnsupportedError("REGEXP_SUBSTR with a position");
    return `regexp_extract(${arg(c, 0)}, ${arg(c, 1)})`;
  }),
  custom("regexp_count", "REGEXP_COUNT.html", (c) => int(`length(regexp_extract_all(${arg(c, 0)}, ${arg(c, 1)}))`)),
  rename("md5", "md5", "r_MD5.html"),
  custom("chr", "r_CHR.html", (c) => `chr(${int(arg(c, 0))})`),
  custom("ascii", "r_ASCII.html", (c) => int(`ascii(${arg(c, 0)})`)),
  custom("quote_literal", "r_QUOTE_LITERAL.html", (c) => `('''' || replace(${asText(c, 0)}, '''', '''''') || '''')`),
  rename("starts_with", "starts_with", "r_STARTS_WITH.html"),
  /** SUPER navigation (c.a[0].b), bound by the binder. */
  custom("super_path", "query-super.html", (c) => `json_extract(${arg(c, 0)}, ${arg(c, 1)})`),
  custom("to_hex", "r_TO_HEX.html", (c) => `lower(to_hex(${arg(c, 0)}))`),
  custom("from_hex", "r_FROM_HEX.html", (c) => unhexPadded(asText(c, 0))),
  custom("to_varbyte", "r_TO_VARBYTE.html", (c) => {
    const x = asText(c, 0);
    switch (byteFormat(c, "TO_VARBYTE")) {
      case "hex":
        return unhexPadded(x);
      case "binary":
        // Bits to bytes, left-padded with 0s to whole bytes.
        return `unbin(lpad(${x}, CAST(ceil(length(${x}) / 8) * 8 AS INTEGER), '0'))`;
      case "utf8":
        return `encode(${x})`;
      case "base64":
        return `from_base64(${x})`;
    }
  }),
  custom("from_varbyte", "r_FROM_VARBYTE.html", (c) => {
    const b = asBytes(c, 0);
    switch (byteFormat(c, "FROM_VARBYTE")) {
      case "hex":
        return `lower(hex(${b}))`;
      case "binary":
        return bits(b);
      case "utf8":
        return `decode(${b})`;
      case "base64":
        return `to_base64(${b})`;
    }
  }),
  /** GETBIT(b, i): bit i counting from the last byte's least significant bit. */
  custom("getbit", "r_GETBIT.html", (c) => {
    const b = asBytes(c, 0);
    const i = arg(c, 1);
    const nibble = `CAST('0x' || substring(hex(${b}), 2 * octet_length(${b}) - (${i} // 4), 1) AS INTEGER)`;
    return (
      `CASE WHEN ${i} < 0 OR ${i} >= 8 * octet_length(${b}) THEN error('GETBIT index ' || ${i} || ' is out of range') ` +
      `ELSE CAST((${nibble} >> CAST(${i} % 4 AS INTEGER)) & 1 AS INTEGER) END`
    );
  }),
];
