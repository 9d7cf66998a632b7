// src/catalog/system/registry.ts
//! All system views and macros in install order, with their oids, and the data rows that
//! describe them to pg_class / pg_attribute / pg_proc.

import { WellKnownOid } from "../well-known.js";
import { SYS_TYPES, type SysType, type SystemMacroDef, type SystemSchema, type SystemViewDef } from "./defs.js";
import { LOG_DATA_TABLES } from "./log-tables.js";
import { CATALOG_MACROS as CATALOG_FUNCTIONS, PURE_MACROS } from "./macros.js";
import { DDL_MACROS } from "./macros-ddl.js";
import { PG_TYPE_ROWS, TYPE_ALIASES } from "./pg-types.js";
import { CORE_VIEWS } from "./views-core.js";
import { DERIVED_VIEWS, HELPER_VIEWS, PRIVILEGE_VIEWS } from "./views-derived.js";
import { EMPTY_VIEWS } from "./views-empty.js";
import { HISTORY_VIEWS } from "./views-history.js";
import { KEY_VIEWS } from "./views-keys.js";
import { LOAD_VIEWS } from "./views-load.js";
import { LATE_BINDING_HELPERS, REDSHIFT_VIEWS } from "./views-redshift.js";
import { SECURITY_VIEWS } from "./views-security.js";

export interface SystemView extends SystemViewDef {
  readonly oid: number;
}

const FIRST_ASSIGNED_RELATION_OID = 12000;
const FIRST_ASSIGNED_PROC_OID = 13000;

function withOids(defs: readonly SystemViewDef[], start: { next: number }): SystemView[] {
  return defs.map((d) => ({ ...d, oid: d.oid ?? start.next++ }));
}

const counter = { next: FIRST_ASSIGNED_RELATION_OID };

/** Install stages, in order: views read only tables; macros in CATALOG_MACROS read views. */
export const BASE_VIEWS: readonly SystemView[] = withOids(
  [
    ...CORE_VIEWS,
    ...KEY_VIEWS,
    ...EMPTY_VIEWS,
    ...HELPER_VIEWS,
    ...HISTORY_VIEWS,
    ...LOAD_VIEWS,
    ...LATE_BINDING_HELPERS,
    ...SECURITY_VIEWS,
  ],
  counter,
);
export const LATE_VIEWS: readonly SystemView[] = withOids(
  [...DERIVED_VIEWS, ...PRIVILEGE_VIEWS, ...REDSHIFT_VIEWS],
  counter,
);
export const CATALOG_MACROS: readonly SystemMacroDef[] = [...CATALOG_FUNCTIONS, ...DDL_MACROS];
export { PURE_MACROS };

export const SYSTEM_VIEWS: readonly SystemView[] = [...BASE_VIEWS, ...LATE_VIEWS];
export const SYSTEM_MACROS: readonly SystemMacroDef[] = [...PURE_MACROS, ...CATALOG_MACROS];

export const SYSTEM_NAMESPACES: readonly (readonly [number, SystemSchema])[] = [
  [WellKnownOid.pgCatalog, "pg_catalog"],
  [WellKnownOid.informationSchema, "information_schema"],
];

const viewsByName = new Map<string, SystemView>();
for (const v of SYSTEM_VIEWS) if (!v.internal) viewsByName.set(`${v.schema}.${v.name}`, v);
const macrosByName = new Map<string, SystemMacroDef>();
for (const m of SYSTEM_MACROS) if (!m.name.startsWith("ls_") || m.callable) macrosByName.set(m.name, m);

export function systemView(schema: string, name: string): SystemView | undefined {
  return viewsByName.get(`${schema}.${name}`);
}

/** Postgres's vector types, which print as space-separated elements ('23 1043'), not as arrays. */
export type VectorType = "int2vector" | "oidvector";

const vectorColumns = new Map<string, VectorType>();
for (const v of SYSTEM_VIEWS) {
  v.columns.forEach(([, type], i) => {
    if (type === "int2vector" || type === "oidvector") vectorColumns.set(`${v.oid}:${i + 1}`, type);
  });
}

/** The vector type of a system view's column (by the view's oid and the column's number), if it has one. */
export function systemVectorType(relationOid: number, attnum: number): VectorType | undefined {
  return vectorColumns.get(`${relationOid}:${attnum}`);
}

