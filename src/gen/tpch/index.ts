// src/gen/tpch/index.ts
//! TPC-H data generator, written from the public TPC-H specification.

export { type GeneratedTable, type GenerateOptions, generateTpch, TPCH_GENERATOR_VERSION } from "./generate.js";
export { TPCH_SCHEMA, type TpchColumn, type TpchTableDef } from "./schema.js";
export {
  orderKey,
  partSupplier,
  retailPriceCents,
  type Scale,
  scaleOf,
  TABLE_NAMES,
  type TableName,
} from "./tables.js";
