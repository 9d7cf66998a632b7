// src/plan/bound/index.ts
//! The bound tree: expressions, queries and statements after name resolution.

export type * from "./copy.js";
export type * from "./expr.js";
export type * from "./query.js";
export type * from "./statement.js";
