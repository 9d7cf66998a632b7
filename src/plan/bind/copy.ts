// src/plan/bind/copy.ts
//! COPY and UNLOAD: the target table and column list against the catalog, the s3:// location, the
//! authorization (IAM_ROLE default / ARN, CREDENTIALS, keys) and the options' defaults.
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-column-mapping.html

import type { ColumnDef, RelationDef } from "../../catalog/reader.js";
import { BindError, SqlState } from "../../common/errors.js";
import type { Copy, CopyAuthorization, CopyFormat, Unload } from "../../sql/ast/copy.js";
import type { BoundAccess, BoundCopy, BoundCopyOptions, BoundLocation, BoundUnload } from "../bound/copy.js";
import type { BindState } from "./context.js";
import { at, undefinedTable } from "./context.js";
import { objectNameText } from "./from.js";
import { bindQuery } from "./query.js";

function invalid(message: string, node: { pos: number }): BindError {
  return new BindError(SqlState.InvalidParameterValue, message, at(node));
}

export function bindLocation(url: string, node: { pos: number }): BoundLocation {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(url.trim());
  if (!m) throw invalid(`invalid S3 location '${url}': expected s3://bucket/key`, node);
  return { url: url.trim(), bucket: m[1] ?? "", key: m[2] ?? "" };
}