export function systemMacro(name: string): SystemMacroDef | undefined {
  return macrosByName.get(name);
}

export function isSystemSchema(name: string): name is SystemSchema {
  return name === "pg_catalog" || name === "information_schema";
}

const TYPLEN: Readonly<Record<SysType, number>> = {
  oid: 4,
  name: 64,
  text: -1,
  char: 1,
  bool: 1,
  int2: 2,
  int4: 4,
  int8: 8,
  float4: 4,
  float8: 8,
  timestamp: 8,
  timestamptz: 8,
  "numeric(5,2)": -1,
  "numeric(10,4)": -1,
  "numeric(19,2)": -1,
  "numeric(38,0)": -1,
  "oid[]": -1,
  "int2[]": -1,
  int2vector: -1,
  oidvector: -1,
  "text[]": -1,
  "char[]": -1,
};

/** Rows of the shared data tables, by table: column list and rows. */
export function systemDataTables(): Record<string, { columns: string; rows: unknown[][] }> {
  const nsOid = (s: SystemSchema) => (s === "pg_catalog" ? WellKnownOid.pgCatalog : WellKnownOid.informationSchema);
  const listed = SYSTEM_VIEWS.filter((v) => !v.internal);
  const procs: unknown[][] = [];
  let procOid = FIRST_ASSIGNED_PROC_OID;
  for (const m of SYSTEM_MACROS) {
    if (m.name.startsWith("ls_")) continue;
    for (const o of m.overloads) procs.push([procOid++, m.name, o.params.length, m.pgReturnOid]);
  }
  const typeNames: unknown[][] = [];
  for (const [name, oid] of TYPE_ALIASES) typeNames.push([name, oid, 0]);
  for (const t of PG_TYPE_ROWS) {
    typeNames.push([t.typname, t.oid, 1]);
    if (!t.formatName.includes('"')) typeNames.push([t.formatName, t.oid, 2]);
  }
  return {
    pg_type_rows: {
      columns:
        "oid INTEGER, typname VARCHAR, typlen SMALLINT, typbyval BOOLEAN, typtype VARCHAR, typcategory VARCHAR, " +
        "typispreferred BOOLEAN, typelem INTEGER, typarray INTEGER, typinput VARCHAR, typoutput VARCHAR, " +
        "typalign VARCHAR, typstorage VARCHAR, typcollation INTEGER, format_name VARCHAR, sql_name VARCHAR",
      rows: PG_TYPE_ROWS.map((t) => [
        t.oid,
        t.typname,
        t.typlen,
        t.typbyval,
        t.typtype,
        t.typcategory,
        t.typispreferred,
        t.typelem,
        t.typarray,
        t.typinput,
        t.typoutput,
        t.typalign,
        t.typstorage,
        t.typcollation,
        t.formatName,
        t.sqlName,
      ]),
    },
    type_names: { columns: "name VARCHAR, oid INTEGER, prio INTEGER", rows: typeNames },
    sys_namespaces: {
      columns: "oid INTEGER, nspname VARCHAR",
      rows: SYSTEM_NAMESPACES.map(([oid, name]) => [oid, name]),
    },
    sys_relations: {
      columns: "oid INTEGER, relname VARCHAR, relnamespace INTEGER, relkind VARCHAR, relnatts SMALLINT",
      rows: listed.map((v) => [v.oid, v.name, nsOid(v.schema), v.relkind, v.columns.length]),
    },
    sys_columns: {
      columns:
        "attrelid INTEGER, attname VARCHAR, atttypid INTEGER, attlen SMALLINT, attnum SMALLINT, attcollation INTEGER",
      rows: listed.flatMap((v) =>
        v.columns.map(([name, type], i) => [
          v.oid,
          name,
          SYS_TYPES[type].pgOid,
          TYPLEN[type],
          i + 1,
          type === "text" ? WellKnownOid.defaultCollation : type === "name" ? WellKnownOid.cCollation : 0,
        ]),
      ),
    },
    sys_procs: { columns: "oid INTEGER, proname VARCHAR, pronargs SMALLINT, prorettype INTEGER", rows: procs },
    ...Object.fromEntries(Object.entries(LOG_DATA_TABLES).map(([name, columns]) => [name, { columns, rows: [] }])),
  };
}
