// src/catalog/well-known.ts
//! Fixed object ids, as Postgres (and Redshift) hand them out. User objects start at FIRST_USER_OID.

export const FIRST_USER_OID = 100000;

/** The schema, in every Redshift database's DuckDB file, that holds the catalog tables. */
export const CATALOG_SCHEMA = "_lakeshift";

/** Where cluster-wide rows (users, databases) live. */
export const CLUSTER_DATABASE = "dev";

export const WellKnownOid = {
  /** Namespaces. */
  pgCatalog: 11,
  pgToast: 99,
  public: 2200,
  informationSchema: 14000,
  /** The 'dev' database. Other databases take oids from dev's counter. */
  devDatabase: 16384,
  /** rdsdb, the internal superuser that owns system objects. */
  rdsdb: 1,
  /** pg_class.oid of catalogs that clients name in regclass casts and classoid columns. */
  pgClass: 1259,
  pgNamespace: 2615,
  pgAttribute: 1249,
  pgType: 1247,
  pgProc: 1255,
  pgDatabase: 1262,
  pgDescription: 2609,
  pgConstraint: 2606,
  /** Access methods and collations. */
  heapAm: 2,
  btreeAm: 403,
  defaultCollation: 100,
  cCollation: 950,
  posixCollation: 951,
  /** Tablespaces. */
  pgDefaultTablespace: 1663,
  pgGlobalTablespace: 1664,
} as const;

/** The first usesysid handed to a created user (rdsdb is 1). */
export const FIRST_USER_SYSID = 100;
