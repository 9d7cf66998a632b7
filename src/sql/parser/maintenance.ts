// src/sql/parser/maintenance.ts
//! VACUUM and ANALYZE in Redshift's syntax. ANALYZE COMPRESSION is refused by name.

import type { Analyze, Vacuum, VacuumMode } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseObjectName } from "./names.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseVacuum(p: Cursor): Vacuum {
  const start = p.expectWord("vacuum");
  let mode: VacuumMode = "full";
  if (p.acceptWord("full")) mode = "full";
  else if (p.acceptWords("sort", "only")) mode = "sort only";
  else if (p.acceptWords("delete", "only")) mode = "delete only";
  else if (p.acceptWord("reindex")) mode = "reindex";
  else if (p.acceptWord("recluster")) mode = "recluster";
  const v: Mutable<Vacuum> = { kind: "Vacuum", pos: start.start, mode, boost: false };
  if (p.isIdent() && !p.isWord("to") && !p.isWord("boost")) v.table = parseObjectName(p);
  if (p.acceptWord("to")) {
    const n = p.tok;
    if (n.kind !== "number" || !/^\d+$/.test(n.value)) throw p.error();
    p.next();
    p.expectWord("percent");
    v.threshold = Number(n.value);
    if (v.threshold > 100) throw p.error(n);
  }
  if (p.acceptWord("boost")) v.boost = true;
  return v;
}

export function parseAnalyze(p: Cursor): Analyze {
  const start = p.next();
  if (p.isWord("compression")) throw p.unsupported("ANALYZE COMPRESSION");
  const a: Mutable<Analyze> = { kind: "Analyze", pos: start.start, verbose: p.acceptWord("verbose") };
  if (p.isIdent() && !p.isWord("predicate") && !p.isWord("all")) {
    a.table = parseObjectName(p);
    if (p.isOp("(")) a.columns = p.identList();
  }
  if (p.acceptWords("predicate", "columns")) a.columnSet = "predicate";
  else if (p.acceptWords("all", "columns")) a.columnSet = "all";
  return a;
}
