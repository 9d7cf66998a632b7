// src/sql/ast/copy.ts
//! COPY (load from the lake) and UNLOAD (write a query's result to the lake). Option values are
//! typed: the parser decodes escapes ('\t' is a tab) and checks kinds, so later layers read meaning.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html

import type { ObjectName, Query } from "./query.js";

/** How the statement authenticates to the store. */
export type CopyAuthorization =
  /** IAM_ROLE default | 'arn:...[,arn:...]' */
  | { readonly kind: "iam-role"; readonly role: "default" | string }
  /** CREDENTIALS 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]' */
  | { readonly kind: "credentials"; readonly text: string }
  /** ACCESS_KEY_ID '...' SECRET_ACCESS_KEY '...' [SESSION_TOKEN '...'] */
  | {
      readonly kind: "keys";
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
    };

/** The data format of a COPY source. */
export type CopyFormat =
  /** Character-delimited text (the default; DELIMITER defaults to '|'). */
  | { readonly kind: "delimited"; readonly delimiter?: string }
  /** CSV [QUOTE [AS] 'q'] (DELIMITER defaults to ','). */
  | { readonly kind: "csv"; readonly delimiter?: string; readonly quote?: string }
  /** FIXEDWIDTH 'label:width,...' */
  | { readonly kind: "fixedwidth"; readonly spec: readonly { readonly label: string; readonly width: number }[] }
  /** JSON 'auto' | 'auto ignorecase' | 's3://jsonpaths file' | 'noshred' */
  | { readonly kind: "json"; readonly paths: "auto" | "auto ignorecase" | "noshred" | string }
  | { readonly kind: "parquet" }
  | { readonly kind: "orc" }
  /** AVRO 'auto' | 'auto ignorecase' | 's3://jsonpaths file' */
  | { readonly kind: "avro"; readonly paths: string };

export type CopyCompression = "gzip" | "bzip2" | "zstd" | "lzop";

export interface CopyOptions {
  readonly manifest?: boolean;
  readonly ignoreHeader?: number;
  readonly ignoreBlankLines?: boolean;
  /** DATEFORMAT: a Redshift format string or 'auto'. */
  readonly dateFormat?: string;
  /** TIMEFORMAT: a Redshift format string, 'auto', 'epochsecs' or 'epochmillisecs'. */
  readonly timeFormat?: string;
  readonly nullAs?: string;
  readonly emptyAsNull?: boolean;
  readonly blanksAsNull?: boolean;
  /** ACCEPTINVCHARS [AS 'c']: the replacement character ('?' when none is given). */
  readonly acceptInvChars?: string;
  readonly truncateColumns?: boolean;
  readonly trimBlanks?: boolean;
  readonly removeQuotes?: boolean;
  readonly escape?: boolean;
  readonly explicitIds?: boolean;
  readonly fillRecord?: boolean;
  readonly maxError?: number;
  readonly acceptAnyDate?: boolean;
  readonly roundec?: boolean;
  readonly region?: string;
  /** Accepted and recorded: ON | OFF | PRESET | TRUE | FALSE. */
  readonly compUpdate?: string;
  readonly statUpdate?: string;
  /** ENCODING [AS] UTF8 | UTF16 | UTF16LE | UTF16BE. */
  readonly encoding?: string;
  readonly noLoad?: boolean;
}

/** COPY table [(cols)] FROM 's3://...' authorization [format] [options]. */
export interface Copy {
  readonly kind: "Copy";
  readonly pos: number;
  readonly table: ObjectName;
  readonly columns?: readonly string[];
  /** The source as written: an s3:// prefix, object, or manifest. */
  readonly from: string;
  readonly authorization?: CopyAuthorization;
  readonly format: CopyFormat;
  readonly compression?: CopyCompression;
  readonly options: CopyOptions;
}

export type UnloadFormat = "text" | "csv" | "parquet" | "json";

export interface UnloadOptions {
  readonly format: UnloadFormat;
  readonly header?: boolean;
  readonly delimiter?: string;
  readonly addQuotes?: boolean;
  readonly escape?: boolean;
  readonly nullAs?: string;
  readonly partitionBy?: { readonly columns: readonly string[]; readonly include: boolean };
  /** PARALLEL ON (default) writes a file per slice; OFF writes serially (one file up to MAXFILESIZE). */
  readonly parallel?: boolean;
  /** MAXFILESIZE in bytes. */
  readonly maxFileSize?: number;
  readonly manifest?: { readonly verbose: boolean };
  readonly allowOverwrite?: boolean;
  readonly cleanPath?: boolean;
  readonly compression?: "gzip" | "bzip2" | "zstd";
  readonly extension?: string;
  /** ROWGROUPSIZE in bytes (Parquet). */
  readonly rowGroupSize?: number;
  readonly region?: string;
  readonly fixedWidth?: readonly { readonly label: string; readonly width: number }[];
}

/** UNLOAD ('select ...') TO 's3://prefix' authorization [options]. */
export interface Unload {
  readonly kind: "Unload";
  readonly pos: number;
  /** The query, parsed from the quoted text. */
  readonly query: Query;
  /** The query text as given, for logs. */
  readonly queryText: string;
  readonly to: string;
  readonly authorization?: CopyAuthorization;
  readonly options: UnloadOptions;
}
