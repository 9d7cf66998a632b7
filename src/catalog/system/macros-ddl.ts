// src/catalog/system/macros-ddl.ts
//! The DDL of a table as Redshift's SHOW TABLE prints it, as a catalog macro over the "_lakeshift"
//! tables: columns with type, IDENTITY, NOT NULL, DEFAULT, ENCODE and distkey; informational
//! constraints; DISTSTYLE; [INTERLEAVED] SORTKEY. The statement SHOW TABLE <name> runs
//! SELECT "ls_sys"."<db>/pg_catalog".ls_show_table(<oid>).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_TABLE.html

import { PgOid, T } from "../../sql/types.js";
import type { SystemMacroDef } from "./defs.js";

const NL = "chr(10)";

const COLUMNS = `(SELECT string_agg('    ' || {pg}.quote_ident(_mc.name) || ' ' || {pg}.format_type(_mc.pg_type_oid, _mc.pg_typmod)
    || CASE WHEN _mc.identity_seed IS NOT NULL
         THEN ' identity(' || _mc.identity_seed || ', ' || _mc.identity_step || ')' ELSE '' END
    || CASE WHEN _mc.not_null THEN ' NOT NULL' ELSE '' END
    || CASE WHEN _mc.default_sql IS NOT NULL THEN ' DEFAULT ' || _mc.default_sql ELSE '' END
    || ' ENCODE ' || CASE WHEN _mc.encoding = 'none' THEN 'raw' ELSE _mc.encoding END
    || CASE WHEN _mc.distkey THEN ' distkey' ELSE '' END, ',' || ${NL} ORDER BY _mc.ordinal)
  FROM {cat}.columns _mc WHERE _mc.rel_oid = o)`;

const CONSTRAINTS = `coalesce((SELECT string_agg(',' || ${NL} || '    ' || _mk.definition, '' ORDER BY _mk.oid)
  FROM {cat}.constraints _mk WHERE _mk.rel_oid = o AND _mk.definition IS NOT NULL), '')`;

const SORTKEY = `coalesce((SELECT ${NL} || CASE WHEN min(_mc.sortkey_ord) < 0 THEN 'INTERLEAVED ' ELSE '' END || 'SORTKEY ( '
    || string_agg({pg}.quote_ident(_mc.name), ', ' ORDER BY abs(_mc.sortkey_ord)) || ' )'
  FROM {cat}.columns _mc WHERE _mc.rel_oid = o AND _mc.sortkey_ord <> 0 HAVING count(*) > 0), '')`;

const TABLE_DDL = `(SELECT 'CREATE TABLE ' || {pg}.quote_ident(_ms.name) || '.' || {pg}.quote_ident(_mr.name) || ' ('
    || ${NL} || ${COLUMNS} || ${CONSTRAINTS} || ${NL} || ')' || ${NL} || 'DISTSTYLE ' || upper(_mr.diststyle)
    || ${SORTKEY} || ';'
  FROM {cat}.relations _mr JOIN {cat}.schemas _ms ON _ms.oid = _mr.schema_oid WHERE _mr.oid = o AND _mr.kind = 'table')`;

export const DDL_MACROS: readonly SystemMacroDef[] = [
  {
    name: "ls_show_table",
    returns: T.text,
    pgReturnOid: PgOid.text,
    callable: true,
    overloads: [{ params: ["o"], body: TABLE_DDL }],
  },
];