/** CREDENTIALS 'aws_iam_role=arn' | 'aws_access_key_id=..;aws_secret_access_key=..[;token=..]'. */
export function bindAccess(auth: CopyAuthorization | undefined, node: { pos: number }): BoundAccess {
  if (!auth) {
    throw invalid("COPY and UNLOAD need IAM_ROLE or CREDENTIALS (IAM_ROLE default uses the cluster's role)", node);
  }
  if (auth.kind === "iam-role") return { kind: "role", role: auth.role };
  if (auth.kind === "keys") {
    if (!auth.accessKeyId || !auth.secretAccessKey) throw invalid("ACCESS_KEY_ID needs SECRET_ACCESS_KEY", node);
    return auth.sessionToken === undefined
      ? { kind: "keys", accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey }
      : {
          kind: "keys",
          accessKeyId: auth.accessKeyId,
          secretAccessKey: auth.secretAccessKey,
          sessionToken: auth.sessionToken,
        };
  }
  const fields = new Map<string, string>();
  for (const part of auth.text.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const role = fields.get("aws_iam_role");
  if (role) return { kind: "role", role };
  const accessKeyId = fields.get("aws_access_key_id");
  const secretAccessKey = fields.get("aws_secret_access_key");
  if (!accessKeyId || !secretAccessKey) {
    throw invalid("CREDENTIALS must give aws_iam_role or aws_access_key_id and aws_secret_access_key", node);
  }
  const token = fields.get("token");
  return token === undefined
    ? { kind: "keys", accessKeyId, secretAccessKey }
    : { kind: "keys", accessKeyId, secretAccessKey, sessionToken: token };
}

function targetTable(stmt: Copy, state: BindState): RelationDef {
  const n = stmt.table;
  const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
  if (!rel) throw undefinedTable(objectNameText(n), n);
  if (rel.kind !== "table") {
    throw new BindError(SqlState.WrongObjectType, `cannot COPY into ${rel.kind} "${rel.name}"`, at(n));
  }
  state.access?.relation(rel, "insert");
  return rel;
}

/** The columns the source supplies: the list given, or all columns (identity ones only with EXPLICIT_IDS). */
function copyColumns(stmt: Copy, rel: RelationDef): ColumnDef[] {
  const explicitIds = stmt.options.explicitIds === true;
  if (!stmt.columns) return rel.columns.filter((c) => explicitIds || !c.identity);
  const seen = new Set<string>();
  return stmt.columns.map((name) => {
    if (seen.has(name))
      throw new BindError(SqlState.DuplicateColumn, `column "${name}" specified more than once`, at(stmt));
    seen.add(name);
    const c = rel.columns.find((x) => x.name === name);
    if (!c) {
      throw new BindError(
        SqlState.UndefinedColumn,
        `column "${name}" of relation "${rel.name}" does not exist`,
        at(stmt),
      );
    }
    if (c.identity && !explicitIds) {
      throw invalid(`cannot set an identity column "${name}" to a value: use EXPLICIT_IDS`, stmt);
    }
    return c;
  });
}

function boundFormat(f: CopyFormat): CopyFormat {
  if (f.kind === "delimited") return { kind: "delimited", delimiter: f.delimiter ?? "|" };
  if (f.kind === "csv") return { kind: "csv", delimiter: f.delimiter ?? ",", quote: f.quote ?? '"' };
  return f;
}

export function bindCopy(stmt: Copy, state: BindState): BoundCopy {
  const target = targetTable(stmt, state);
  const columns = copyColumns(stmt, target);
  const source = bindLocation(stmt.from, stmt);
  const access = bindAccess(stmt.authorization, stmt);
  const format = boundFormat(stmt.format);
  if (format.kind === "avro" && stmt.compression === "zstd") {
    throw invalid("ZSTD cannot be used with FORMAT AVRO (Avro files carry their own codec)", stmt);
  }
  if (format.kind === "orc") {
    throw invalid(
      "COPY FORMAT ORC is not supported: Lakeshift has no ORC reader (load PARQUET, AVRO or text instead)",
      stmt,
    );
  }
  const o = stmt.options;
  if (format.kind === "fixedwidth" && format.spec.length !== columns.length) {
    throw invalid(
      `FIXEDWIDTH gives ${format.spec.length} fields for ${columns.length} columns of "${target.name}"`,
      stmt,
    );
  }
  if (format.kind === "csv" && (o.escape || o.removeQuotes)) {
    throw invalid(`CSV cannot be used with ${o.escape ? "ESCAPE" : "REMOVEQUOTES"}`, stmt);
  }
  const options: BoundCopyOptions = {
    manifest: o.manifest === true,
    ignoreHeader: o.ignoreHeader ?? 0,
    ignoreBlankLines: o.ignoreBlankLines === true,
    dateFormat: o.dateFormat ?? "YYYY-MM-DD",
    timeFormat: o.timeFormat ?? "YYYY-MM-DD HH:MI:SS",
    ...(o.nullAs !== undefined ? { nullAs: o.nullAs } : format.kind === "delimited" ? { nullAs: "\\N" } : {}),
    emptyAsNull: o.emptyAsNull === true,
    blanksAsNull: o.blanksAsNull === true,
    ...(o.acceptInvChars !== undefined ? { acceptInvChars: o.acceptInvChars } : {}),
    truncateColumns: o.truncateColumns === true,
    trimBlanks: o.trimBlanks === true,
    removeQuotes: o.removeQuotes === true,
    escape: o.escape === true,
    explicitIds: o.explicitIds === true,
    fillRecord: o.fillRecord === true,
    maxError: Math.min(o.maxError ?? 0, 100000),
    acceptAnyDate: o.acceptAnyDate === true,
    roundec: o.roundec === true,
    ...(o.region !== undefined ? { region: o.region } : {}),
    noLoad: o.noLoad === true,
    ...(o.statUpdate !== undefined ? { statUpdate: o.statUpdate === "on" || o.statUpdate === "true" } : {}),
  };
  return {
    kind: "copy",
    target,
    columns,
    source,
    access,
    format,
    ...(stmt.compression ? { compression: stmt.compression } : {}),
    options,
  };
}

export function bindUnload(stmt: Unload, state: BindState): BoundUnload {
  const query = bindQuery(stmt.query, state, undefined);
  const columns = query.columns;
  const destination = bindLocation(stmt.to, stmt);
  const access = bindAccess(stmt.authorization, stmt);
  const o = stmt.options;
  const partitionColumns = (o.partitionBy?.columns ?? []).map((name) => {
    const i = columns.findIndex((c) => c.name === name);
    if (i < 0) throw invalid(`PARTITION BY column "${name}" is not in the query's result`, stmt);
    return i;
  });
  if (partitionColumns.length > 0 && partitionColumns.length === columns.length && !o.partitionBy?.include) {
    throw invalid("PARTITION BY cannot name every column of the query unless INCLUDE is given", stmt);
  }
  if (o.format === "parquet" && (o.header || o.delimiter || o.addQuotes || o.nullAs !== undefined)) {
    throw invalid("FORMAT PARQUET cannot be used with HEADER, DELIMITER, ADDQUOTES or NULL AS", stmt);
  }
  if (o.format === "parquet" && o.compression && o.compression !== "zstd" && o.compression !== "gzip") {
    throw invalid(`FORMAT PARQUET cannot be used with ${o.compression.toUpperCase()}`, stmt);
  }
  if (o.fixedWidth) {
    const shown = columns.filter((_c, i) => o.partitionBy?.include || !partitionColumns.includes(i));
    if (o.format !== "text" || o.delimiter !== undefined || o.header || o.addQuotes) {
      throw invalid("FIXEDWIDTH cannot be used with FORMAT, DELIMITER, HEADER or ADDQUOTES", stmt);
    }
    if (o.fixedWidth.length !== shown.length) {
      throw invalid(`FIXEDWIDTH gives ${o.fixedWidth.length} widths for ${shown.length} columns`, stmt);
    }
  }
  if (o.maxFileSize !== undefined && (o.maxFileSize < 5 * 1024 * 1024 || o.maxFileSize > 6.2 * 1024 ** 3)) {
    throw invalid("MAXFILESIZE must be between 5 MB and 6.2 GB", stmt);
  }
  return { kind: "unload", query, columns, destination, access, options: o, partitionColumns };
}
