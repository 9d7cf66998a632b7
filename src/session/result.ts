// src/session/result.ts
//! What the statement pipeline hands to its front ends (wire, api). Protocol-neutral: the wire
//! layer turns these into RowDescription / DataRow / CommandComplete.

import type { EngineChunk } from "../engine/types.js";

export type { CellVector, EngineChunk } from "../engine/types.js";

/** A result column, described as a Postgres client expects it. */
export interface ResultColumn {
  readonly name: string;
  /** Postgres type OID (23 int4, 1043 varchar, 1700 numeric, ...). */
  readonly typeOid: number;
  /** pg_type.typlen: -1 for varlena. */
  readonly typeSize: number;
  /** atttypmod: -1, or VARCHAR(n) -> n+4, NUMERIC(p,s) -> ((p<<16)|s)+4. */
  readonly typeMod: number;
  /** Source table OID and attribute number when the column is a plain table column, else 0. */
  readonly tableOid: number;
  readonly columnNumber: number;
  /** Whether a binary (format 1) form is available for this column. */
  readonly binarySupported: boolean;
}

/** A stream of result chunks; each column's cells are already in the Postgres text or binary form asked for. */
export interface RowSource {
  next(): Promise<EngineChunk | null>;
  close(): void;
}

export type StatementResult =
  | {
      readonly kind: "rows";
      readonly columns: readonly ResultColumn[];
      readonly rows: RowSource;
      /** Command tag without the count, e.g. 'SELECT'; the front end appends the row count. */
      readonly tag: string;
    }
  | {
      readonly kind: "command";
      /** Complete command tag: 'INSERT 0 5', 'CREATE TABLE', 'BEGIN', 'SET', ... */
      readonly tag: string;
    }
  | { readonly kind: "empty" };
