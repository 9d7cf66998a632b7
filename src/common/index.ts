// src/common: errors (SQLSTATE per layer), ids, logging. Imports nothing.
export * from "./errors.js";
export * from "./log.js";
export * from "./sql-quote.js";
