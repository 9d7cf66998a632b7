// src/catalog/system/pg-types.ts
//! The rows of pg_type, as data: the Postgres types Redshift clients meet, their arrays, and
//! Redshift's SUPER and VARBYTE. Also the names format_type() and information_schema print.

export interface PgTypeRow {
  readonly oid: number;
  readonly typname: string;
  readonly typlen: number;
  readonly typbyval: boolean;
  /** 'b' base, 'p' pseudo. */
  readonly typtype: "b" | "p";
  readonly typcategory: string;
  readonly typispreferred: boolean;
  readonly typelem: number;
  readonly typarray: number;
  readonly typinput: string;
  readonly typoutput: string;
  readonly typalign: "c" | "s" | "i" | "d";
  readonly typstorage: "p" | "x" | "m";
  readonly typcollation: number;
  /** format_type(oid, -1). */
  readonly formatName: string;
  /** information_schema.columns.data_type. */
  readonly sqlName: string;
}

type Base = readonly [
  oid: number,
  typname: string,
  typlen: number,
  category: string,
  preferred: boolean,
  arrayOid: number,
  align: "c" | "s" | "i" | "d",
  collation: number,
  formatName: string,
];

/** [oid, typname, typlen, category, preferred, array oid, align, collation, format_type name] */
const BASE: readonly Base[] = [
  [16, "bool", 1, "B", true, 1000, "c", 0, "boolean"],
  [17, "bytea", -1, "U", false, 1001, "i", 0, "bytea"],
  [18, "char", 1, "Z", false, 1002, "c", 0, '"char"'],
  [19, "name", 64, "S", false, 1003, "c", 950, "name"],
  [20, "int8", 8, "N", false, 1016, "d", 0, "bigint"],
  [21, "int2", 2, "N", false, 1005, "s", 0, "smallint"],
  [22, "int2vector", -1, "A", false, 1006, "i", 0, "int2vector"],
  [23, "int4", 4, "N", false, 1007, "i", 0, "integer"],
  [24, "regproc", 4, "N", false, 1008, "i", 0, "regproc"],
  [25, "text", -1, "S", true, 1009, "i", 100, "text"],
  [26, "oid", 4, "N", true, 1028, "i", 0, "oid"],
  [30, "oidvector", -1, "A", false, 1013, "i", 0, "oidvector"],
  [114, "json", -1, "U", false, 199, "i", 0, "json"],
  [700, "float4", 4, "N", false, 1021, "i", 0, "real"],
  [701, "float8", 8, "N", true, 1022, "d", 0, "double precision"],
  [1042, "bpchar", -1, "S", false, 1014, "i", 100, "bpchar"],
  [1043, "varchar", -1, "S", false, 1015, "i", 100, "character varying"],
  [1082, "date", 4, "D", false, 1182, "i", 0, "date"],
  [1083, "time", 8, "D", false, 1183, "d", 0, "time without time zone"],
  [1114, "timestamp", 8, "D", false, 1115, "d", 0, "timestamp without time zone"],
  [1184, "timestamptz", 8, "D", true, 1185, "d", 0, "timestamp with time zone"],
  [1186, "interval", 16, "T", true, 1187, "d", 0, "interval"],
  [1266, "timetz", 12, "D", false, 1270, "d", 0, "time with time zone"],
  [1700, "numeric", -1, "N", false, 1231, "i", 0, "numeric"],
  [2205, "regclass", 4, "N", false, 2210, "i", 0, "regclass"],
  [2206, "regtype", 4, "N", false, 2211, "i", 0, "regtype"],
  [4089, "regnamespace", 4, "N", false, 4090, "i", 0, "regnamespace"],
  [4000, "super", -1, "U", false, 0, "d", 0, "super"],
  [6551, "varbyte", -1, "U", false, 0, "i", 0, "varbyte"],
];

