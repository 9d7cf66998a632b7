// src/common/errors.ts
//! Errors carry a Postgres SQLSTATE and a Redshift-like message. Each layer throws its own
//! subclass so the layer shows in logs; the wire turns any LakeshiftError into an ErrorResponse.
//! Imports nothing.

export interface ErrorFields {
  /** 1-based character offset into the statement text (ErrorResponse 'P'). */
  readonly position?: number;
  readonly detail?: string;
  readonly hint?: string;
  /** 'ERROR' (default) or 'FATAL' (ends the connection). */
  readonly severity?: "ERROR" | "FATAL";
}

export class LakeshiftError extends Error {
  readonly sqlstate: string;
  readonly position?: number;
  readonly detail?: string;
  readonly hint?: string;
  readonly severity: "ERROR" | "FATAL";
  constructor(sqlstate: string, message: string, fields: ErrorFields = {}) {
    super(message);
    this.name = new.target.name;
    this.sqlstate = sqlstate;
    this.position = fields.position;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.severity = fields.severity ?? "ERROR";
  }
}

/** Lexer and parser errors: 42601 with line/column in the message and a position. */
export class ParseError extends LakeshiftError {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number, position: number) {
    super(SqlState.SyntaxError, `${message} at line ${line}, column ${column}`, { position });
    this.line = line;
    this.column = column;
  }
}

/** Name resolution and typing: 42P01, 42703, 42883, 42804, ... */
export class BindError extends LakeshiftError {}

/** A construct we parse or recognise but cannot run: 0A000, naming the construct. */
export class UnsupportedError extends LakeshiftError {
  constructor(construct: string, fields: ErrorFields = {}) {
    super(SqlState.FeatureNotSupported, `${construct} is not supported`, fields);
  }
}

/** Errors raised while executing in the engine (DuckDB), mapped to a SQLSTATE. */
export class ExecutionError extends LakeshiftError {}

/** Catalog consistency errors: 42P07 duplicate, 2BP01 dependent objects, ... */
export class CatalogError extends LakeshiftError {}

/** Protocol violations: 08P01. */
export class ProtocolError extends LakeshiftError {
  constructor(message: string) {
    super(SqlState.ProtocolViolation, message, { severity: "FATAL" });
  }
}

/** Authentication and authorization: 28P01, 28000, 42501, 3D000. */
export class AuthError extends LakeshiftError {}

/** The SQLSTATEs Lakeshift uses, by name. https://www.postgresql.org/docs/current/errcodes-appendix.html */
export const SqlState = {
  SuccessfulCompletion: "00000",
  ConnectionException: "08000",
  ProtocolViolation: "08P01",
  FeatureNotSupported: "0A000",
  InvalidTransactionState: "25000",
  ActiveSqlTransaction: "25001",
  NoActiveSqlTransaction: "25P01",
  InFailedSqlTransaction: "25P02",
  InvalidSqlStatementName: "26000",
  InvalidAuthorizationSpecification: "28000",
  InvalidPassword: "28P01",
  InvalidCursorName: "34000",
  DuplicateCursor: "42P03",
  DuplicatePreparedStatement: "42P05",
  InvalidCatalogName: "3D000",
  InvalidSchemaName: "3F000",
  SerializationFailure: "40001",
  SyntaxError: "42601",
  InvalidName: "42602",
  InsufficientPrivilege: "42501",
  UndefinedColumn: "42703",
  UndefinedFunction: "42883",
  UndefinedTable: "42P01",
  UndefinedObject: "42704",
  UndefinedParameter: "42P02",
  DuplicateTable: "42P07",
  DuplicateSchema: "42P06",
  DuplicateObject: "42710",
  DuplicateFunction: "42723",
  InvalidFunctionDefinition: "42P13",
  DuplicateColumn: "42701",
  AmbiguousColumn: "42702",
  AmbiguousFunction: "42725",
  DatatypeMismatch: "42804",
  GroupingError: "42803",
  InvalidColumnReference: "42P10",
  WrongObjectType: "42809",
  DependentObjectsStillExist: "2BP01",
  CannotCoerce: "42846",
  StringDataRightTruncation: "22001",
  NumericValueOutOfRange: "22003",
  NullValueNotAllowed: "22004",
  InvalidDatetimeFormat: "22007",
  DatetimeFieldOverflow: "22008",
  DivisionByZero: "22012",
  InvalidTextRepresentation: "22P02",
  InvalidParameterValue: "22023",
  CantChangeRuntimeParam: "55P02",
  ObjectNotInPrerequisiteState: "55000",
  DataException: "22000",
  CharacterNotInRepertoire: "22021",
  NotNullViolation: "23502",
  UniqueViolation: "23505",
  CheckViolation: "23514",
  QueryCanceled: "57014",
  AdminShutdown: "57P01",
  InternalError: "XX000",
  OutOfMemory: "53200",
  TooManyConnections: "53300",
  UndefinedFile: "58P01",
} as const;
export type SqlStateCode = (typeof SqlState)[keyof typeof SqlState];

/** Wraps anything thrown into a LakeshiftError (unknown errors become XX000). */
export function asLakeshiftError(e: unknown): LakeshiftError {
  if (e instanceof LakeshiftError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new LakeshiftError(SqlState.InternalError, message);
}
