// src/catalog/system/views-keys.ts
//! Informational constraints (Redshift records PRIMARY KEY, UNIQUE and FOREIGN KEY but does not
//! enforce them): pg_constraint, and pg_index rows for primary keys and unique constraints, each
//! also a pg_class row of kind 'i' named after the constraint (INDEX_CLASS, part of pg_class).
//! Drivers find primary keys this way: pgjdbc getPrimaryKeys, SQLAlchemy, psqlODBC SQLPrimaryKeys.

import type { SystemViewDef } from "./defs.js";

/** Primary key and unique constraints appear as btree indexes named after the constraint (pgjdbc,
 * SQLAlchemy and psqlODBC find primary keys through pg_index); Redshift does not enforce them. */
const KEY_INDEXES = "{cat}.constraints k JOIN {cat}.relations r ON r.oid = k.rel_oid WHERE k.kind IN ('p', 'u')";

export const INDEX_CLASS = `
  SELECT k.oid, k.name AS relname, r.schema_oid AS relnamespace, coalesce(u.usesysid, 1) AS relowner, 'i' AS relkind,
    CASE WHEN r.temporary THEN 't' ELSE 'p' END AS relpersistence, len(k.columns) AS relnatts, 8 AS reldiststyle,
    false AS hasindex, NULL::VARCHAR[] AS acl
  FROM ${KEY_INDEXES.replace("WHERE", "LEFT JOIN {cluster}.users u ON u.name = r.owner WHERE")}`;

export const KEY_VIEWS: readonly SystemViewDef[] = [
  {
    schema: "pg_catalog",
    name: "pg_constraint",
    oid: 2606,
    relkind: "r",
    columns: [
      ["oid", "oid"],
      ["conname", "name"],
      ["connamespace", "oid"],
      ["contype", "char"],
      ["condeferrable", "bool", "false"],
      ["condeferred", "bool", "false"],
      ["convalidated", "bool", "true"],
      ["conrelid", "oid"],
      ["contypid", "oid", "0"],
      ["conindid", "oid", "CASE WHEN contype IN ('p', 'u') THEN oid ELSE 0 END"],
      ["conparentid", "oid", "0"],
      ["confrelid", "oid"],
      ["confupdtype", "char", "CASE WHEN contype = 'f' THEN 'a' ELSE ' ' END"],
      ["confdeltype", "char", "CASE WHEN contype = 'f' THEN 'a' ELSE ' ' END"],
      ["confmatchtype", "char", "CASE WHEN contype = 'f' THEN 's' ELSE ' ' END"],
      ["conislocal", "bool", "true"],
      ["coninhcount", "int4", "0"],
      ["connoinherit", "bool", "true"],
      ["conkey", "int2[]"],
      ["confkey", "int2[]"],
      ["conpfeqop", "oid[]", "NULL"],
      ["conppeqop", "oid[]", "NULL"],
      ["conffeqop", "oid[]", "NULL"],
      ["confdelsetcols", "int2[]", "NULL"],
      ["conexclop", "oid[]", "NULL"],
      ["conbin", "text", "NULL"],
      ["consrc", "text"],
    ],
    body: `SELECT k.oid, k.name AS conname, r.schema_oid AS connamespace, k.kind AS contype, k.rel_oid AS conrelid,
        coalesce(k.ref_rel_oid, 0) AS confrelid, k.columns AS conkey, k.ref_columns AS confkey, k.definition AS consrc
      FROM {cat}.constraints k JOIN {cat}.relations r ON r.oid = k.rel_oid`,
  },
  {
    schema: "pg_catalog",
    name: "pg_index",
    oid: 2610,
    relkind: "r",
    columns: [
      ["indexrelid", "oid"],
      ["indrelid", "oid"],
      ["indnatts", "int2"],
      ["indnkeyatts", "int2", "indnatts"],
      ["indisunique", "bool", "true"],
      ["indnullsnotdistinct", "bool", "false"],
      ["indisprimary", "bool"],
      ["indisexclusion", "bool", "false"],
      ["indimmediate", "bool", "true"],
      ["indisclustered", "bool", "false"],
      ["indisvalid", "bool", "true"],
      ["indcheckxmin", "bool", "false"],
      ["indisready", "bool", "true"],
      ["indislive", "bool", "true"],
      ["indisreplident", "bool", "false"],
      ["indkey", "int2vector"],
      ["indcollation", "oidvector", "list_transform(indkey, lambda x: 0)"],
      ["indclass", "oidvector", "list_transform(indkey, lambda x: 1978)"],
      ["indoption", "int2vector", "list_transform(indkey, lambda x: 0)"],
      ["indexprs", "text", "NULL"],
      ["indpred", "text", "NULL"],
    ],
    body: `SELECT k.oid AS indexrelid, k.rel_oid AS indrelid, len(k.columns) AS indnatts, k.kind = 'p' AS indisprimary,
        k.columns AS indkey FROM ${KEY_INDEXES}`,
  },
];
