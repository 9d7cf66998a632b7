// src/catalog/system/acl-sql.ts
//! pg_class.relacl from the catalog's grants ({cat}.acl): aclitems like bob=rw/admin, in
//! Postgres's letters (a insert, r select, w update, d delete, R rule, x references, t trigger,
//! D truncate/drop; * grantable), per grantee and grantor. pg_class adds the owner's entry first.

/** Privilege letters of an aclitem, in Postgres's order. */
const ACL_LETTER =
  "CASE a.privilege WHEN 'insert' THEN 'a' WHEN 'select' THEN 'r' WHEN 'update' THEN 'w' WHEN 'delete' THEN 'd' " +
  "WHEN 'rule' THEN 'R' WHEN 'references' THEN 'x' WHEN 'trigger' THEN 't' WHEN 'truncate' THEN 'D' " +
  "WHEN 'drop' THEN 'D' ELSE '' END";

/** relacl: NULL until something is granted, then the owner's entry and one per grantee and grantor. */
export const RELACL = `
  SELECT objoid, list(entry ORDER BY entry) AS acl FROM (
    SELECT a.objoid, CASE a.grantee_kind WHEN 'public' THEN '' WHEN 'group' THEN 'group ' || a.grantee
        ELSE a.grantee END || '=' ||
      string_agg(${ACL_LETTER} || CASE WHEN a.grantable THEN '*' ELSE '' END, ''
        ORDER BY position(${ACL_LETTER} IN 'arwdRxtD')) || '/' || a.grantor AS entry
    FROM {cat}.acl a WHERE a.objkind = 'table' AND a.column_name IS NULL
    GROUP BY a.objoid, a.grantee_kind, a.grantee, a.grantor)
  GROUP BY objoid`;
