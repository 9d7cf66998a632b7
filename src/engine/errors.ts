// src/engine/errors.ts
//! Maps DuckDB's error messages ("<Kind> Error: <text>") to ExecutionErrors with a SQLSTATE.
//! DuckDB's full text stays available as `duckMessage`; `duckKind` is the part before " Error:".

import { ExecutionError, LakeshiftError, SqlState } from "../common/errors.js";

/** An error raised by DuckDB, with the SQLSTATE Lakeshift chose for it. */
export class EngineError extends ExecutionError {
  /** DuckDB's error kind: 'Catalog', 'Binder', 'Constraint', 'Conversion', 'INTERRUPT', ... ('' when unknown). */
  readonly duckKind: string;
  /** DuckDB's message as DuckDB wrote it, including any "LINE 1: ..." excerpt. */
  readonly duckMessage: string;
  constructor(sqlstate: string, message: string, duckKind: string, duckMessage: string) {
    super(sqlstate, message);
    this.duckKind = duckKind;
    this.duckMessage = duckMessage;
  }
}

const KIND = /^([A-Za-z ]+?) Error: ([\s\S]*)$/;

/** Splits "Catalog Error: Table ... \n\nLINE 1: ..." into its kind and its first paragraph. */
export function splitDuckMessage(text: string): { kind: string; body: string } {
  const m = KIND.exec(text);
  const kind = m ? (m[1] ?? "") : "";
  let body = m ? (m[2] ?? "") : text;
  const line = body.indexOf("\n\nLINE ");
  if (line >= 0) body = body.slice(0, line);
  return { kind, body: body.trim() };
}

function sqlstateFor(kind: string, body: string): string {
  const k = kind.toLowerCase();
  const b = body.toLowerCase();
  if (k === "interrupt" || b === "interrupted!") return SqlState.QueryCanceled;
  if (b.includes("division by zero")) return SqlState.DivisionByZero;
  if (/^expected \d+ parameters?/.test(b) || b.includes("parameters, but")) return SqlState.ProtocolViolation;
  if (b.includes("multiple statements")) return SqlState.SyntaxError;
  switch (k) {
    case "catalog":
      if (b.includes("already exists")) {
        if (b.startsWith("schema")) return SqlState.DuplicateSchema;
        if (b.startsWith("table") || b.startsWith("view")) return SqlState.DuplicateTable;
        return SqlState.DuplicateObject;
      }
      if (b.includes("does not exist")) {
        if (b.includes("function")) return SqlState.UndefinedFunction;
        if (b.startsWith("schema")) return SqlState.InvalidSchemaName;
        if (b.includes("column")) return SqlState.UndefinedColumn;
        if (b.startsWith("table") || b.startsWith("view")) return SqlState.UndefinedTable;
        return SqlState.UndefinedObject;
      }
      if (b.includes("dependen")) return SqlState.DependentObjectsStillExist;
      return SqlState.InternalError;
    case "binder":
      if (b.includes("referenced column") || (b.includes("column") && b.includes("not found"))) {
        return SqlState.UndefinedColumn;
      }
      if (b.includes("ambiguous")) return SqlState.AmbiguousColumn;
      if (b.includes("table") && (b.includes("not found") || b.includes("does not exist"))) {
        return SqlState.UndefinedTable;
      }
      if (b.includes("function") || b.includes("candidate")) return SqlState.UndefinedFunction;
      if (b.includes("group by")) return SqlState.GroupingError;
      return SqlState.DatatypeMismatch;
    case "constraint":
      if (b.includes("not null")) return SqlState.NotNullViolation;
      if (b.includes("check constraint")) return SqlState.CheckViolation;
      if (b.includes("primary key") || b.includes("unique") || b.includes("duplicate key")) {
        return SqlState.UniqueViolation;
      }
      return SqlState.CheckViolation;
    case "conversion":
      return conversionState(body, b);
    case "out of range":
      return SqlState.NumericValueOutOfRange;
    case "parser":
      return SqlState.SyntaxError;
    case "transactioncontext":
    case "transaction":
      if (b.includes("aborted")) return SqlState.InFailedSqlTransaction;
      if (b.includes("no transaction is active")) return SqlState.NoActiveSqlTransaction;
      if (b.includes("already active") || b.includes("already in a transaction")) return SqlState.ActiveSqlTransaction;
      if (b.includes("conflict")) return SqlState.SerializationFailure;
      return SqlState.InvalidTransactionState;
    case "not implemented":
      return SqlState.FeatureNotSupported;
    case "out of memory":
      return SqlState.OutOfMemory;
    case "io":
      return SqlState.UndefinedFile;
    case "invalid input":
      return SqlState.InvalidParameterValue;
    case "permission":
      return SqlState.InsufficientPrivilege;
    default:
      return SqlState.InternalError;
  }
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** Conversion errors as Postgres classes them: bad syntax vs. a value out of range. */
function conversionState(body: string, b: string): string {
  const quoted = /"([^"]*)"|'([^']*)'/.exec(body);
  const value = quoted ? (quoted[1] ?? quoted[2] ?? "") : "";
  // 'not a date'::date is bad syntax (22007); '2020-13-45'::date a field out of range (22008).
  if (b.includes("field format")) return SqlState.InvalidDatetimeFormat;
  if (b.includes("field value out of range")) {
    return /\d/.test(value) ? SqlState.DatetimeFieldOverflow : SqlState.InvalidDatetimeFormat;
  }
  if (/ to (date|time|timestamp|interval)/.test(b)) return SqlState.InvalidDatetimeFormat;
  if (b.includes("out of range") || b.includes("could not cast value")) return SqlState.NumericValueOutOfRange;
  // "Could not convert string "123456" to DECIMAL(5,2)": a number too wide for the type.
  if (/ to (decimal|int|bigint|smallint|tinyint|hugeint)/.test(b) && NUMBER.test(value)) {
    return SqlState.NumericValueOutOfRange;
  }
  return SqlState.InvalidTextRepresentation;
}

/** Turns whatever DuckDB threw into an EngineError (LakeshiftErrors pass through unchanged). */
export function mapDuckError(e: unknown): LakeshiftError {
  if (e instanceof LakeshiftError) return e;
  const text = e instanceof Error ? e.message : String(e);
  const { kind, body } = splitDuckMessage(text);
  const sqlstate = sqlstateFor(kind, body);
  const message = sqlstate === SqlState.QueryCanceled ? "canceling statement due to user request" : body;
  return new EngineError(sqlstate, message, kind, text);
}

/** True for the error an interrupted statement fails with. */
export function isInterrupt(e: unknown): boolean {
  return e instanceof LakeshiftError && e.sqlstate === SqlState.QueryCanceled;
}
