// src/sql/ast/utility.ts
//! Transactions, session settings, EXPLAIN, prepared statements.

import type { Expr, TypeName } from "./expr.js";
import type { Statement } from "./index.js";

export type IsolationLevel = "serializable" | "repeatable read" | "read committed" | "read uncommitted";

/** Transaction modes as written in BEGIN / START TRANSACTION / SET TRANSACTION. */
export interface TransactionModes {
  readonly isolationLevel?: IsolationLevel;
  /** READ ONLY = true, READ WRITE = false. */
  readonly readOnly?: boolean;
}

/** BEGIN [TRANSACTION | WORK] [modes], START TRANSACTION [modes]. */
export interface Begin extends TransactionModes {
  readonly kind: "Begin";
  readonly pos: number;
  /** Written START TRANSACTION (its command tag is 'START TRANSACTION', not 'BEGIN'). */
  readonly start?: boolean;
}

/** COMMIT, END [WORK | TRANSACTION]. */
export interface Commit {
  readonly kind: "Commit";
  readonly pos: number;
}

/** ROLLBACK [WORK | TRANSACTION], ABORT. */
export interface Rollback {
  readonly kind: "Rollback";
  readonly pos: number;
}

/** One value in SET name TO v1, v2: a word, a quoted string or a number (text as written, unquoted). */
export interface SetValue {
  readonly kind: "SetValue";
  readonly pos: number;
  readonly value: string;
  readonly quoted: boolean;
}

/**
 * SET [SESSION | LOCAL] name {TO | =} values | DEFAULT; SET TIME ZONE x (name "timezone";
 * `SET TIME ZONE LOCAL` / DEFAULT -> values undefined). Name lower-case (may be dotted: "a.b").
 */
export interface SetVariable {
  readonly kind: "SetVariable";
  readonly pos: number;
  readonly local: boolean;
  readonly name: string;
  /** undefined for DEFAULT. */
  readonly values?: readonly SetValue[];
}

/** SET [SESSION CHARACTERISTICS AS] TRANSACTION modes. */
export interface SetTransaction extends TransactionModes {
  readonly kind: "SetTransaction";
  readonly pos: number;
  readonly session: boolean;
}

/** RESET name | ALL (name undefined). */
export interface Reset {
  readonly kind: "Reset";
  readonly pos: number;
  readonly name?: string;
}

/** SHOW name | ALL; SHOW TRANSACTION ISOLATION LEVEL -> "transaction_isolation"; SHOW TIME ZONE -> "timezone". */
export interface Show {
  readonly kind: "Show";
  readonly pos: number;
  /** Lower-case name, "all" for SHOW ALL. */
  readonly name: string;
}

export interface Explain {
  readonly kind: "Explain";
  readonly pos: number;
  readonly verbose: boolean;
  readonly statement: Statement;
}

/** PREPARE name [(types)] AS statement. */
export interface Prepare {
  readonly kind: "Prepare";
  readonly pos: number;
  readonly name: string;
  readonly paramTypes: readonly TypeName[];
  readonly statement: Statement;
}

/** EXECUTE name [(params)]. */
export interface Execute {
  readonly kind: "Execute";
  readonly pos: number;
  readonly name: string;
  readonly params: readonly Expr[];
}

/** DEALLOCATE [PREPARE] name | ALL (name undefined). */
export interface Deallocate {
  readonly kind: "Deallocate";
  readonly pos: number;
  readonly name?: string;
}

/** CANCEL process_id ['message']: cancels the query another session runs. */
export interface Cancel {
  readonly kind: "Cancel";
  readonly pos: number;
  readonly pid: number;
  readonly message?: string;
}
