// src/gen/index.ts
//! Data generators (TPC-H). Imports only src/common.

export { type GenArgs, type GenHooks, parseGenArgs, runGen, runGenCommand } from "./cli.js";
export * from "./tpch/index.js";
