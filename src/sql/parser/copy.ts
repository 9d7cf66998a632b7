// src/sql/parser/copy.ts
//! COPY (UNLOAD is in unload.ts and shares the value helpers here). Parameters come in any order after FROM / TO, each a keyword with an optional
//! AS and a value; values are decoded here ('\t' is a tab, '\036' an octal code) and checked.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html

import type { Copy, CopyAuthorization, CopyCompression, CopyFormat, CopyOptions } from "../ast/copy.js";
import type { Cursor } from "./cursor.js";
import { parseObjectName } from "./names.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Decodes the backslash escapes COPY accepts in option values: \t \n \r \\ \' \0NN (octal) \xHH. */
export function decodeCopyEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    switch (e) {
      case "t":
        return "\t";
      case "n":
        return "\n";
      case "r":
        return "\r";
      default:
        return e;
    }
  });
}

export function stringValue(p: Cursor): string {
  p.acceptWord("as");
  if (p.tok.kind !== "string") throw p.error();
  return p.next().value;
}

export function charValue(p: Cursor, what: string): string {
  const t = p.tok;
  const v = decodeCopyEscapes(stringValue(p));
  if ([...v].length !== 1) throw p.unsupported(`${what} of ${JSON.stringify(v)} (it must be a single character)`, t);
  return v;
}

export function intValue(p: Cursor): number {
  p.acceptWord("as");
  const t = p.tok;
  if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw p.error();
  p.next();
  return Number(t.value);
}

/** ON | OFF | TRUE | FALSE | PRESET after COMPUPDATE / STATUPDATE / PARALLEL (none given means ON). */
export function switchValue(p: Cursor, allowed: readonly string[]): string {
  const t = p.tok;
  if (t.kind === "word" && allowed.includes(t.value)) return p.next().value;
  return "on";
}

export function fixedWidthSpec(p: Cursor): { label: string; width: number }[] {
  const t = p.tok;
  const spec = stringValue(p);
  const out = spec.split(",").map((part) => {
    const m = /^\s*([^:]+?)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m) throw p.unsupported(`FIXEDWIDTH specification '${spec}'`, t);
    return { label: m[1] ?? "", width: Number(m[2]) };
  });
  return out;
}

export function parseAuthorization(p: Cursor, word: string, current: CopyAuthorization | undefined): CopyAuthorization {
  if (current && !(current.kind === "keys" && (word === "secret_access_key" || word === "session_token"))) {
    if (word !== "access_key_id" || current.kind !== "keys") throw p.error(p.peek(-1));
  }
  switch (word) {
    case "iam_role": {
      if (p.acceptWord("default")) return { kind: "iam-role", role: "default" };
      return { kind: "iam-role", role: stringValue(p) };
    }
    case "credentials":
      return { kind: "credentials", text: stringValue(p) };
    default: {
      const keys = current?.kind === "keys" ? current : { kind: "keys" as const, accessKeyId: "", secretAccessKey: "" };
      const v = stringValue(p);
      if (word === "access_key_id") return { ...keys, accessKeyId: v };
      if (word === "secret_access_key") return { ...keys, secretAccessKey: v };
      return { ...keys, sessionToken: v };
    }
  }
}

export const AUTH_WORDS: ReadonlySet<string> = new Set([
  "iam_role",
  "credentials",
  "access_key_id",
  "secret_access_key",
  "session_token",
]);
/**
 * The parameter list COPY and UNLOAD share: an optional WITH, then parameters in any order with
 * optional commas between; the authorization words (IAM_ROLE, CREDENTIALS, keys) are read here and
 * every other word goes to `option`, which reads its value and returns false for a word it does
 * not know (a syntax error at that word).
 */
export function parseParameters(
  p: Cursor,
  option: (word: string, at: Cursor["tok"]) => boolean,
): CopyAuthorization | undefined {
  let authorization: CopyAuthorization | undefined;
  p.acceptWord("with");
  while (!p.atEnd) {
    if (p.acceptOp(",")) continue;
    const t = p.tok;
    if (t.kind !== "word") throw p.error();
    const word = p.next().value;
    if (word === "with" && p.isWord("credentials")) continue;
    if (AUTH_WORDS.has(word)) {
      authorization = parseAuthorization(p, word, authorization);
      continue;
    }
    if (!option(word, t)) throw p.error(t);
  }
  return authorization;
}

const COPY_FLAGS: Readonly<Record<string, keyof CopyOptions>> = {
  manifest: "manifest",
  ignoreblanklines: "ignoreBlankLines",
  emptyasnull: "emptyAsNull",
  blanksasnull: "blanksAsNull",
  truncatecolumns: "truncateColumns",
  trimblanks: "trimBlanks",
  removequotes: "removeQuotes",
  escape: "escape",
  explicit_ids: "explicitIds",
  fillrecord: "fillRecord",
  acceptanydate: "acceptAnyDate",
  roundec: "roundec",
  noload: "noLoad",
};
const COMPRESSIONS: ReadonlySet<string> = new Set(["gzip", "bzip2", "zstd", "lzop"]);

