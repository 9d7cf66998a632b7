// bench/tpch/breakdown.ts
//! Why is a query slower through Lakeshift than on DuckDB directly? For each query over the
//! threshold, three more measurements split the difference:
//! - `EXPLAIN <q>` through Lakeshift: parse, bind, translate and plan, plus one round trip;
//! - `select count(*) from (<q>) q` on both: the query executed with (almost) no result to move;
//! - the full query's time minus the count's: moving and encoding the result (on DuckDB direct,
//!   converting it to JS values).

import { median } from "../report/compare.js";
import type { BenchSystem } from "../systems/types.js";

export interface Breakdown {
  readonly subject_s: number;
  readonly reference_s: number;
  readonly subject_count_s: number | null;
  readonly reference_count_s: number | null;
  readonly subject_explain_s: number | null;
  /** (subject count - reference count) - explain: slower execution of the translated SQL. */
  readonly execution_s: number | null;
  /** Explain time: front end and translation. */
  readonly translation_s: number | null;
  /** (subject full - count) - (reference full - count): result on the wire and its encoding. */
  readonly result_s: number | null;
  readonly verdict: "translation" | "execution" | "result encoding/wire" | "unknown";
}

async function timed(sys: BenchSystem, sql: string, reps: number, timeoutS: number): Promise<number | null> {
  try {
    const runs: number[] = [];
    for (let i = 0; i <= reps; i++) {
      const t0 = performance.now();
      const r = await sys.run(sql, timeoutS);
      if (r.timedOut) return null;
      if (i > 0) runs.push((performance.now() - t0) / 1000);
    }
    return median(runs);
  } catch {
    return null;
  }
}

export async function breakdown(
  subject: BenchSystem,
  reference: BenchSystem,
  sql: string,
  subjectS: number,
  referenceS: number,
  reps: number,
  timeoutS: number,
): Promise<Breakdown> {
  const count = `select count(*) from (${sql}) as q_`;
  const subject_count_s = await timed(subject, count, reps, timeoutS);
  const reference_count_s = await timed(reference, count, reps, timeoutS);
  const subject_explain_s = await timed(subject, `explain ${sql}`, reps, timeoutS);
  const translation_s = subject_explain_s;
  const execution_s =
    subject_count_s !== null && reference_count_s !== null
      ? subject_count_s - reference_count_s - (subject_explain_s ?? 0)
      : null;
  const result_s =
    subject_count_s !== null && reference_count_s !== null
      ? subjectS - subject_count_s - (referenceS - reference_count_s)
      : null;
  const parts: [Breakdown["verdict"], number | null][] = [
    ["translation", translation_s],
    ["execution", execution_s],
    ["result encoding/wire", result_s],
  ];
  const best = parts.filter((p): p is [Breakdown["verdict"], number] => p[1] !== null).sort((a, b) => b[1] - a[1])[0];
  return {
    subject_s: subjectS,
    reference_s: referenceS,
    subject_count_s,
    reference_count_s,
    subject_explain_s,
    execution_s,
    translation_s,
    result_s,
    verdict: best ? best[0] : "unknown",
  };
}
