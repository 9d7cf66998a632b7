// src/lake/unload/files.ts
//! UNLOAD's output: the DuckDB COPY TO options per format, Redshift's file names
//! (<prefix>0000_part_00.parquet with PARALLEL ON, <prefix>000 with PARALLEL OFF), the rows of
//! delimited text built in SQL (ESCAPE, ADDQUOTES, NULL AS), and the manifest.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html

import type { BoundUnload } from "../../plan/bound/copy.js";
import type { OutputColumn } from "../../plan/bound/query.js";
import { LakeError } from "../errors.js";
import { ident, str } from "../copy/sql.js";

/** A column for the text writer: never used as a delimiter by real data. */
const TEXT_DELIM = "\u001f\u001e\u001d\u001c";

export function defaultExtension(u: BoundUnload): string {
  const o = u.options;
  if (o.extension !== undefined) return o.extension.startsWith(".") ? o.extension : `.${o.extension}`;
  const base = o.format === "parquet" ? ".parquet" : o.format === "json" ? ".json" : o.format === "csv" ? ".csv" : "";
  if (o.format === "parquet") return base;
  return base + (o.compression === "gzip" ? ".gz" : o.compression === "zstd" ? ".zst" : "");
}

/** The name of the n-th file (0-based) of one slice, as Redshift names it. */
export function fileName(u: BoundUnload, n: number): string {
  const ext = defaultExtension(u);
  if (u.options.parallel === false) return `${String(n).padStart(3, "0")}${ext}`;
  return `0000_part_${String(n).padStart(2, "0")}${ext}`;
}

function compressionOption(u: BoundUnload): string {
  const c = u.options.compression;
  if (c === "bzip2") throw new LakeError("UNLOAD BZIP2 is not supported");
  if (u.options.format === "parquet") return `, COMPRESSION ${c ?? "snappy"}`;
  return c ? `, COMPRESSION ${c}` : "";
}

/** One text field: ESCAPE protects backslash, the delimiter, newlines and quotes; ADDQUOTES wraps it. */
function textField(x: string, u: BoundUnload, delim: string): string {
  const o = u.options;
  let v = `CAST(${x} AS VARCHAR)`;
  if (o.escape) {
    const special = ["\\", delim, "\n", "\r", ...(o.addQuotes ? ['"'] : [])];
    for (const ch of special) v = `replace(${v}, ${str(ch)}, ${str(`\\${ch}`)})`;
  }
  if (o.addQuotes) v = `'"' || ${v} || '"'`;
  return `coalesce(${v}, ${str(o.nullAs ?? "")})`;
}

/**
 * The query DuckDB writes: the bound query's columns under their client names (text: one column
 * holding the built line, named after the header line so HEADER writes it).
 */
