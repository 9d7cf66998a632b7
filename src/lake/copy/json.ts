// src/lake/copy/json.ts
//! JSON records for COPY: read_json_objects reads each object, and each field is picked by key
//! ('auto', 'auto ignorecase') or by a jsonpaths expression, as text. DuckDB's JSON parser reads a
//! number with a fraction or an exponent as a double, which would lose digits a DECIMAL(38,s)
//! column keeps; so for numeric columns the fields are picked from a copy of the object in which
//! every number outside a string is quoted (its text as written), and the translator's
//! conversion reads the digits exactly. Other columns read the object as it is.
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html

import type { BoundCopy } from "../../plan/bound/copy.js";
import { str } from "./sql.js";
import { compression, type LocalSource, type StageNames } from "./stage.js";

/** JSONPath from a jsonpaths file ($['a']['b'], $.a.b, $.a[0]) in DuckDB's form. */
export function duckJsonPath(path: string): string {
  return path
    .replace(/\[\s*'((?:[^'\\]|\\.)*)'\s*\]/g, (_m, k: string) => `."${k.replaceAll('"', '\\"')}"`)
    .replace(/\[\s*"((?:[^"\\]|\\.)*)"\s*\]/g, '."$1"');
}

/** Column types whose values must keep every digit of a JSON number. */
const EXACT_NUMBERS = new Set(["smallint", "integer", "bigint", "decimal"]);

/**
 * The object's text with each number quoted: the text splits into string tokens and the runs
 * between them, and only in those runs (where a digit can only belong to a number) are numbers
 * wrapped in quotes.
 */
export function quotedNumbersSql(json: string): string {
  const tokens = `regexp_extract_all(CAST(${json} AS VARCHAR), '"(?:[^"\\\\]|\\\\.)*"|[^"]+')`;
  const quote = `regexp_replace(t, '(-?[0-9][0-9.eE+-]*)', '"\\1"', 'g')`;
  return `array_to_string(list_transform(${tokens}, t -> CASE WHEN starts_with(t, '"') THEN t ELSE ${quote} END), '')`;
}

/** JSON records: the stage from read_json_objects, each field picked by key or path. */
export function readJsonSql(
  b: BoundCopy,
  files: readonly LocalSource[],
  names: StageNames,
  paths: readonly string[] | undefined,
): string {
  if (b.format.kind !== "json") throw new Error("readJsonSql: not JSON");
  const ignoreCase = b.format.paths === "auto ignorecase";
  const fields = b.columns.map((c, i) => {
    const doc = EXACT_NUMBERS.has(c.type.id) ? "q" : "j";
    if (paths) return `json_extract_string(${doc}, ${str(duckJsonPath(paths[i] ?? "$"))}) AS f${i + 1}`;
    if (!ignoreCase) return `json_extract_string(${doc}, ${str(`$."${c.name.replaceAll('"', '\\"')}"`)}) AS f${i + 1}`;
    const key = `list_filter(json_keys(j), k -> lower(k) = ${str(c.name.toLowerCase())})[1]`;
    return `json_extract_string(${doc}, '$."' || replace(${key}, '"', '\\"') || '"') AS f${i + 1}`;
  });
  const quoted = b.columns.some((c) => EXACT_NUMBERS.has(c.type.id));
  const parts = files.map(
    (f) =>
      `SELECT ${str(f.url)} AS file, CAST(ordinality AS BIGINT) AS line, json AS j FROM read_json_objects(${str(f.path)}, format='auto', compression=${str(compression(b) === "none" ? "uncompressed" : compression(b))}) WITH ORDINALITY`,
  );
  const source = quoted
    ? `(SELECT file, line, j, CAST(${quotedNumbersSql("j")} AS JSON) AS q FROM (${parts.join(" UNION ALL ")}))`
    : `(${parts.join(" UNION ALL ")})`;
  return `CREATE TEMP TABLE ${names.stage} AS SELECT file, line, CAST(j AS VARCHAR) AS raw, CASE WHEN json_type(j) <> 'OBJECT' AND ${paths ? "false" : "true"} THEN 1216 END AS serr, ${fields.join(", ")} FROM ${source}`;
}
