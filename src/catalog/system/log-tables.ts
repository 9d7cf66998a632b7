// src/catalog/system/log-tables.ts
//! The log tables the query-history and load views read, created empty at install. src/wlm writes
//! the statement and connection logs and holds the same column lists (it may not import catalog; a
//! unit test checks that the lists agree); src/lake/copy/load-log.ts writes the load logs and takes
//! its definitions from here.

export const LOG_DATA_TABLES: Readonly<Record<string, string>> = {
  query_log:
    "query BIGINT, pid INTEGER, userid INTEGER, username VARCHAR, database VARCHAR, label VARCHAR, xid BIGINT, " +
    "stmt_type VARCHAR, query_type VARCHAR, querytxt VARCHAR, starttime TIMESTAMP",
  query_end: "query BIGINT, endtime TIMESTAMP, status VARCHAR, rows BIGINT, error VARCHAR",
  connection_log:
    "seq BIGINT, event VARCHAR, recordtime TIMESTAMP, remotehost VARCHAR, remoteport INTEGER, pid INTEGER, " +
    "dbname VARCHAR, username VARCHAR, authmethod VARCHAR, duration BIGINT, application_name VARCHAR, " +
    "driver_version VARCHAR, os_version VARCHAR",
  load_errors:
    "userid INTEGER, slice INTEGER, tbl INTEGER, starttime TIMESTAMP, session INTEGER, query INTEGER, " +
    "filename VARCHAR, line_number BIGINT, colname VARCHAR, type VARCHAR, col_length VARCHAR, position INTEGER, " +
    "raw_line VARCHAR, raw_field_value VARCHAR, err_code INTEGER, err_reason VARCHAR, is_partial INTEGER, " +
    "start_offset BIGINT",
  load_commits:
    "userid INTEGER, query INTEGER, slice INTEGER, name VARCHAR, filename VARCHAR, byte_offset INTEGER, " +
    "lines_scanned INTEGER, errors INTEGER, curtime TIMESTAMP, status INTEGER, file_format VARCHAR",
  load_history:
    "user_id INTEGER, query_id BIGINT, status VARCHAR, session_id INTEGER, transaction_id BIGINT, " +
    "database_name VARCHAR, table_name VARCHAR, start_time TIMESTAMP, end_time TIMESTAMP, duration BIGINT, " +
    "data_source VARCHAR, file_format VARCHAR, loaded_rows BIGINT, loaded_bytes BIGINT, source_file_count INTEGER, " +
    "source_file_bytes BIGINT, file_count_scanned INTEGER, error_count INTEGER, error_message VARCHAR",
};
