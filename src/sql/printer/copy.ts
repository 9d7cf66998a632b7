// src/sql/printer/copy.ts
//! COPY and UNLOAD as canonical Redshift SQL (option values re-escaped, so a printed statement
//! parses back to the same AST).

import type { Copy, CopyAuthorization, CopyFormat, Unload } from "../ast/copy.js";
import { ident, objectName, quoteString } from "./lexical.js";
import { printQuery } from "./query.js";

/** A single-character option value with control characters written as COPY escapes. */
function charValue(c: string): string {
  if (c === "\t") return quoteString("\\t");
  if (c === "\\") return quoteString("\\\\");
  const code = c.charCodeAt(0);
  if (code < 32 || code === 127) return quoteString(`\\${code.toString(8).padStart(3, "0")}`);
  return quoteString(c);
}

function nullValue(s: string): string {
  return s === "\0" ? quoteString("\\0") : quoteString(s);
}

function authorization(a: CopyAuthorization | undefined): string[] {
  if (!a) return [];
  switch (a.kind) {
    case "iam-role":
      return [a.role === "default" ? "IAM_ROLE default" : `IAM_ROLE ${quoteString(a.role)}`];
    case "credentials":
      return [`CREDENTIALS ${quoteString(a.text)}`];
    case "keys":
      return [
        `ACCESS_KEY_ID ${quoteString(a.accessKeyId)}`,
        `SECRET_ACCESS_KEY ${quoteString(a.secretAccessKey)}`,
        ...(a.sessionToken !== undefined ? [`SESSION_TOKEN ${quoteString(a.sessionToken)}`] : []),
      ];
  }
}

function format(f: CopyFormat): string[] {
  switch (f.kind) {
    case "delimited":
      return f.delimiter !== undefined ? [`DELIMITER ${charValue(f.delimiter)}`] : [];
    case "csv":
      return [
        "FORMAT AS CSV",
        ...(f.quote !== undefined ? [`QUOTE AS ${charValue(f.quote)}`] : []),
        ...(f.delimiter !== undefined ? [`DELIMITER ${charValue(f.delimiter)}`] : []),
      ];
    case "fixedwidth":
      return [`FIXEDWIDTH ${quoteString(f.spec.map((s) => `${s.label}:${s.width}`).join(","))}`];
    case "json":
      return [`FORMAT AS JSON ${quoteString(f.paths)}`];
    case "avro":
      return [`FORMAT AS AVRO ${quoteString(f.paths)}`];
    case "parquet":
      return ["FORMAT AS PARQUET"];
    case "orc":
      return ["FORMAT AS ORC"];
  }
}

export function printCopy(s: Copy): string {
  const o = s.options;
  const parts = [`COPY ${objectName(s.table)}${s.columns ? ` (${s.columns.map(ident).join(", ")})` : ""}`];
  parts.push(`FROM ${quoteString(s.from)}`, ...authorization(s.authorization), ...format(s.format));
  if (s.compression) parts.push(s.compression.toUpperCase());
  const flag = (on: boolean | undefined, word: string) => {
    if (on) parts.push(word);
  };
  flag(o.manifest, "MANIFEST");
  if (o.ignoreHeader !== undefined) parts.push(`IGNOREHEADER ${o.ignoreHeader}`);
  flag(o.ignoreBlankLines, "IGNOREBLANKLINES");
  if (o.dateFormat !== undefined) parts.push(`DATEFORMAT ${quoteString(o.dateFormat)}`);
  if (o.timeFormat !== undefined) parts.push(`TIMEFORMAT ${quoteString(o.timeFormat)}`);
  if (o.nullAs !== undefined) parts.push(`NULL AS ${nullValue(o.nullAs)}`);
  flag(o.emptyAsNull, "EMPTYASNULL");
  flag(o.blanksAsNull, "BLANKSASNULL");
  if (o.acceptInvChars !== undefined) parts.push(`ACCEPTINVCHARS AS ${charValue(o.acceptInvChars)}`);
  flag(o.truncateColumns, "TRUNCATECOLUMNS");
  flag(o.trimBlanks, "TRIMBLANKS");
  flag(o.removeQuotes, "REMOVEQUOTES");
  flag(o.escape, "ESCAPE");
  flag(o.explicitIds, "EXPLICIT_IDS");
  flag(o.fillRecord, "FILLRECORD");
  if (o.maxError !== undefined) parts.push(`MAXERROR ${o.maxError}`);
  flag(o.acceptAnyDate, "ACCEPTANYDATE");
  flag(o.roundec, "ROUNDEC");
  if (o.region !== undefined) parts.push(`REGION ${quoteString(o.region)}`);
  if (o.compUpdate !== undefined) parts.push(`COMPUPDATE ${o.compUpdate.toUpperCase()}`);
  if (o.statUpdate !== undefined) parts.push(`STATUPDATE ${o.statUpdate.toUpperCase()}`);
  if (o.encoding !== undefined) parts.push(`ENCODING ${o.encoding.toUpperCase()}`);
  flag(o.noLoad, "NOLOAD");
  return parts.join(" ");
}

export function printUnload(s: Unload): string {
  const o = s.options;
  const parts = [
    `UNLOAD (${quoteString(printQuery(s.query))}) TO ${quoteString(s.to)}`,
    ...authorization(s.authorization),
  ];
  if (o.format !== "text") parts.push(`FORMAT AS ${o.format.toUpperCase()}`);
  if (o.header) parts.push("HEADER");
  if (o.delimiter !== undefined) parts.push(`DELIMITER AS ${charValue(o.delimiter)}`);
  if (o.fixedWidth) parts.push(`FIXEDWIDTH ${quoteString(o.fixedWidth.map((f) => `${f.label}:${f.width}`).join(","))}`);
  if (o.addQuotes) parts.push("ADDQUOTES");
  if (o.escape) parts.push("ESCAPE");
  if (o.nullAs !== undefined) parts.push(`NULL AS ${nullValue(o.nullAs)}`);
  if (o.partitionBy) {
    parts.push(
      `PARTITION BY (${o.partitionBy.columns.map(ident).join(", ")})${o.partitionBy.include ? " INCLUDE" : ""}`,
    );
  }
  if (o.parallel !== undefined) parts.push(`PARALLEL ${o.parallel ? "ON" : "OFF"}`);
  if (o.maxFileSize !== undefined) parts.push(`MAXFILESIZE ${Math.round(o.maxFileSize / (1024 * 1024))} MB`);
  if (o.rowGroupSize !== undefined) parts.push(`ROWGROUPSIZE ${Math.round(o.rowGroupSize / (1024 * 1024))} MB`);
  if (o.manifest) parts.push(o.manifest.verbose ? "MANIFEST VERBOSE" : "MANIFEST");
  if (o.allowOverwrite) parts.push("ALLOWOVERWRITE");
  if (o.cleanPath) parts.push("CLEANPATH");
  if (o.compression) parts.push(o.compression.toUpperCase());
  if (o.extension !== undefined) parts.push(`EXTENSION ${quoteString(o.extension)}`);
  if (o.region !== undefined) parts.push(`REGION ${quoteString(o.region)}`);
  return parts.join(" ");
}
