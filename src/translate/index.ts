// src/translate/index.ts
//! The translate layer: bound tree -> DuckDB SQL (duckdb/), with the type map and Postgres text
//! rendering the session wraps results in. May import sql, plan, common.

export { duckType, sqlTypeFromDuck } from "./duckdb/types.js";
export type { TextRenderOptions } from "./duckdb/text-render.js";
export { textRenderExpr } from "./duckdb/text-render.js";
export type { DuckStatement } from "./duckdb/translate.js";
export { translate } from "./duckdb/translate.js";
export { exprSql } from "./duckdb/expr.js";
export { querySql } from "./duckdb/query.js";
export { lengthCheck } from "./duckdb/ddl.js";
export {
  analyzeSql,
  maxRowidSql,
  resortSql,
  rowCountSql,
  anyRowSql,
  sortedPrefixSql,
  sortKeyColumns,
} from "./duckdb/maintenance.js";
export { ALL_EMISSIONS } from "./duckdb/functions/index.js";
