// src/wire/protocol/messages.ts
//! Frontend messages as typed readonly objects, discriminated by `kind`. The reader produces
//! them; the connection state machine consumes them. Payload bytes (Bind parameters, password
//! and SASL data) stay raw: their meaning depends on the connection's state.

export interface StartupMessage {
  readonly kind: "startup";
  /** major << 16 | minor; 196608 is 3.0. */
  readonly protocolVersion: number;
  readonly params: Readonly<Record<string, string>>;
}
export interface SslRequest {
  readonly kind: "ssl-request";
}
export interface GssEncRequest {
  readonly kind: "gssenc-request";
}
export interface CancelRequest {
  readonly kind: "cancel-request";
  readonly processId: number;
  readonly secretKey: number;
}
export interface QueryMessage {
  readonly kind: "query";
  readonly sql: string;
}
export interface ParseMessage {
  readonly kind: "parse";
  readonly statement: string;
  readonly sql: string;
  readonly paramTypes: readonly number[];
}
export interface BindMessage {
  readonly kind: "bind";
  readonly portal: string;
  readonly statement: string;
  readonly paramFormats: readonly number[];
  /** Raw parameter values; null for SQL NULL (length -1). */
  readonly params: ReadonlyArray<Uint8Array | null>;
  readonly resultFormats: readonly number[];
}
export interface DescribeMessage {
  readonly kind: "describe";
  /** 'S' prepared statement, 'P' portal. */
  readonly target: "S" | "P";
  readonly name: string;
}
export interface ExecuteMessage {
  readonly kind: "execute";
  readonly portal: string;
  /** 0 means no limit. */
  readonly maxRows: number;
}
export interface CloseMessage {
  readonly kind: "close";
  readonly target: "S" | "P";
  readonly name: string;
}
export interface SyncMessage {
  readonly kind: "sync";
}
export interface FlushMessage {
  readonly kind: "flush";
}
export interface TerminateMessage {
  readonly kind: "terminate";
}
/** 'p': a PasswordMessage, SASLInitialResponse or SASLResponse; the auth flow decodes it. */
export interface PasswordMessage {
  readonly kind: "password";
  readonly data: Uint8Array;
}
/** CopyData/CopyDone/CopyFail outside COPY: Postgres accepts and ignores them. */
export interface CopyMessage {
  readonly kind: "copy";
  readonly code: number;
}
/** A well-framed message with a code the server does not implement (FunctionCall, unknown bytes). */
export interface UnknownMessage {
  readonly kind: "unknown";
  readonly code: number;
}

export type FrontendMessage =
  | StartupMessage
  | SslRequest
  | GssEncRequest
  | CancelRequest
  | QueryMessage
  | ParseMessage
  | BindMessage
  | DescribeMessage
  | ExecuteMessage
  | CloseMessage
  | SyncMessage
  | FlushMessage
  | TerminateMessage
  | PasswordMessage
  | CopyMessage
  | UnknownMessage;

export type FrontendKind = FrontendMessage["kind"];