function parseCopyFormat(p: Cursor, word: string, format: CopyFormat): CopyFormat {
  switch (word) {
    case "csv": {
      const delimiter = format.kind === "delimited" || format.kind === "csv" ? format.delimiter : undefined;
      let quote: string | undefined;
      if (p.acceptWord("quote")) quote = charValue(p, "QUOTE");
      return {
        kind: "csv",
        ...(delimiter !== undefined ? { delimiter } : {}),
        ...(quote !== undefined ? { quote } : {}),
      };
    }
    case "json":
    case "avro": {
      let paths = "auto";
      if (p.tok.kind === "string" || (p.isWord("as") && p.peek(1).kind === "string")) paths = stringValue(p);
      const low = paths.toLowerCase();
      if (low === "auto" || low === "auto ignorecase" || low === "noshred") paths = low;
      return word === "json" ? { kind: "json", paths } : { kind: "avro", paths };
    }
    case "parquet":
      return { kind: "parquet" };
    case "orc":
      return { kind: "orc" };
    case "fixedwidth":
      return { kind: "fixedwidth", spec: fixedWidthSpec(p) };
    default:
      throw p.error(p.peek(-1));
  }
}

const FORMAT_WORDS: ReadonlySet<string> = new Set(["csv", "json", "avro", "parquet", "orc", "fixedwidth"]);

/** COPY table [(cols)] FROM 'source' parameters... */
export function parseCopy(p: Cursor): Copy {
  const start = p.expectWord("copy");
  const table = parseObjectName(p);
  const columns = p.isOp("(") ? p.identList() : undefined;
  p.expectWord("from");
  if (p.tok.kind !== "string") throw p.unsupported("COPY FROM a source other than an 's3://' location");
  const from = p.next().value;
  let format: CopyFormat = { kind: "delimited" };
  let compression: CopyCompression | undefined;
  const o: Mutable<CopyOptions> = {};
  const authorization = parseParameters(p, (word, t) => {
    const flag = COPY_FLAGS[word];
    if (flag) {
      (o as Record<string, unknown>)[flag as string] = true;
      return true;
    }
    if (COMPRESSIONS.has(word)) {
      compression = word as CopyCompression;
      return true;
    }
    if (word === "format") {
      p.acceptWord("as");
      const f = p.tok;
      if (f.kind !== "word" || !FORMAT_WORDS.has(f.value)) throw p.error();
      format = parseCopyFormat(p, p.next().value, format);
      return true;
    }
    if (FORMAT_WORDS.has(word)) {
      format = parseCopyFormat(p, word, format);
      return true;
    }
    switch (word) {
      case "delimiter": {
        const delimiter = charValue(p, "DELIMITER");
        if (format.kind === "csv") format = { ...format, delimiter };
        else format = { kind: "delimited", delimiter };
        return true;
      }
      case "quote": {
        const quote = charValue(p, "QUOTE");
        if (format.kind !== "csv") throw p.unsupported("QUOTE without CSV", t);
        format = { ...format, quote };
        return true;
      }
      case "ignoreheader":
        o.ignoreHeader = intValue(p);
        return true;
      case "dateformat":
        o.dateFormat = stringValue(p);
        return true;
      case "timeformat":
        o.timeFormat = stringValue(p);
        return true;
      case "null":
        o.nullAs = decodeNull(stringValue(p));
        return true;
      case "acceptinvchars":
        o.acceptInvChars =
          p.tok.kind === "string" || (p.isWord("as") && p.peek(1).kind === "string")
            ? charValue(p, "ACCEPTINVCHARS")
            : "?";
        return true;
      case "maxerror":
        o.maxError = intValue(p);
        return true;
      case "region":
        o.region = stringValue(p);
        return true;
      case "compupdate":
        o.compUpdate = switchValue(p, ["on", "off", "true", "false", "preset"]);
        return true;
      case "statupdate":
        o.statUpdate = switchValue(p, ["on", "off", "true", "false"]);
        return true;
      case "encoding": {
        p.acceptWord("as");
        const e = p.tok;
        if (e.kind !== "word") throw p.error();
        o.encoding = p.next().value;
        return true;
      }
      case "encrypted":
      case "master_symmetric_key":
      case "ssh":
      case "shapefile":
      case "readratio":
      case "comprows":
      case "ignoreallerrors":
        throw p.unsupported(`COPY ${word.toUpperCase()}`, t);
      default:
        return false;
    }
  });
  return {
    kind: "Copy",
    pos: start.start,
    table,
    ...(columns ? { columns } : {}),
    from,
    ...(authorization ? { authorization } : {}),
    format,
    ...(compression ? { compression } : {}),
    options: o,
  };
}

/** NULL AS '\0' is the NUL character; every other string is taken as written ('\N' stays two characters). */
export function decodeNull(s: string): string {
  return s === "\\0" || s === "\\000" ? "\0" : s;
}
