// tests/unit/gen/bench-report.test.ts
//! The benchmark's answer comparison, statistics and PNG encoder.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";
import { parseBenchArgs } from "../../../bench/main.js";
import { barChart } from "../../../bench/report/chart.js";
import { compareAnswers, geomean, median } from "../../../bench/report/compare.js";
import type { BenchSystem } from "../../../bench/systems/types.js";
import { breakdown } from "../../../bench/tpch/breakdown.js";
import { Canvas, crc32 } from "../../../bench/report/png.js";

test("answers compare as text with CHAR padding trimmed and numbers within 1e-6", () => {
  assert.ok(compareAnswers([["BRAZIL   ", "25.5220058532573370"]], [["BRAZIL", "25.522005853257337"]]).match);
  assert.ok(compareAnswers([["1995", "0.05"]], [["1995", "0.050000"]]).match);
  assert.ok(!compareAnswers([["1", "2.00"]], [["1", "2.01"]]).match);
  assert.ok(!compareAnswers([["1"]], []).match);
  const ties = compareAnswers(
    [
      ["b", "1"],
      ["a", "1"],
    ],
    [
      ["a", "1"],
      ["b", "1"],
    ],
  );
  assert.ok(ties.match);
  assert.equal(ties.detail, "same rows, tie order differs");
  assert.ok(compareAnswers([[null, "x"]], [[null, "x"]]).match);
  assert.ok(!compareAnswers([[null]], [["0"]]).match);
});

test("median and geometric mean", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Math.abs((geomean([1, 100]) ?? 0) - 10) < 1e-9);
  assert.equal(geomean([]), null);
});

test("PNG: signature, IHDR, CRCs and pixel data round-trip", () => {
  assert.equal(crc32(Buffer.from("IEND")), 0xae426082);
  const c = new Canvas(4, 3, [0, 0, 0]);
  c.fill(1, 1, 2, 1, [255, 0, 0]);
  const png = c.toPng();
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString("latin1", 12, 16), "IHDR");
  assert.equal(png.readUInt32BE(16), 4);
  assert.equal(png.readUInt32BE(20), 3);
  let at = 8;
  let idat = Buffer.alloc(0);
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    assert.equal(png.readUInt32BE(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `${type} CRC`);
    if (type === "IDAT") idat = Buffer.concat([idat, png.subarray(at + 8, at + 8 + len)]);
    at += 12 + len;
  }
  const raw = inflateSync(idat);
  assert.equal(raw.length, 3 * (1 + 4 * 3));
  const row1 = raw.subarray(13, 26);
  assert.deepEqual([...row1.subarray(1, 13)], [0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 0]);
  const chart = barChart({
    title: "T",
    categories: ["Q1", "Q2"],
    series: [{ label: "A/B", color: [1, 2, 3], values: [0.5, 12] }],
    unit: "x",
    reference: 1,
  });
  assert.equal(chart.toString("latin1", 1, 4), "PNG");
});

test("bench flags", () => {
  const o = parseBenchArgs(["tpch", "--sf", "0.1", "--systems", "lakeshift,duckdb", "--reps", "2", "--queries", "1,6"]);
  assert.equal(o.sf, 0.1);
  assert.deepEqual(o.systems, ["lakeshift", "duckdb"]);
  assert.equal(o.reps, 2);
  assert.deepEqual(o.queries, [1, 6]);
  assert.equal(o.timeoutS, 300);
  assert.match(o.dataDir, /bench\/data\/tpch-sf0\.1$/);
  assert.throws(() => parseBenchArgs(["tpch", "--systems", "oracle"]), /unknown system/);
  assert.throws(() => parseBenchArgs(["tpch", "--queries", "23"]), /1-22/);
});

/** A system whose queries take a fixed time by kind: explain, count(*) wrapper, or full. */
function fake(ms: { explain: number; count: number }): BenchSystem {
  return {
    name: "fake",
    start: async () => "fake",
    load: async () => ({ tables: {}, extra: {}, total_s: 0, method: "none" }),
    stop: async () => {},
    run: async (sql: string) => {
      const wait = sql.startsWith("explain") ? ms.explain : sql.startsWith("select count(*) from (") ? ms.count : 0;
      await new Promise((r) => setTimeout(r, wait));
      return { rows: [["1"]], timedOut: false };
    },
  };
}

test("breakdown splits the extra time into translation, execution and result", async () => {
  // Full query: 400 ms through the subject vs 100 ms direct; executing alone: 120 vs 80 ms.
  const r = await breakdown(
    fake({ explain: 5, count: 120 }),
    fake({ explain: 0, count: 80 }),
    "select 1",
    0.4,
    0.1,
    1,
    10,
  );
  assert.equal(r.verdict, "result encoding/wire");
  assert.ok(r.result_s !== null && r.result_s > 0.2, String(r.result_s));
  assert.ok(r.translation_s !== null && r.translation_s < 0.05);
  const e = await breakdown(
    fake({ explain: 5, count: 300 }),
    fake({ explain: 0, count: 20 }),
    "select 1",
    0.32,
    0.03,
    1,
    10,
  );
  assert.equal(e.verdict, "execution");
});
