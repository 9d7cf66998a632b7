// src/sql/parser/show-catalog.ts
//! Redshift's SHOW DATABASES / SCHEMAS / TABLES / COLUMNS and SHOW TABLE, read as the queries over
//! the system views that hold their rows (svv_redshift_databases, svv_all_schemas, svv_all_tables,
//! svv_all_columns) and ls_show_table() (the DDL). The query is built as text and parsed here, so
//! every later layer sees an ordinary SELECT.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_TABLES.html

import type { Statement } from "../ast/index.js";
import { tokenize } from "../lexer/lexer.js";
import { Cursor } from "./cursor.js";
import { parseObjectName } from "./names.js";
import { parseQuery } from "./query.js";

function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** [LIKE 'pattern'] [LIMIT n] after the object: a filter on `column` and a row limit. */
function likeAndLimit(p: Cursor, column: string): { where: string; limit: string } {
  let where = "";
  let limit = "";
  if (p.acceptWord("like")) {
    const t = p.next();
    if (t.kind !== "string") throw p.error(t);
    where = ` AND ${column} LIKE ${literal(t.value)}`;
  }
  if (p.acceptWord("limit")) {
    const t = p.next();
    if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw p.error(t);
    limit = ` LIMIT ${t.value}`;
  }
  return { where, limit };
}

/** The query `sql` stands for, placed at the SHOW's position. */
function query(pos: number, sql: string): Statement {
  const q = new Cursor(sql, tokenize(sql));
  const stmt = parseQuery(q);
  if (!q.atEnd) throw q.error();
  return { ...stmt, pos };
}

/** The SHOW forms over the catalog, or undefined for SHOW <setting>. */
export function parseShowCatalog(p: Cursor): Statement | undefined {
  const start = p.tok;
  if (!p.isWord("show")) return undefined;
  const what = p.peek(1);
  if (what.kind !== "word") return undefined;
  const save = p.i;
  p.next();
  switch (what.value) {
    case "databases": {
      p.next();
      const { where, limit } = likeAndLimit(p, "database_name");
      return query(
        start.start,
        `SELECT database_name, database_owner, database_type, database_acl, database_options AS parameters,
           database_isolation_level FROM pg_catalog.svv_redshift_databases WHERE true${where}
         ORDER BY database_name${limit}`,
      );
    }
    case "schemas": {
      p.next();
      p.expectWord("from");
      p.expectWord("database");
      const db = p.ident();
      const { where, limit } = likeAndLimit(p, "schema_name");
      return query(
        start.start,
        `SELECT database_name, schema_name, schema_owner, schema_type, schema_acl, source_database, schema_option
         FROM pg_catalog.svv_all_schemas WHERE database_name = ${literal(db)}${where} ORDER BY schema_name${limit}`,
      );
    }
    case "tables": {
      p.next();
      p.expectWord("from");
      p.expectWord("schema");
      const n = parseObjectName(p);
      const db = n.schema !== undefined ? `database_name = ${literal(n.schema)} AND ` : "";
      const { where, limit } = likeAndLimit(p, "table_name");
      return query(
        start.start,
        `SELECT database_name, schema_name, table_name, table_type, table_acl, remarks FROM pg_catalog.svv_all_tables
         WHERE ${db}schema_name = ${literal(n.name)}${where} ORDER BY table_name${limit}`,
      );
    }
    case "columns": {
      p.next();
      p.expectWord("from");
      p.expectWord("table");
      const n = parseObjectName(p);
      const db = n.database !== undefined ? `database_name = ${literal(n.database)} AND ` : "";
      const schema = n.schema !== undefined ? `schema_name = ${literal(n.schema)} AND ` : "";
      const { where, limit } = likeAndLimit(p, "column_name");
      return query(
        start.start,
        `SELECT database_name, schema_name, table_name, column_name, ordinal_position, column_default, is_nullable,
           data_type, character_maximum_length, numeric_precision, numeric_scale, remarks
         FROM pg_catalog.svv_all_columns WHERE ${db}${schema}table_name = ${literal(n.name)}${where}
         ORDER BY ordinal_position${limit}`,
      );
    }
    case "table": {
      p.next();
      const n = parseObjectName(p);
      const name = [n.schema, n.name]
        .filter((x) => x !== undefined)
        .map((x) => (/^[a-z_][a-z0-9_$]*$/.test(x) ? x : `"${x.replaceAll('"', '""')}"`));
      return query(
        start.start,
        `SELECT pg_catalog.ls_show_table(${literal(name.join("."))}::regclass) AS "Show Table DDL statement"`,
      );
    }
    default:
      p.i = save;
      return undefined;
  }
}
