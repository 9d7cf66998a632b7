// src/wlm/index.ts
//! Workload management: the statement and connection logs behind Redshift's STL/STV/SYS views
//! (queues, slots and timeouts to come). May import engine only.

export {
  ConnectionLog,
  type ConnectionEvent,
  type ConnectionEventInfo,
  type ConnectionLogEntry,
} from "./connection-log.js";
export { CONNECTION_LOG_TABLE, LOG_SCHEMA, type LogTable, QUERY_END_TABLE, QUERY_LOG_TABLE } from "./log-tables.js";
export { LogWriter } from "./log-writer.js";
export {
  QueryLog,
  type QueryFinishInfo,
  type QueryLogEntry,
  type QueryStartInfo,
  type QueryStatus,
} from "./query-log.js";
export { type StatementKind, type StatementType, statementKind } from "./statement-kind.js";
export { SystemLogs } from "./system-logs.js";
