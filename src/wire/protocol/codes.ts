// src/wire/protocol/codes.ts
//! Message codes of the Postgres frontend/backend protocol v3, one constant per message.
//! https://www.postgresql.org/docs/current/protocol-message-formats.html

/** First byte of each frontend (client -> server) message. */
export const FrontendCode = {
  /** 'B' Bind: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BIND */
  Bind: 0x42,
  /** 'C' Close: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-CLOSE */
  Close: 0x43,
  /** 'd' CopyData: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-COPYDATA */
  CopyData: 0x64,
  /** 'c' CopyDone: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-COPYDONE */
  CopyDone: 0x63,
  /** 'f' CopyFail: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-COPYFAIL */
  CopyFail: 0x66,
  /** 'D' Describe: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-DESCRIBE */
  Describe: 0x44,
  /** 'E' Execute: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-EXECUTE */
  Execute: 0x45,
  /** 'H' Flush: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-FLUSH */
  Flush: 0x48,
  /** 'F' FunctionCall: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-FUNCTIONCALL */
  FunctionCall: 0x46,
  /** 'P' Parse: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PARSE */
  Parse: 0x50,
  /** 'p' PasswordMessage, SASLInitialResponse, SASLResponse: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PASSWORDMESSAGE */
  Password: 0x70,
  /** 'Q' Query: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-QUERY */
  Query: 0x51,
  /** 'S' Sync: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-SYNC */
  Sync: 0x53,
  /** 'X' Terminate: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-TERMINATE */
  Terminate: 0x58,
} as const;

/** First byte of each backend (server -> client) message. */
export const BackendCode = {
  /** 'R' Authentication*: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-AUTHENTICATIONOK */
  Authentication: 0x52,
  /** 'K' BackendKeyData: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BACKENDKEYDATA */
  BackendKeyData: 0x4b,
  /** '2' BindComplete: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BINDCOMPLETE */
  BindComplete: 0x32,
  /** '3' CloseComplete: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-CLOSECOMPLETE */
  CloseComplete: 0x33,
  /** 'C' CommandComplete: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-COMMANDCOMPLETE */
  CommandComplete: 0x43,
  /** 'D' DataRow: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-DATAROW */
  DataRow: 0x44,
  /** 'I' EmptyQueryResponse: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-EMPTYQUERYRESPONSE */
  EmptyQueryResponse: 0x49,
  /** 'E' ErrorResponse: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-ERRORRESPONSE */
  ErrorResponse: 0x45,
  /** 'v' NegotiateProtocolVersion: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-NEGOTIATEPROTOCOLVERSION */
  NegotiateProtocolVersion: 0x76,
  /** 'n' NoData: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-NODATA */
  NoData: 0x6e,
  /** 'N' NoticeResponse: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-NOTICERESPONSE */
  NoticeResponse: 0x4e,
  /** 't' ParameterDescription: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PARAMETERDESCRIPTION */
  ParameterDescription: 0x74,
  /** 'S' ParameterStatus: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PARAMETERSTATUS */
  ParameterStatus: 0x53,
  /** '1' ParseComplete: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PARSECOMPLETE */
  ParseComplete: 0x31,
  /** 's' PortalSuspended: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-PORTALSUSPENDED */
  PortalSuspended: 0x73,
  /** 'Z' ReadyForQuery: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-READYFORQUERY */
  ReadyForQuery: 0x5a,
  /** 'T' RowDescription: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-ROWDESCRIPTION */
  RowDescription: 0x54,
} as const;

/** The int32 that follows the length in an untyped startup-phase packet. */
export const StartupCode = {
  /** Protocol 3.0 StartupMessage: https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-STARTUPMESSAGE */
  Protocol3: 196608,
  /** CancelRequest (1234 << 16 | 5678): https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-CANCELREQUEST */
  CancelRequest: 80877102,
  /** SSLRequest (1234 << 16 | 5679): https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-SSLREQUEST */
  SSLRequest: 80877103,
  /** GSSENCRequest (1234 << 16 | 5680): https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-GSSENCREQUEST */
  GSSENCRequest: 80877104,
} as const;

/** The int32 subtype of an 'R' Authentication message. https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP */
export const AuthCode = {
  /** AuthenticationOk */
  Ok: 0,
  /** AuthenticationCleartextPassword */
  CleartextPassword: 3,
  /** AuthenticationMD5Password (followed by a 4-byte salt) */
  MD5Password: 5,
  /** AuthenticationSASL (followed by mechanism names) */
  SASL: 10,
  /** AuthenticationSASLContinue (followed by server-first-message) */
  SASLContinue: 11,
  /** AuthenticationSASLFinal (followed by server-final-message) */
  SASLFinal: 12,
} as const;

/** Postgres caps the startup packet at 10000 bytes (MAX_STARTUP_PACKET_LENGTH in libpq/pqcomm.h). */
export const MAX_STARTUP_PACKET_BYTES = 10_000;
/** Default cap for one typed message: Postgres uses PQ_LARGE_MESSAGE_LIMIT (1 GiB - 1); we keep 256 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
