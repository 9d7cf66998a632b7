// src/plan/index.ts
//! The plan layer: binds the Redshift AST to the catalog (bind/), producing the bound tree
//! (bound/) the translator turns into DuckDB SQL. May import sql, catalog, security, common.

export type * from "./bound/index.js";
export type { BindContext, SessionInfo } from "./bind/context.js";
export { engineNameFor, TEMP_SCHEMA } from "./bind/ddl.js";
export { timestampText, versionString } from "./bind/session-functions.js";
export { bindStatement } from "./bind/statement.js";
export { ALL_FUNCTIONS, lookupFunction } from "./functions/index.js";
export type { FunctionKind, FunctionSignature } from "./functions/index.js";
export { checkUdfBody, storedType } from "./bind/udf.js";
