// src/catalog/store/grant-tables.ts
//! The catalog tables for privileges, groups and roles, as data (bootstrap.ts creates them).
//! Object grants and default privileges live in each database's catalog, as Redshift keeps
//! pg_class.relacl and pg_default_acl per database; grants on databases, groups and roles are
//! cluster-wide and live in dev. Imports nothing, so bootstrap.ts can spread it.

/** Per-database: object ACL entries (one row per privilege, per column for column grants). */
export const ACL_DATABASE_TABLES: Readonly<Record<string, string>> = {
  acl:
    "objkind VARCHAR, objoid INTEGER, objname VARCHAR, grantee_kind VARCHAR, grantee VARCHAR, " +
    "privilege VARCHAR, column_name VARCHAR, grantable BOOLEAN, grantor VARCHAR",
  default_acl:
    "for_user VARCHAR, schema_name VARCHAR, objects VARCHAR, grantee_kind VARCHAR, grantee VARCHAR, " +
    "privilege VARCHAR, grantable BOOLEAN",
  rls_policies: "name VARCHAR, columns VARCHAR, alias VARCHAR, using_sql VARCHAR, owner VARCHAR",
  rls_attachments: "policy VARCHAR, rel_oid INTEGER, grantee_kind VARCHAR, grantee VARCHAR",
  rls_tables: "rel_oid INTEGER, enabled BOOLEAN, conjunction VARCHAR",
};

/** Cluster-wide (dev): groups, roles and who belongs to them. */
export const ACL_CLUSTER_TABLES: Readonly<Record<string, string>> = {
  user_groups: "grosysid INTEGER, name VARCHAR",
  group_members: "group_name VARCHAR, user_name VARCHAR",
  roles: "role_id INTEGER, name VARCHAR, owner VARCHAR",
  role_members: "role_name VARCHAR, member_kind VARCHAR, member VARCHAR, admin_option BOOLEAN",
  /** stl_userlog: CREATE/ALTER/DROP USER as they commit. */
  user_log:
    "userid INTEGER, username VARCHAR, oldusername VARCHAR, action VARCHAR, usecreatedb BOOLEAN, " +
    "usesuper BOOLEAN, valuntil TIMESTAMPTZ, pid INTEGER, recordtime TIMESTAMP",
};
