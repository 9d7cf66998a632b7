// src/catalog/system/views-history.ts
//! Redshift's query-history views over the statement and connection logs that src/wlm writes to
//! {data}.query_log and {data}.connection_log. The STL/SVL views show finished statements (STL
//! tables are logs); STV views show what runs now; SYS views show both. Redshift pads its
//! character(n) columns; these return unpadded text (clients trim() them anyway).
//! https://docs.aws.amazon.com/redshift/latest/dg/c_intro_STL_tables.html

import type { SystemViewDef } from "./defs.js";

const FINISHED = "status <> 'running'";
/** Superusers see every row, a regular user only their own (see sessionUserSql). */
const MINE = "(coalesce(getvariable('ls_superuser'), true) OR userid = getvariable('ls_usesysid'))";
const SUPERUSER = "coalesce(getvariable('ls_superuser'), true)";
/** Statements with how they ended (no query_end row: still running). */
const Q = `(SELECT s.*, e.endtime, coalesce(e.status, 'running') AS status, coalesce(e.rows, 0) AS rows, e.error
  FROM {data}.query_log s LEFT JOIN {data}.query_end e ON e.query = s.query WHERE ${MINE}) AS q`;
const ABORTED = "CASE WHEN status IN ('failed', 'cancelled') THEN 1 ELSE 0 END";
const ELAPSED_US = "coalesce(epoch_us(endtime), epoch_us(now())) - epoch_us(starttime)";

/** A query's text cut into `size`-character rows numbered from 0 (stl_querytext, svl_statementtext). */
function chunked(where: string, size: number): string {
  return `SELECT *, substr(querytxt, CAST(sequence AS INTEGER) * ${size} + 1, ${size}) AS text FROM (
      SELECT *, unnest(range(0, CAST(greatest(ceil(length(querytxt) / ${size}.0), 1) AS BIGINT))) AS sequence
      FROM ${Q} WHERE ${where})`;
}

/** stl_ddltext / stl_utilitytext: a statement's text in 200-character rows. */
const TEXT_COLUMNS: SystemViewDef["columns"] = [
  ["userid", "int4"],
  ["xid", "int8"],
  ["pid", "int4"],
  ["label", "text"],
  ["starttime", "timestamp"],
  ["endtime", "timestamp"],
  ["sequence", "int4"],
  ["text", "text"],
];

function view(name: string, columns: SystemViewDef["columns"], body: string): SystemViewDef {
  return { schema: "pg_catalog", name, relkind: "v", columns, body };
}

