// src/catalog/system/views-empty.ts
//! Catalogs Lakeshift has no rows for (yet), with Postgres 15's columns so client queries bind
//! (and pg_group, over the cluster's groups):
//! psql's \d reads pg_index, pg_policy, pg_statistic_ext, pg_publication*, pg_inherits.

import type { SystemViewDef } from "./defs.js";

function empty(name: string, oid: number, columns: SystemViewDef["columns"]): SystemViewDef {
  return { schema: "pg_catalog", name, oid, relkind: "r", columns };
}

export const EMPTY_VIEWS: readonly SystemViewDef[] = [
  empty("pg_inherits", 2611, [
    ["inhrelid", "oid"],
    ["inhparent", "oid"],
    ["inhseqno", "int4"],
    ["inhdetachpending", "bool"],
  ]),
  empty("pg_policy", 3256, [
    ["oid", "oid"],
    ["polname", "name"],
    ["polrelid", "oid"],
    ["polcmd", "char"],
    ["polpermissive", "bool"],
    ["polroles", "oid[]"],
    ["polqual", "text"],
    ["polwithcheck", "text"],
  ]),
  empty("pg_statistic_ext", 3381, [
    ["oid", "oid"],
    ["stxrelid", "oid"],
    ["stxname", "name"],
    ["stxnamespace", "oid"],
    ["stxowner", "oid"],
    ["stxstattarget", "int4"],
    ["stxkeys", "int2[]"],
    ["stxkind", "char[]"],
    ["stxexprs", "text"],
  ]),
  empty("pg_publication", 6104, [
    ["oid", "oid"],
    ["pubname", "name"],
    ["pubowner", "oid"],
    ["puballtables", "bool"],
    ["pubinsert", "bool"],
    ["pubupdate", "bool"],
    ["pubdelete", "bool"],
    ["pubtruncate", "bool"],
    ["pubviaroot", "bool"],
  ]),
  empty("pg_publication_rel", 6106, [
    ["oid", "oid"],
    ["prpubid", "oid"],
    ["prrelid", "oid"],
    ["prqual", "text"],
    ["prattrs", "int2[]"],
  ]),
  empty("pg_publication_namespace", 6237, [
    ["oid", "oid"],
    ["pnpubid", "oid"],
    ["pnnspid", "oid"],
  ]),
  empty("pg_trigger", 2620, [
    ["oid", "oid"],
    ["tgrelid", "oid"],
    ["tgparentid", "oid"],
    ["tgname", "name"],
    ["tgfoid", "oid"],
    ["tgtype", "int2"],
    ["tgenabled", "char"],
    ["tgisinternal", "bool"],
    ["tgconstrrelid", "oid"],
    ["tgconstrindid", "oid"],
    ["tgconstraint", "oid"],
    ["tgdeferrable", "bool"],
    ["tginitdeferred", "bool"],
    ["tgnargs", "int2"],
    ["tgattr", "int2[]"],
    ["tgargs", "text"],
    ["tgqual", "text"],
    ["tgoldtable", "name"],
    ["tgnewtable", "name"],
  ]),
  empty("pg_rewrite", 2618, [
    ["oid", "oid"],
    ["rulename", "name"],
    ["ev_class", "oid"],
    ["ev_type", "char"],
    ["ev_enabled", "char"],
    ["is_instead", "bool"],
    ["ev_qual", "text"],
    ["ev_action", "text"],
  ]),
  empty("pg_enum", 3501, [
    ["oid", "oid"],
    ["enumtypid", "oid"],
    ["enumsortorder", "float4"],
    ["enumlabel", "name"],
  ]),
  empty("pg_sequence", 2224, [
    ["seqrelid", "oid"],
    ["seqtypid", "oid"],
    ["seqstart", "int8"],
    ["seqincrement", "int8"],
    ["seqmax", "int8"],
    ["seqmin", "int8"],
    ["seqcache", "int8"],
    ["seqcycle", "bool"],
  ]),
  {
    // Redshift's user groups (CREATE GROUP), with their members' user ids.
    schema: "pg_catalog",
    name: "pg_group",
    relkind: "v",
    columns: [
      ["groname", "name"],
      ["grosysid", "oid"],
      ["grolist", "oid[]"],
    ],
    body: `SELECT g.name AS groname, g.grosysid,
        list(u.usesysid ORDER BY u.usesysid) FILTER (WHERE u.usesysid IS NOT NULL) AS grolist
      FROM {cluster}.user_groups g LEFT JOIN {cluster}.group_members m ON m.group_name = g.name
        LEFT JOIN {cluster}.users u ON u.name = m.user_name
      GROUP BY g.name, g.grosysid`,
  },
  {
    schema: "pg_catalog",
    name: "pg_matviews",
    relkind: "v",
    columns: [
      ["schemaname", "name"],
      ["matviewname", "name"],
      ["matviewowner", "name"],
      ["tablespace", "name"],
      ["hasindexes", "bool"],
      ["ispopulated", "bool"],
      ["definition", "text"],
    ],
  },
];
