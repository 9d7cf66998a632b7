// src/sql/parser/unload.ts
//! UNLOAD ('query') TO 's3://prefix' parameters...: the quoted query is parsed as a statement of its
//! own; option values use COPY's helpers (copy.ts).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html

import type { Unload, UnloadFormat, UnloadOptions } from "../ast/copy.js";
import type { Query } from "../ast/query.js";
import { tokenize } from "../lexer/lexer.js";
import { charValue, decodeNull, fixedWidthSpec, intValue, parseParameters, stringValue, switchValue } from "./copy.js";
import { Cursor } from "./cursor.js";
import { parseQuery } from "./query.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The query inside UNLOAD ('...'): parsed as a statement of its own. */
function parseQueryText(p: Cursor): { query: Query; text: string } {
  const t = p.tok;
  if (t.kind !== "string") throw p.error();
  p.next();
  const inner = new Cursor(t.value, tokenize(t.value));
  const query = parseQuery(inner);
  while (inner.acceptOp(";")) {
    // a trailing ';' inside the quotes is allowed
  }
  if (!inner.atEnd) throw inner.error();
  return { query, text: t.value };
}

function sizeValue(p: Cursor): number {
  const n = intValue(p);
  if (p.acceptWord("gb")) return n * 1024 * 1024 * 1024;
  p.acceptWord("mb");
  return n * 1024 * 1024;
}

/** UNLOAD ('query') TO 's3://prefix' parameters... */
export function parseUnload(p: Cursor): Unload {
  const start = p.expectWord("unload");
  p.expectOp("(");
  const { query, text } = parseQueryText(p);
  p.expectOp(")");
  p.expectWord("to");
  if (p.tok.kind !== "string") throw p.error();
  const to = p.next().value;
  const o: Mutable<UnloadOptions> = { format: "text" };
  const authorization = parseParameters(p, (word, t) => {
    switch (word) {
      case "format": {
        p.acceptWord("as");
        const f = p.tok;
        if (f.kind !== "word" || !["csv", "parquet", "json"].includes(f.value)) throw p.error();
        o.format = p.next().value as UnloadFormat;
        return true;
      }
      case "csv":
      case "parquet":
      case "json":
        o.format = word;
        return true;
      case "header":
        o.header = true;
        return true;
      case "delimiter":
        o.delimiter = charValue(p, "DELIMITER");
        return true;
      case "fixedwidth":
        o.fixedWidth = fixedWidthSpec(p);
        return true;
      case "addquotes":
        o.addQuotes = true;
        return true;
      case "escape":
        o.escape = true;
        return true;
      case "null":
        o.nullAs = decodeNull(stringValue(p));
        return true;
      case "partition": {
        p.expectWord("by");
        const columns = p.identList();
        o.partitionBy = { columns, include: p.acceptWord("include") };
        return true;
      }
      case "parallel":
        o.parallel = ["on", "true"].includes(switchValue(p, ["on", "off", "true", "false"]));
        return true;
      case "maxfilesize":
        o.maxFileSize = sizeValue(p);
        return true;
      case "rowgroupsize":
        o.rowGroupSize = sizeValue(p);
        return true;
      case "manifest":
        o.manifest = { verbose: p.acceptWord("verbose") };
        return true;
      case "allowoverwrite":
        o.allowOverwrite = true;
        return true;
      case "cleanpath":
        o.cleanPath = true;
        return true;
      case "gzip":
      case "bzip2":
      case "zstd":
        o.compression = word;
        return true;
      case "extension":
        o.extension = stringValue(p);
        return true;
      case "region":
        o.region = stringValue(p);
        return true;
      case "encrypted":
      case "kms_key_id":
      case "master_symmetric_key":
        throw p.unsupported(`UNLOAD ${word.toUpperCase()}`, t);
      default:
        return false;
    }
  });
  return {
    kind: "Unload",
    pos: start.start,
    query,
    queryText: text,
    to,
    ...(authorization ? { authorization } : {}),
    options: o,
  };
}
