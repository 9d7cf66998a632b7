// bench/tpch/breakdown.ts
//! Why is a query slower through Lakeshift than on DuckDB directly? For each query over the
//! threshold, the difference is split by measurements that each isolate one part:
//! - translation: parse + bind + translate of the query, in process (what the server does first);
//! - execution: the DuckDB SQL Lakeshift generates minus DuckDB's own form of the query, both run
//!   in process on the DuckDB system, interleaved, over the same rows (the generated SQL reads
//!   them as Lakeshift stores them: bench/tpch/ab.ts addLakeshiftForm);
//! - round trip: a trivial statement through Lakeshift (the wire and the session, once);
//! - result: what is left: moving and encoding the rows, and per-statement session work.

import { median } from "../report/compare.js";

export type Verdict = "translation" | "execution" | "round trip" | "result encoding/session" | "unknown";

export interface Breakdown {
  readonly subject_s: number;
  readonly reference_s: number;
  /** Parse, bind and translate in process. */
  readonly translation_s: number | null;
  /** The generated SQL and the reference SQL on DuckDB in process (medians, interleaved). */
  readonly generated_s: number | null;
  readonly reference_inproc_s: number | null;
  /** generated - reference in process: slower execution of the translated SQL. */
  readonly execution_s: number | null;
  /** `select 1` through the subject: one round trip of the wire and the session. */
  readonly round_trip_s: number | null;
  /** (subject - reference) - translation - execution - round trip: results on the wire, session work. */
  readonly result_s: number | null;
  readonly verdict: Verdict;
}

export interface BreakdownInputs {
  readonly translation_s: number | null;
  readonly generated_s: number | null;
  readonly reference_inproc_s: number | null;
  readonly round_trip_s: number | null;
}

/** Splits (subject - reference) into its parts and names the largest. */
export function breakdown(subjectS: number, referenceS: number, m: BreakdownInputs): Breakdown {
  const execution_s =
    m.generated_s !== null && m.reference_inproc_s !== null ? m.generated_s - m.reference_inproc_s : null;
  const known = [m.translation_s, execution_s, m.round_trip_s];
  const result_s = known.every((x) => x !== null)
    ? subjectS - referenceS - known.reduce((a: number, x) => a + (x ?? 0), 0)
    : null;
  const parts: [Verdict, number | null][] = [
    ["translation", m.translation_s],
    ["execution", execution_s],
    ["round trip", m.round_trip_s],
    ["result encoding/session", result_s],
  ];
  const best = parts.filter((p): p is [Verdict, number] => p[1] !== null).sort((a, b) => b[1] - a[1])[0];
  return {
    subject_s: subjectS,
    reference_s: referenceS,
    ...m,
    execution_s,
    result_s,
    verdict: best ? best[0] : "unknown",
  };
}

/** Median seconds of `fn` over `reps` runs after one warm-up. */
export async function medianOf(reps: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    runs.push((performance.now() - t0) / 1000);
  }
  return median(runs);
}

/** Medians of two statements run alternately (a, b, b, a, ...) after one warm-up each. */
export async function interleaved(
  reps: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const t0 = performance.now();
    await fn();
    into.push((performance.now() - t0) / 1000);
  };
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      await time(a, ta);
      await time(b, tb);
    } else {
      await time(b, tb);
      await time(a, ta);
    }
  }
  return [median(ta), median(tb)];
}
