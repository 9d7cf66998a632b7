// src/gen/tpch/schema.ts
//! The TPC-H schema (clause 1.4) as data: column names and SQL types in file order, the
//! primary key, and the Redshift distribution and sort keys a benchmark's DDL uses.

export interface TpchColumn {
  readonly name: string;
  /** Standard SQL type, valid in Redshift, DuckDB and PostgreSQL. */
  readonly type: string;
}

export interface TpchTableDef {
  readonly name: string;
  readonly columns: readonly TpchColumn[];
  readonly primaryKey: readonly string[];
  /** Redshift: DISTKEY column, or null for DISTSTYLE ALL. */
  readonly distKey: string | null;
  readonly sortKey: readonly string[];
}

const cols = (spec: string): TpchColumn[] =>
  spec.split(/,(?![^()]*\))/).map((c) => {
    const [name, ...type] = c.trim().split(" ");
    return { name: name as string, type: type.join(" ") };
  });

const KEY = "INTEGER";
const MONEY = "DECIMAL(15,2)";

export const TPCH_SCHEMA: readonly TpchTableDef[] = [
  {
    name: "region",
    columns: cols(`r_regionkey ${KEY}, r_name CHAR(25), r_comment VARCHAR(152)`),
    primaryKey: ["r_regionkey"],
    distKey: null,
    sortKey: ["r_regionkey"],
  },
  {
    name: "nation",
    columns: cols(`n_nationkey ${KEY}, n_name CHAR(25), n_regionkey ${KEY}, n_comment VARCHAR(152)`),
    primaryKey: ["n_nationkey"],
    distKey: null,
    sortKey: ["n_nationkey"],
  },
  {
    name: "supplier",
    columns: cols(
      `s_suppkey ${KEY}, s_name CHAR(25), s_address VARCHAR(40), s_nationkey ${KEY}, s_phone CHAR(15), s_acctbal ${MONEY}, s_comment VARCHAR(101)`,
    ),
    primaryKey: ["s_suppkey"],
    distKey: null,
    sortKey: ["s_suppkey"],
  },
  {
    name: "customer",
    columns: cols(
      `c_custkey ${KEY}, c_name VARCHAR(25), c_address VARCHAR(40), c_nationkey ${KEY}, c_phone CHAR(15), c_acctbal ${MONEY}, c_mktsegment CHAR(10), c_comment VARCHAR(117)`,
    ),
    primaryKey: ["c_custkey"],
    distKey: "c_custkey",
    sortKey: ["c_custkey"],
  },
  {
    name: "part",
    columns: cols(
      `p_partkey ${KEY}, p_name VARCHAR(55), p_mfgr CHAR(25), p_brand CHAR(10), p_type VARCHAR(25), p_size ${KEY}, p_container CHAR(10), p_retailprice ${MONEY}, p_comment VARCHAR(23)`,
    ),
    primaryKey: ["p_partkey"],
    distKey: "p_partkey",
    sortKey: ["p_partkey"],
  },
  {
    name: "partsupp",
    columns: cols(
      `ps_partkey ${KEY}, ps_suppkey ${KEY}, ps_availqty ${KEY}, ps_supplycost ${MONEY}, ps_comment VARCHAR(199)`,
    ),
    primaryKey: ["ps_partkey", "ps_suppkey"],
    distKey: "ps_partkey",
    sortKey: ["ps_partkey"],
  },
  {
    name: "orders",
    columns: cols(
      `o_orderkey ${KEY}, o_custkey ${KEY}, o_orderstatus CHAR(1), o_totalprice ${MONEY}, o_orderdate DATE, o_orderpriority CHAR(15), o_clerk CHAR(15), o_shippriority ${KEY}, o_comment VARCHAR(79)`,
    ),
    primaryKey: ["o_orderkey"],
    distKey: "o_orderkey",
    sortKey: ["o_orderdate"],
  },
  {
    name: "lineitem",
    columns: cols(
      `l_orderkey ${KEY}, l_partkey ${KEY}, l_suppkey ${KEY}, l_linenumber ${KEY}, l_quantity ${MONEY}, l_extendedprice ${MONEY}, l_discount ${MONEY}, l_tax ${MONEY}, l_returnflag CHAR(1), l_linestatus CHAR(1), l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct CHAR(25), l_shipmode CHAR(10), l_comment VARCHAR(44)`,
    ),
    primaryKey: ["l_orderkey", "l_linenumber"],
    distKey: "l_orderkey",
    sortKey: ["l_shipdate"],
  },
];
