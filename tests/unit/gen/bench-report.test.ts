// tests/unit/gen/bench-report.test.ts
//! The benchmark's answer comparison, statistics and PNG encoder.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";
import { parseBenchArgs } from "../../../bench/main.js";
import { barChart } from "../../../bench/report/chart.js";
import { compareAnswers, geomean, median } from "../../../bench/report/compare.js";
import { breakdown, interleaved, medianOf } from "../../../bench/tpch/breakdown.js";
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

test("breakdown splits the extra time into translation, execution, round trip and result", () => {
  // 400 ms through the subject vs 100 ms direct; the generated SQL runs in 120 ms, DuckDB's own in 80 ms.
  const r = breakdown(0.4, 0.1, {
    translation_s: 0.001,
    generated_s: 0.12,
    reference_inproc_s: 0.08,
    round_trip_s: 0.002,
  });
  assert.equal(r.verdict, "result encoding/session");
  assert.ok(r.execution_s !== null && Math.abs(r.execution_s - 0.04) < 1e-9, String(r.execution_s));
  assert.ok(r.result_s !== null && Math.abs(r.result_s - 0.257) < 1e-9, String(r.result_s));
  const e = breakdown(0.32, 0.03, {
    translation_s: 0.001,
    generated_s: 0.3,
    reference_inproc_s: 0.02,
    round_trip_s: 0.002,
  });
  assert.equal(e.verdict, "execution");
  const t = breakdown(0.02, 0.01, {
    translation_s: 0.004,
    generated_s: 0.01,
    reference_inproc_s: 0.01,
    round_trip_s: 0.003,
  });
  assert.equal(t.verdict, "translation");
  const u = breakdown(0.02, 0.01, {
    translation_s: null,
    generated_s: null,
    reference_inproc_s: 0.01,
    round_trip_s: 0.003,
  });
  assert.equal(u.execution_s, null);
  assert.equal(u.result_s, null);
  assert.equal(u.verdict, "round trip");
});

test("interleaved and medianOf time what they are given", async () => {
  const wait = (ms: number) => () => new Promise((r) => setTimeout(r, ms));
  const [a, b] = await interleaved(3, wait(30), wait(5));
  assert.ok(a > b && a >= 0.025, `${a} ${b}`);
  assert.ok((await medianOf(3, wait(10))) >= 0.008);
});