export function outputSelect(u: BoundUnload, querySql: string): { sql: string; options: string } {
  const o = u.options;
  const cols = u.columns;
  const named = cols.map((c: OutputColumn) => `${ident(c.engineAlias)} AS ${ident(c.name)}`).join(", ");
  const partition =
    u.partitionColumns.length > 0
      ? `, PARTITION_BY (${u.partitionColumns.map((i) => ident(cols[i]?.name ?? "")).join(", ")})${o.partitionBy?.include ? ", WRITE_PARTITION_COLUMNS true" : ""}`
      : "";
  switch (o.format) {
    case "parquet": {
      const rg = o.rowGroupSize ? `, ROW_GROUP_SIZE_BYTES ${o.rowGroupSize}` : "";
      return {
        sql: `SELECT ${named} FROM (${querySql}) AS q`,
        options: `FORMAT parquet${compressionOption(u)}${rg}${partition}`,
      };
    }
    case "json": {
      // DECIMALs keep every digit: written as JSON numbers from their text, not through a double.
      const exact = cols
        .map((c: OutputColumn) =>
          c.type.id === "decimal"
            ? `CAST(CAST(${ident(c.engineAlias)} AS VARCHAR) AS JSON) AS ${ident(c.name)}`
            : `${ident(c.engineAlias)} AS ${ident(c.name)}`,
        )
        .join(", ");
      return {
        sql: `SELECT ${exact} FROM (${querySql}) AS q`,
        options: `FORMAT json${compressionOption(u)}${partition}`,
      };
    }
    case "csv": {
      const delim = o.delimiter ?? ",";
      const nul = o.nullAs ?? "";
      return {
        sql: `SELECT ${named} FROM (${querySql}) AS q`,
        options: `FORMAT csv, DELIMITER ${str(delim)}, QUOTE '"', ESCAPE '"', HEADER ${o.header === true}, NULL ${str(nul)}${compressionOption(u)}${partition}`,
      };
    }
    default: {
      const delim = o.delimiter ?? "|";
      const written = cols.filter((_c, i) => o.partitionBy?.include || !u.partitionColumns.includes(i));
      // FIXEDWIDTH: each field padded or cut to its width (NULL as blanks), no delimiter.
      const widths = o.fixedWidth;
      const line = widths
        ? written
            .map((c, i) => {
              const w = widths[i]?.width ?? 0;
              const v = `coalesce(CAST(${ident(c.engineAlias)} AS VARCHAR), ${str(o.nullAs ?? "")})`;
              return `rpad(left(${v}, ${w}), ${w}, ' ')`;
            })
            .join(" || ")
        : written.map((c) => textField(ident(c.engineAlias), u, delim)).join(` || ${str(delim)} || `);
      const header = widths
        ? written.map((c, i) => c.name.slice(0, widths[i]?.width).padEnd(widths[i]?.width ?? 0)).join("")
        : written.map((c) => c.name).join(delim);
      const parts = u.partitionColumns.map(
        (i) => `${ident(cols[i]?.engineAlias ?? "")} AS ${ident(cols[i]?.name ?? "")}`,
      );
      const select = [`${line || "''"} AS ${ident(header)}`, ...parts].join(", ");
      return {
        sql: `SELECT ${select} FROM (${querySql}) AS q`,
        options: `FORMAT csv, DELIMITER ${str(TEXT_DELIM)}, QUOTE '', ESCAPE '', HEADER ${o.header === true}${compressionOption(u)}${
          u.partitionColumns.length > 0
            ? `, PARTITION_BY (${u.partitionColumns.map((i) => ident(cols[i]?.name ?? "")).join(", ")})`
            : ""
        }`,
      };
    }
  }
}

export interface WrittenFile {
  readonly url: string;
  readonly key: string;
  readonly size: number;
  readonly records?: number;
}

const BASE_TYPES: Readonly<Record<string, string>> = {
  smallint: "smallint",
  integer: "integer",
  bigint: "bigint",
  decimal: "numeric",
  real: "real",
  "double precision": "double precision",
  boolean: "boolean",
  char: "character",
  varchar: "character varying",
  text: "character varying",
  date: "date",
  timestamp: "timestamp without time zone",
  timestamptz: "timestamp with time zone",
};

/** The manifest Redshift writes with MANIFEST [VERBOSE]. */
export function manifestJson(u: BoundUnload, files: readonly WrittenFile[]): string {
  const verbose = u.options.manifest?.verbose === true;
  const entries = files.map((f) => ({
    url: f.url,
    meta: { content_length: f.size, ...(verbose && f.records !== undefined ? { record_count: f.records } : {}) },
  }));
  if (!verbose) return JSON.stringify({ entries }, null, 2);
  const elements = u.columns.map((c) => ({
    name: c.name,
    type: {
      base: BASE_TYPES[c.type.id] ?? c.type.id,
      ...(c.type.length !== undefined ? { max_length: c.type.length } : {}),
      ...(c.type.precision !== undefined ? { precision: c.type.precision, scale: c.type.scale ?? 0 } : {}),
    },
  }));
  return JSON.stringify(
    {
      entries,
      schema: { elements },
      meta: {
        content_length: files.reduce((a, f) => a + f.size, 0),
        record_count: files.reduce((a, f) => a + (f.records ?? 0), 0),
      },
      author: { name: "Lakeshift", version: "1.0" },
    },
    null,
    2,
  );
}
