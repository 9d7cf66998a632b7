// src/catalog/system/views-load.ts
//! Redshift's load views over the load logs src/lake/copy/load-log.ts writes ({data}.load_errors,
//! load_commits, load_history): one row per rejected line, per file loaded, per COPY.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html

import type { SysType, SystemViewDef } from "./defs.js";

function view(name: string, columns: SystemViewDef["columns"], body: string): SystemViewDef {
  return { schema: "pg_catalog", name, relkind: "v", columns, body };
}

/** Columns taken as they are from the data table. */
function cols(...list: [string, SysType][]): SystemViewDef["columns"] {
  return list;
}

export const LOAD_VIEWS: readonly SystemViewDef[] = [
  view(
    "stl_load_errors",
    cols(
      ["userid", "int4"],
      ["slice", "int4"],
      ["tbl", "int4"],
      ["starttime", "timestamp"],
      ["session", "int4"],
      ["query", "int4"],
      ["filename", "text"],
      ["line_number", "int8"],
      ["colname", "text"],
      ["type", "text"],
      ["col_length", "text"],
      ["position", "int4"],
      ["raw_line", "text"],
      ["raw_field_value", "text"],
      ["err_code", "int4"],
      ["err_reason", "text"],
      ["is_partial", "int4"],
      ["start_offset", "int8"],
    ),
    "SELECT * FROM {data}.load_errors",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_COMMITS.html
  view(
    "stl_load_commits",
    cols(
      ["userid", "int4"],
      ["query", "int4"],
      ["slice", "int4"],
      ["name", "text"],
      ["filename", "text"],
      ["byte_offset", "int4"],
      ["lines_scanned", "int4"],
      ["errors", "int4"],
      ["curtime", "timestamp"],
      ["status", "int4"],
      ["file_format", "text"],
    ),
    "SELECT * FROM {data}.load_commits",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_HISTORY.html
  view(
    "sys_load_history",
    cols(
      ["user_id", "int4"],
      ["query_id", "int8"],
      ["status", "text"],
      ["session_id", "int4"],
      ["transaction_id", "int8"],
      ["database_name", "text"],
      ["table_name", "text"],
      ["start_time", "timestamp"],
      ["end_time", "timestamp"],
      ["duration", "int8"],
      ["data_source", "text"],
      ["file_format", "text"],
      ["loaded_rows", "int8"],
      ["loaded_bytes", "int8"],
      ["source_file_count", "int4"],
      ["source_file_bytes", "int8"],
      ["file_count_scanned", "int4"],
      ["error_count", "int4"],
      ["error_message", "text"],
    ),
    "SELECT * FROM {data}.load_history",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
  view(
    "sys_load_error_detail",
    [
      ["user_id", "int4", "userid"],
      ["query_id", "int8", "query"],
      ["transaction_id", "int8", "NULL"],
      ["session_id", "int4", "session"],
      ["database_name", "text", "NULL"],
      ["table_id", "int4", "tbl"],
      ["start_time", "timestamp", "starttime"],
      ["file_name", "text", "filename"],
      ["line_number", "int8"],
      ["column_name", "text", "colname"],
      ["column_type", "text", "type"],
      ["column_length", "text", "col_length"],
      ["position", "int4"],
      ["error_code", "int4", "err_code"],
      ["error_message", "text", "err_reason"],
      ["raw_line", "text"],
      ["raw_field_value", "text"],
    ],
    "SELECT * FROM {data}.load_errors",
  ),
];
