// src/catalog/system/log-tables.ts
//! The log tables the query-history views read, created empty at install. src/wlm writes them
//! (its log-tables.ts holds the same column lists: wlm may not import catalog, and a unit test
//! checks that the two agree).

export const LOG_DATA_TABLES: Readonly<Record<string, string>> = {
  query_log:
    "query BIGINT, pid INTEGER, userid INTEGER, username VARCHAR, database VARCHAR, label VARCHAR, xid BIGINT, " +
    "stmt_type VARCHAR, query_type VARCHAR, querytxt VARCHAR, starttime TIMESTAMP",
  query_end: "query BIGINT, endtime TIMESTAMP, status VARCHAR, rows BIGINT, error VARCHAR",
  connection_log:
    "seq BIGINT, event VARCHAR, recordtime TIMESTAMP, remotehost VARCHAR, remoteport INTEGER, pid INTEGER, " +
    "dbname VARCHAR, username VARCHAR, authmethod VARCHAR, duration BIGINT, application_name VARCHAR, " +
    "driver_version VARCHAR, os_version VARCHAR",
};