export const HISTORY_VIEWS: readonly SystemViewDef[] = [
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY.html
  view(
    "stl_query",
    [
      ["userid", "int4"],
      ["query", "int4"],
      ["label", "text"],
      ["xid", "int8"],
      ["pid", "int4"],
      ["database", "text"],
      ["querytxt", "text", "left(querytxt, 4000)"],
      ["starttime", "timestamp"],
      ["endtime", "timestamp"],
      ["aborted", "int4", ABORTED],
      ["insert_pristine", "int4", "0"],
      ["concurrency_scaling_status", "int4", "0"],
    ],
    `SELECT * FROM ${Q} WHERE stmt_type = 'QUERY' AND ${FINISHED}`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERYTEXT.html
  view(
    "stl_querytext",
    [
      ["userid", "int4"],
      ["xid", "int8"],
      ["pid", "int4"],
      ["query", "int4"],
      ["sequence", "int4"],
      ["text", "text"],
    ],
    chunked(`stmt_type = 'QUERY' AND ${FINISHED}`, 200),
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QLOG.html
  view(
    "svl_qlog",
    [
      ["userid", "int4"],
      ["query", "int4"],
      ["xid", "int8"],
      ["pid", "int4"],
      ["starttime", "timestamp"],
      ["endtime", "timestamp"],
      ["elapsed", "int8", ELAPSED_US],
      ["aborted", "int4", ABORTED],
      ["label", "text"],
      ["substring", "text", "left(querytxt, 60)"],
      ["source_query", "int4", "NULL"],
      ["concurrency_scaling_status_txt", "text", "'0 - Ran on the main cluster'"],
      ["from_sp_call", "int4", "NULL"],
    ],
    `SELECT * FROM ${Q} WHERE stmt_type = 'QUERY' AND ${FINISHED}`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html: running queries and the
  // last 100 finished ones.
  view(
    "stv_recents",
    [
      ["userid", "int4"],
      ["status", "text", "CASE WHEN status = 'running' THEN 'Running' ELSE 'Done' END"],
      ["starttime", "timestamp"],
      ["duration", "int4", `least(${ELAPSED_US}, 2147483647)`],
      ["user_name", "text", "username"],
      ["db_name", "text", "database"],
      ["query", "text", "left(querytxt, 600)"],
      ["pid", "int4"],
    ],
    `SELECT * FROM ${Q} WHERE status = 'running'
      OR query IN (SELECT query FROM {data}.query_end ORDER BY query DESC LIMIT 100)`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STV_INFLIGHT.html
  view(
    "stv_inflight",
    [
      ["userid", "int4"],
      ["slice", "int4", "0"],
      ["query", "int4"],
      ["label", "text"],
      ["xid", "int8"],
      ["pid", "int4"],
      ["starttime", "timestamp"],
      ["text", "text", "left(querytxt, 100)"],
      ["suspended", "int4", "0"],
      ["insert_pristine", "int4", "0"],
      ["concurrency_scaling_status", "int4", "0"],
    ],
    `SELECT * FROM ${Q} WHERE status = 'running'`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_STATEMENTTEXT.html
  view(
    "svl_statementtext",
    [
      ["userid", "int4"],
      ["xid", "int8"],
      ["pid", "int4"],
      ["label", "text"],
      ["starttime", "timestamp"],
      ["endtime", "timestamp"],
      ["sequence", "int4"],
      ["type", "text", "stmt_type"],
      ["text", "text"],
    ],
    chunked(FINISHED, 200),
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_DDLTEXT.html
  view("stl_ddltext", TEXT_COLUMNS, chunked(`stmt_type = 'DDL' AND ${FINISHED}`, 200)),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_UTILITYTEXT.html
  view("stl_utilitytext", TEXT_COLUMNS, chunked(`stmt_type = 'UTILITY' AND ${FINISHED}`, 200)),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SESSIONS.html: sessions authenticated and not gone.
  view(
    "stv_sessions",
    [
      ["starttime", "timestamp", "recordtime"],
      ["process", "int4", "pid"],
      ["user_name", "text", "username"],
      ["db_name", "text", "dbname"],
      ["timeout_sec", "int4", "0"],
    ],
    `SELECT * FROM {data}.connection_log a WHERE a.event = 'authenticated'
      AND NOT EXISTS (SELECT 1 FROM {data}.connection_log d WHERE d.event = 'disconnecting session' AND d.pid = a.pid)
      AND (${SUPERUSER} OR a.username = (SELECT u.name FROM {cluster}.users u WHERE u.usesysid = getvariable('ls_usesysid')))`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_CONNECTION_LOG.html
  view(
    "stl_connection_log",
    [
      ["event", "text"],
      ["recordtime", "timestamp"],
      ["remotehost", "text"],
      ["remoteport", "text", "CASE WHEN remoteport > 0 THEN CAST(remoteport AS VARCHAR) ELSE '' END"],
      ["pid", "int4"],
      ["dbname", "text"],
      ["username", "text"],
      ["authmethod", "text"],
      ["duration", "int4"],
      ["sslversion", "text", "''"],
      ["sslcipher", "text", "''"],
      ["mtu", "int4", "0"],
      ["sslcompression", "text", "''"],
      ["sslexpansion", "text", "''"],
      ["iamauthguid", "text", "''"],
      ["application_name", "text"],
      ["os_version", "text"],
      ["driver_version", "text"],
      ["plugin_name", "text", "''"],
      ["protocol_version", "int4", "3"],
      ["sessionid", "text", "CAST(pid AS VARCHAR)"],
      ["compression", "text", "'off'"],
    ],
    `SELECT * FROM {data}.connection_log WHERE ${SUPERUSER}`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html
  view(
    "sys_query_history",
    [
      ["user_id", "int4", "userid"],
      ["query_id", "int8", "query"],
      ["query_label", "text", "label"],
      ["transaction_id", "int8", "xid"],
      ["session_id", "int4", "pid"],
      ["database_name", "text", "database"],
      ["query_type", "text"],
      ["status", "text", "CASE status WHEN 'cancelled' THEN 'canceled' ELSE status END"],
      ["result_cache_hit", "bool", "false"],
      ["start_time", "timestamp", "starttime"],
      ["end_time", "timestamp", "endtime"],
      ["elapsed_time", "int8", ELAPSED_US],
      ["queue_time", "int8", "0"],
      ["execution_time", "int8", ELAPSED_US],
      ["error_message", "text", "error"],
      ["returned_rows", "int8", "rows"],
      ["returned_bytes", "int8", "NULL"],
      ["query_text", "text", "left(querytxt, 4000)"],
      ["redshift_version", "text", "NULL"],
      ["usage_limit", "text", "NULL"],
      ["compute_type", "text", "'primary'"],
      ["compile_time", "int8", "0"],
      ["planning_time", "int8", "0"],
      ["lock_wait_time", "int8", "0"],
      ["service_class_id", "int4", "100"],
      ["service_class_name", "text", "'Default queue'"],
      ["query_priority", "text", "'Normal'"],
      ["short_query_accelerated", "text", "'false'"],
      ["user_query_hash", "text", "NULL"],
      ["generic_query_hash", "text", "NULL"],
      ["query_hash_version", "int4", "NULL"],
      ["result_cache_query_id", "int8", "NULL"],
    ],
    `SELECT * FROM ${Q}`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html: one step per query
  // (DuckDB's plan is not broken into Redshift's streams and segments).
  view(
    "sys_query_detail",
    [
      ["user_id", "int4", "userid"],
      ["query_id", "int8", "query"],
      ["child_query_sequence", "int4", "1"],
      ["stream_id", "int4", "0"],
      ["segment_id", "int4", "0"],
      ["step_id", "int4", "0"],
      ["step_name", "text", "'return'"],
      ["table_id", "int4", "NULL"],
      ["table_name", "text", "NULL"],
      ["start_time", "timestamp", "starttime"],
      ["end_time", "timestamp", "endtime"],
      ["duration", "int8", ELAPSED_US],
      ["alert", "text", "''"],
      ["input_bytes", "int8", "0"],
      ["input_rows", "int8", "rows"],
      ["output_bytes", "int8", "0"],
      ["output_rows", "int8", "rows"],
      ["blocks_read", "int8", "0"],
      ["blocks_write", "int8", "0"],
      ["local_read_io", "int8", "0"],
      ["remote_read_io", "int8", "0"],
      ["data_skewness", "int8", "0"],
      ["time_skewness", "int8", "0"],
      ["is_active", "text", "CASE WHEN status = 'running' THEN 't' ELSE 'f' END"],
      ["is_rrscan", "text", "'f'"],
      ["is_spilled", "text", "'f'"],
      ["spilled_block_local_disk", "int8", "0"],
      ["spilled_block_remote_disk", "int8", "0"],
      ["step_attribute", "text", "''"],
    ],
    `SELECT * FROM ${Q} WHERE stmt_type = 'QUERY'`,
  ),
];
