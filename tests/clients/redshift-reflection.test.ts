// tests/clients/redshift-reflection.test.ts
//! The reflection queries of sqlalchemy-redshift (PyPI only, so not installable here: its queries
//! are sent with node-postgres) answer correctly for tables created with each DISTSTYLE, sort key
//! style and column encoding: pg_class.reldiststyle and relacl, pg_attribute.attisdistkey /
//! attsortkeyord / attencodingtype, format_encoding(), pg_attrdef.adsrc.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Matrix } from "./matrix.js";

const TABLE_DEFS = `
  SELECT c.relkind, n.nspname AS "schema", c.relname,
    CASE c.reldiststyle WHEN 0 THEN 'EVEN' WHEN 1 THEN 'KEY' WHEN 8 THEN 'ALL' END AS "diststyle",
    u.usename AS "owner_name",
    TRIM(TRAILING ';' FROM pg_catalog.pg_get_viewdef(c.oid, true)) AS "view_definition",
    pg_catalog.array_to_string(c.relacl, '\n') AS "privileges"
  FROM pg_catalog.pg_class c
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_user u ON u.usesysid = c.relowner
  WHERE c.relkind IN ('r', 'v', 'm', 'S', 'f') AND n.nspname !~ '^pg_' AND n.nspname = 'rs'
  ORDER BY c.relkind, n.oid, n.nspname, c.relname`;

const COLUMNS = `
  SELECT n.nspname AS "schema", c.relname AS "table_name", att.attname AS "name",
    format_encoding(att.attencodingtype::integer) AS "encode",
    format_type(att.atttypid, att.atttypmod) AS "type",
    att.attisdistkey AS "distkey", att.attsortkeyord AS "sortkey", att.attnotnull AS "notnull",
    pg_catalog.col_description(att.attrelid, att.attnum) AS "comment",
    ad.adsrc, att.attnum
  FROM pg_catalog.pg_class c
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid
    LEFT JOIN pg_catalog.pg_attrdef ad ON att.attrelid = ad.adrelid AND att.attnum = ad.adnum
  WHERE n.nspname !~ '^pg_' AND n.nspname = 'rs' AND att.attnum > 0 AND NOT att.attisdropped
  ORDER BY n.nspname, c.relname, att.attnum`;

describe("sqlalchemy-redshift reflection queries", () => {
  let m: Matrix;

  before(async () => {
    m = await Matrix.start();
    await m.query("create schema rs");
    await m.query(
      "create table rs.k (id int not null encode az64 distkey, ts timestamp encode raw, note varchar(30) default 'n' encode zstd) compound sortkey(ts, id)",
    );
    await m.query(
      "create table rs.e (a int encode delta, b char(3) encode bytedict) diststyle even interleaved sortkey(a, b)",
    );
    await m.query("create table rs.a (a smallint encode mostly8, b varchar(10) encode text255) diststyle all");
    await m.query("create table rs.au (a bigint encode runlength) diststyle auto");
    await m.query("create view rs.v as select id from rs.k");
  });
  after(async () => {
    await m?.stop();
  });

  test("tables and views: relkind, diststyle from reldiststyle, owner, view definition, relacl", async () => {
    assert.deepEqual(await m.query(TABLE_DEFS), [
      ["r", "rs", "a", "ALL", "admin", null, null],
      ["r", "rs", "au", null, "admin", null, null],
      ["r", "rs", "e", "EVEN", "admin", null, null],
      ["r", "rs", "k", "KEY", "admin", null, null],
      ["v", "rs", "v", null, "admin", "SELECT id FROM rs.k", null],
    ]);
  });

  test("columns: encoding names, distkey, sort key positions, not null, defaults", async () => {
    assert.deepEqual(await m.query(COLUMNS), [
      ["rs", "a", "a", "mostly8", "smallint", false, 0, false, null, null, 1],
      ["rs", "a", "b", "text255", "character varying(10)", false, 0, false, null, null, 2],
      ["rs", "au", "a", "runlength", "bigint", false, 0, false, null, null, 1],
      ["rs", "e", "a", "delta", "integer", false, -1, false, null, null, 1],
      ["rs", "e", "b", "bytedict", "character(3)", false, 2, false, null, null, 2],
      ["rs", "k", "id", "az64", "integer", true, 2, true, null, null, 1],
      ["rs", "k", "ts", "none", "timestamp without time zone", false, 1, false, null, null, 2],
      ["rs", "k", "note", "zstd", "character varying(30)", false, 0, false, null, "'n'::character varying", 3],
      ["rs", "v", "id", "none", "integer", false, 0, false, null, null, 1],
    ]);
  });
});
