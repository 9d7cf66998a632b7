// src/catalog/system/views-security.ts
//! Roles, grants, row-level security and user changes as Redshift's views show them: svv_roles,
//! svv_user_grants, svv_role_grants, svv_relation_privileges, svv_column_privileges,
//! svv_rls_policy, svv_rls_attached_policy and stl_userlog, over the tables of
//! src/catalog/store/grant-tables.ts (pg_group is in views-empty.ts).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html

import type { SystemViewDef } from "./defs.js";

function view(name: string, columns: SystemViewDef["columns"], body: string): SystemViewDef {
  return { schema: "pg_catalog", name, relkind: "v", columns, body };
}

/** Grants on tables and views, one row per privilege and grantee (column grants listed apart). */
const RELATION_GRANTS = `
  SELECT s.name AS namespace_name, r.name AS relation_name, upper(a.privilege) AS privilege_type,
    coalesce(u.usesysid, g.grosysid, ro.role_id, 0) AS identity_id,
    CASE WHEN a.grantee_kind = 'public' THEN 'public' ELSE a.grantee END AS identity_name,
    a.grantee_kind AS identity_type, a.grantable AS admin_option, a.column_name
  FROM {cat}.acl a JOIN {cat}.relations r ON a.objkind = 'table' AND r.oid = a.objoid
    JOIN {cat}.schemas s ON s.oid = r.schema_oid
    LEFT JOIN {cluster}.users u ON a.grantee_kind = 'user' AND u.name = a.grantee
    LEFT JOIN {cluster}.user_groups g ON a.grantee_kind = 'group' AND g.name = a.grantee
    LEFT JOIN {cluster}.roles ro ON a.grantee_kind = 'role' AND ro.name = a.grantee`;

export const SECURITY_VIEWS: readonly SystemViewDef[] = [
  view(
    "svv_roles",
    [
      ["role_id", "int4"],
      ["role_name", "text"],
      ["role_owner", "text"],
      ["external_id", "text", "NULL"],
    ],
    "SELECT role_id, name AS role_name, owner AS role_owner FROM {cluster}.roles",
  ),
  view(
    "svv_user_grants",
    [
      ["user_id", "int4"],
      ["user_name", "text"],
      ["role_id", "int4"],
      ["role_name", "text"],
      ["admin_option", "bool"],
    ],
    `SELECT u.usesysid AS user_id, u.name AS user_name, coalesce(r.role_id, 0) AS role_id, m.role_name,
        m.admin_option
      FROM {cluster}.role_members m JOIN {cluster}.users u ON m.member_kind = 'user' AND u.name = m.member
        LEFT JOIN {cluster}.roles r ON r.name = m.role_name`,
  ),
  view(
    "svv_role_grants",
    [
      ["role_id", "int4"],
      ["role_name", "text"],
      ["granted_role_id", "int4"],
      ["granted_role_name", "text"],
    ],
    `SELECT coalesce(r.role_id, 0) AS role_id, m.member AS role_name, coalesce(g.role_id, 0) AS granted_role_id,
        m.role_name AS granted_role_name
      FROM {cluster}.role_members m LEFT JOIN {cluster}.roles r ON r.name = m.member
        LEFT JOIN {cluster}.roles g ON g.name = m.role_name
      WHERE m.member_kind = 'role'`,
  ),
  view(
    "svv_relation_privileges",
    [
      ["namespace_name", "text"],
      ["relation_name", "text"],
      ["privilege_type", "text"],
      ["identity_id", "int4"],
      ["identity_name", "text"],
      ["identity_type", "text"],
      ["admin_option", "bool"],
    ],
    `SELECT * FROM (${RELATION_GRANTS}) WHERE column_name IS NULL`,
  ),
  view(
    "svv_column_privileges",
    [
      ["namespace_name", "text"],
      ["relation_name", "text"],
      ["column_name", "text"],
      ["privilege_type", "text"],
      ["identity_id", "int4"],
      ["identity_name", "text"],
      ["identity_type", "text"],
    ],
    `SELECT * FROM (${RELATION_GRANTS}) WHERE column_name IS NOT NULL`,
  ),
  view(
    "svv_rls_policy",
    [
      ["poldb", "text"],
      ["polname", "text"],
      ["polalias", "text"],
      ["polatts", "text"],
      ["polqual", "text"],
      ["enabled", "bool", "true"],
      ["poldefault", "bool", "false"],
    ],
    `SELECT {dbname} AS poldb, name AS polname, alias AS polalias, columns AS polatts,
        coalesce(using_sql, 'true') AS polqual
      FROM {cat}.rls_policies`,
  ),
  view(
    "svv_rls_attached_policy",
    [
      ["relschema", "text"],
      ["relname", "text"],
      ["relkind", "text", "'table'"],
      ["polname", "text"],
      ["grantor", "text"],
      ["grantee", "text"],
      ["granteekind", "text"],
      ["is_pol_on", "bool", "true"],
      ["is_rls_on", "bool"],
      ["rls_conjuntion_type", "text"],
    ],
    `SELECT s.name AS relschema, r.name AS relname, a.policy AS polname, p.owner AS grantor,
        CASE WHEN a.grantee_kind = 'public' THEN 'public' ELSE a.grantee END AS grantee,
        a.grantee_kind AS granteekind, coalesce(t.enabled, false) AS is_rls_on,
        coalesce(t.conjunction, 'and') AS rls_conjuntion_type
      FROM {cat}.rls_attachments a JOIN {cat}.relations r ON r.oid = a.rel_oid
        JOIN {cat}.schemas s ON s.oid = r.schema_oid
        LEFT JOIN {cat}.rls_policies p ON p.name = a.policy
        LEFT JOIN {cat}.rls_tables t ON t.rel_oid = a.rel_oid`,
  ),
  view(
    "stl_userlog",
    [
      ["userid", "int4"],
      ["username", "text"],
      ["oldusername", "text"],
      ["action", "text"],
      ["usecreatedb", "int4"],
      ["usesuper", "int4"],
      ["usecatupd", "int4", "usesuper"],
      ["valuntil", "timestamp"],
      ["pid", "int4"],
      ["xid", "int8", "0"],
      ["recordtime", "timestamp"],
    ],
    `SELECT userid, username, oldusername, action, CAST(usecreatedb AS INTEGER) AS usecreatedb,
        CAST(usesuper AS INTEGER) AS usesuper, CAST(valuntil AS TIMESTAMP) AS valuntil, pid, recordtime
      FROM {cluster}.user_log`,
  ),
];
