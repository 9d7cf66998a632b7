// src/session/describe-cache.ts
//! DuckDB's description of a translated statement (result column types, parameter types) costs
//! an engine round trip. Statements repeat, so descriptions are kept by statement text for the
//! catalog version they were made under (a DDL commit changes the version and so misses).

import type { EngineColumn } from "../engine/types.js";

export interface EngineDescription {
  readonly columns: readonly EngineColumn[];
  readonly parameterTypes: readonly string[];
}

export class DescribeCache {
  private readonly entries = new Map<string, { version: number; description: EngineDescription }>();

  constructor(private readonly capacity: number) {}

  get(sql: string, version: number): EngineDescription | undefined {
    const e = this.entries.get(sql);
    if (!e || e.version !== version) return undefined;
    // Refresh its place in the LRU order.
    this.entries.delete(sql);
    this.entries.set(sql, e);
    return e.description;
  }

  set(sql: string, version: number, description: EngineDescription): void {
    this.entries.delete(sql);
    this.entries.set(sql, { version, description });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