const PSEUDO: readonly (readonly [number, string, number, string])[] = [
  [705, "unknown", -2, "unknown"],
  [2249, "record", -1, "record"],
  [2275, "cstring", -2, "cstring"],
  [2276, "any", 4, '"any"'],
  [2277, "anyarray", -1, "anyarray"],
  [2278, "void", 4, "void"],
  [2279, "trigger", 4, "trigger"],
  [2283, "anyelement", 4, "anyelement"],
];

/** information_schema's data_type where it differs from format_type's base name. */
const SQL_NAMES: Readonly<Record<string, string>> = {
  bpchar: "character",
  char: '"char"',
  json: "json",
};

const BYVAL = new Set([
  "bool",
  "char",
  "int2",
  "int4",
  "int8",
  "oid",
  "regproc",
  "regclass",
  "regtype",
  "regnamespace",
  "float4",
  "float8",
  "date",
  "time",
  "timestamp",
  "timestamptz",
]);
const IO_PREFIX: Readonly<Record<string, string>> = { bpchar: "bpchar", varchar: "varchar" };

function baseRow(b: Base): PgTypeRow {
  const [oid, typname, typlen, typcategory, typispreferred, typarray, typalign, typcollation, formatName] = b;
  const io = IO_PREFIX[typname] ?? typname;
  return {
    oid,
    typname,
    typlen,
    typbyval: BYVAL.has(typname),
    typtype: "b",
    typcategory,
    typispreferred,
    typelem: typname === "int2vector" ? 21 : typname === "oidvector" ? 26 : 0,
    typarray,
    typinput: `${io}in`,
    typoutput: `${io}out`,
    typalign,
    typstorage: typlen === -1 ? "x" : "p",
    typcollation,
    formatName,
    sqlName: SQL_NAMES[typname] ?? formatName,
  };
}

function arrayRow(b: Base): PgTypeRow {
  const [elem, typname, , , , typarray, typalign, typcollation, formatName] = b;
  return {
    oid: typarray,
    typname: `_${typname}`,
    typlen: -1,
    typbyval: false,
    typtype: "b",
    typcategory: "A",
    typispreferred: false,
    typelem: elem,
    typarray: 0,
    typinput: "array_in",
    typoutput: "array_out",
    typalign,
    typstorage: "x",
    typcollation,
    formatName: `${formatName}[]`,
    sqlName: "ARRAY",
  };
}

export const PG_TYPE_ROWS: readonly PgTypeRow[] = [
  ...BASE.map(baseRow),
  ...BASE.filter((b) => b[5] !== 0).map(arrayRow),
  ...PSEUDO.map(
    ([oid, typname, typlen, formatName]): PgTypeRow => ({
      oid,
      typname,
      typlen,
      typbyval: typlen === 4,
      typtype: "p",
      typcategory: typname.startsWith("any") ? "P" : typname === "unknown" ? "X" : "P",
      typispreferred: false,
      typelem: 0,
      typarray: 0,
      typinput: `${typname}_in`,
      typoutput: `${typname}_out`,
      typalign: typlen === -1 ? "d" : "i",
      typstorage: "p",
      typcollation: 0,
      formatName,
      sqlName: formatName,
    }),
  ),
];

/** Type names regtype_in accepts, besides typname and the format_type spelling. */
export const TYPE_ALIASES: readonly (readonly [string, number])[] = [
  ["int", 23],
  ["integer", 23],
  ["smallint", 21],
  ["bigint", 20],
  ["boolean", 16],
  ["real", 700],
  ["float", 701],
  ["double precision", 701],
  ["decimal", 1700],
  ["numeric", 1700],
  ["char", 1042],
  ["character", 1042],
  ["nchar", 1042],
  ["varchar", 1043],
  ["character varying", 1043],
  ["nvarchar", 1043],
  ["text", 25],
  ["timestamp", 1114],
  ["timestamptz", 1184],
  ["time", 1083],
  ["timetz", 1266],
  ["varbinary", 6551],
  ["binary varying", 6551],
];
