// src/sql/ast/maintenance.ts
//! Table maintenance: VACUUM and ANALYZE, in Redshift's syntax (not Postgres's).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html

import type { ObjectName } from "./query.js";

export type VacuumMode = "full" | "sort only" | "delete only" | "reindex" | "recluster";

/** VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] [[table] [TO n PERCENT] [BOOST]] */
export interface Vacuum {
  readonly kind: "Vacuum";
  readonly pos: number;
  /** FULL when no mode is written (Redshift's default). */
  readonly mode: VacuumMode;
  /** Absent: every table of the current database. */
  readonly table?: ObjectName;
  /** TO n PERCENT: sort when fewer than n percent of the rows are sorted (default 95). */
  readonly threshold?: number;
  readonly boost: boolean;
}

/** ANALYZE [VERBOSE] [table [(column, ...)]] [PREDICATE COLUMNS | ALL COLUMNS] */
export interface Analyze {
  readonly kind: "Analyze";
  readonly pos: number;
  readonly verbose: boolean;
  readonly table?: ObjectName;
  readonly columns?: readonly string[];
  readonly columnSet?: "predicate" | "all";
}
