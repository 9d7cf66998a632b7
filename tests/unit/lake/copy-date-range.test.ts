// tests/unit/lake/copy-date-range.test.ts
//! Dates and timestamps that DuckDB reads but Redshift's range, 4713 BC (4714-11-24 BC) to 294276
//! AD, does not hold ('300000-01-01', DuckDB's 'infinity', an epoch value far out) are load errors
//! (1205 DATE, 1206 TIMESTAMP/TIMESTAMPTZ) in stl_load_errors with line, column and raw value, on
//! both paths: the fast path (its typed DATE read included) falls back to the full path, which
//! records them; within MAXERROR the rest loads, past it the COPY fails and the table is unchanged.
//! Text (default, explicit and 'auto' formats, epochs), ACCEPTANYDATE (NULL, no error) and Parquet.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Datetime_types.html

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FAST_PATH_BAD_ROW } from "../../../src/lake/copy/fast.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, onFastPath, openHarness } from "./copy-harness.js";

let h: Harness;

before(async () => {
  h = await openHarness();
  await h.table("ranged", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "d", type: T.date, ddl: "DATE" },
    { name: "t", type: T.timestamp, ddl: "TIMESTAMP" },
    { name: "tz", type: T.timestamptz, ddl: "TIMESTAMPTZ" },
    { name: "dn", type: T.date, notNull: true, ddl: "DATE" },
  ]);
  await h.table("as_text", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "s", type: { id: "varchar", length: 40 }, ddl: "VARCHAR" },
  ]);
});
after(() => h.close());

const ROWS = `SELECT id, CAST(d AS VARCHAR), CAST(t AS VARCHAR), CAST(tz AS VARCHAR), CAST(dn AS VARCHAR) FROM "dev"."public"."ranged" ORDER BY id`;

async function errors(): Promise<unknown[][]> {
  return (await h.loadErrors()).map((e) => [e.line_number, e.colname, e.raw_field_value, e.err_code]);
}

/** COPY of `lines` into ranged (emptied first): rows, load errors, whether the fast path loaded them and whether it read DATEs as DATE. */
async function load(lines: readonly string[], extra = "") {
  await h.conn.run(`DELETE FROM "dev"."public"."ranged"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  h.put("lake", "ranged/x.txt", `${lines.join("\n")}\n`);
  const seen = (await h.copySeeingSql(`copy ranged from 's3://lake/ranged/x.txt' iam_role default ${extra}`))
    .statements;
  const typed = seen.filter((s) => s.includes(FAST_PATH_BAD_ROW)).some((s) => s.includes("'DATE'"));
  return { rows: await h.rows(ROWS), errors: await errors(), fast: onFastPath(seen), typedRead: typed };
}

const TS = "2024-01-02 03:04:05";
const GOOD = [`1|294276-12-31|${TS}|${TS}+00|2024-01-01`, `9|2024-01-02|294247-01-10 04:00:54.775806|${TS}|0001-01-01`];
const GOOD_ROWS = [
  [1, "294276-12-31", TS, `${TS}+00`, "2024-01-01"],
  [9, "2024-01-02", "294247-01-10 04:00:54.775806", `${TS}+00`, "0001-01-01"],
];

test("the last day of the range loads on the fast path, read as DATE; a date past it sends the load to the full path, which records 1205", async () => {
  const clean = await load(GOOD);
  assert.deepEqual(clean.rows, GOOD_ROWS);
  assert.deepEqual([clean.fast, clean.typedRead, clean.errors], [true, true, []]);
  const bad = [
    `2|294277-01-01|${TS}|${TS}|2024-01-01`,
    `3|300000-01-01|${TS}|${TS}|2024-01-01`,
    `4|infinity|${TS}|${TS}|2024-01-01`,
    `5|-infinity|${TS}|${TS}|2024-01-01`,
    // Out of range in a NOT NULL column: the date's error, not a missing value.
    `6|2024-01-01|${TS}|${TS}|300000-01-01`,
  ];
  const lines = [GOOD[0] as string, ...bad, GOOD[1] as string];
  const r = await load(lines, "maxerror 5");
  assert.equal(r.fast, false);
  assert.deepEqual(r.rows, GOOD_ROWS, "the good rows load as on the fast path");
  assert.deepEqual(r.errors, [
    [2n, "d", "294277-01-01", 1205],
    [3n, "d", "300000-01-01", 1205],
    [4n, "d", "infinity", 1205],
    [5n, "d", "-infinity", 1205],
    [6n, "dn", "300000-01-01", 1205],
  ]);
  // Past MAXERROR the COPY fails and leaves the table as it was.
  h.put("lake", "ranged/x.txt", `${lines.join("\n")}\n`);
  await assert.rejects(
    h.copy(`copy ranged from 's3://lake/ranged/x.txt' iam_role default maxerror 4`),
    /Load into table 'ranged' failed/,
  );
  assert.deepEqual(await h.rows(ROWS), GOOD_ROWS);
  await assert.rejects(h.copy(`copy ranged from 's3://lake/ranged/x.txt' iam_role default`), /failed/);
  assert.deepEqual(await h.rows(ROWS), GOOD_ROWS);
});

test("CSV: the same on the fast path's typed read and the full path", async () => {
  await h.conn.run(`DELETE FROM "dev"."public"."ranged"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  const csv = (id: number, d: string) => `${id},"${d}",${TS},${TS},2024-01-01`;
  h.put(
    "lake",
    "ranged-csv/a.csv",
    `${[csv(1, "2024-01-02"), csv(2, "300000-01-01"), csv(3, "294276-12-31")].join("\n")}\n`,
  );
  const seen = (await h.copySeeingSql("copy ranged from 's3://lake/ranged-csv/a.csv' iam_role default csv maxerror 1"))
    .statements;
  assert.equal(onFastPath(seen), false);
  assert.deepEqual(
    (await h.rows(ROWS)).map((r) => r[1]),
    ["2024-01-02", "294276-12-31"],
  );
  assert.deepEqual(await errors(), [[2n, "d", "300000-01-01", 1205]]);
});

test("timestamps out of range (and DuckDB's infinity, which strptime read as 1900-01-01) are 1206", async () => {
  const r = await load(
    [
      ...GOOD,
      `2|2024-01-01|294247-01-10 04:00:54.775807|${TS}|2024-01-01`,
      `3|2024-01-01|300000-01-01 00:00:00|${TS}|2024-01-01`,
      `4|2024-01-01|infinity|${TS}|2024-01-01`,
      `5|2024-01-01|${TS}|-infinity|2024-01-01`,
      `6|2024-01-01|${TS}|300000-01-01 00:00:00+00|2024-01-01`,
    ],
    "maxerror 10",
  );
  assert.deepEqual(r.rows, GOOD_ROWS);
  assert.deepEqual(r.errors, [
    [3n, "t", "294247-01-10 04:00:54.775807", 1206],
    [4n, "t", "300000-01-01 00:00:00", 1206],
    [5n, "t", "infinity", 1206],
    [6n, "tz", "-infinity", 1206],
    [7n, "tz", "300000-01-01 00:00:00+00", 1206],
  ]);
});

test("DATEFORMAT and TIMEFORMAT 'auto': out of range is a load error, not a failed cast that stopped the COPY", async () => {
  const r = await load(
    [
      "1|2024-01-02|2024-01-03|2024-01-04|2024-01-05",
      "2|300000-01-01|2024-01-03|2024-01-04|2024-01-05",
      "3|2024-01-02|300000-01-01|2024-01-04|2024-01-05",
      "4|2024-01-02|2024-01-03|infinity|2024-01-05",
      "5|2024-01-02|2024-01-03|2024-01-04|infinity",
    ],
    "dateformat 'auto' timeformat 'auto' maxerror 10",
  );
  assert.deepEqual(r.rows, [[1, "2024-01-02", "2024-01-03 00:00:00", "2024-01-04 00:00:00+00", "2024-01-05"]]);
  assert.deepEqual(r.errors, [
    [2n, "d", "300000-01-01", 1205],
    [3n, "t", "300000-01-01", 1206],
    [4n, "tz", "infinity", 1206],
    [5n, "dn", "infinity", 1205],
  ]);
});

test("explicit formats: DuckDB's strptime took 'infinity' and 'epoch' for 1900-01-01; they are load errors", async () => {
  const r = await load(
    [
      "1|31.12.9999|2024-01-02 03:04:05|2024-01-02 03:04:05|01.01.1900",
      "2|infinity|x|x|01.01.2000",
      "3|31.12.2000|infinity|2024-01-02 03:04:05|epoch",
    ],
    "dateformat 'DD.MM.YYYY' timeformat 'YYYY-MM-DD HH24:MI:SS' maxerror 10",
  );
  assert.deepEqual(r.rows, [[1, "9999-12-31", TS, `${TS}+00`, "1900-01-01"]]);
  assert.deepEqual(r.errors, [
    [2n, "d", "infinity", 1205],
    [3n, "t", "infinity", 1206],
  ]);
  const dn = await load(
    ["1|31.12.2000|2024-01-02 03:04:05|2024-01-02 03:04:05|epoch"],
    "dateformat 'DD.MM.YYYY' maxerror 1",
  );
  assert.deepEqual(dn.errors, [[1n, "dn", "epoch", 1205]]);
});

test("TIMEFORMAT 'epochsecs' / 'epochmillisecs': the range's first moment loads, earlier or far later (past a BIGINT) is 1206", async () => {
  const FIRST = "4714-11-24 (BC) 00:00:00";
  const secs = await load(
    [
      "1|2024-01-01|1700000000|-210866803200|2024-01-01",
      "2|2024-01-01|-210866803201|0|2024-01-01",
      "3|2024-01-01|100000000000000000000|0|2024-01-01",
      "4|2024-01-01|0|-99999999999999999999.5|2024-01-01",
    ],
    "timeformat 'epochsecs' maxerror 10",
  );
  assert.deepEqual(secs.rows, [[1, "2024-01-01", "2023-11-14 22:13:20", `${FIRST}+00`, "2024-01-01"]]);
  assert.deepEqual(secs.errors, [
    [2n, "t", "-210866803201", 1206],
    [3n, "t", "100000000000000000000", 1206],
    [4n, "tz", "-99999999999999999999.5", 1206],
  ]);
  const ms = await load(
    [
      "1|2024-01-01|1700000000123|-210866803200000|2024-01-01",
      "2|2024-01-01|-210866803200001|0|2024-01-01",
      "3|2024-01-01|9223372036854775807|0|2024-01-01",
      "4|2024-01-01|0|99999999999999999999|2024-01-01",
    ],
    "timeformat 'epochmillisecs' maxerror 10",
  );
  assert.deepEqual(ms.rows, [[1, "2024-01-01", "2023-11-14 22:13:20.123", `${FIRST}+00`, "2024-01-01"]]);
  assert.deepEqual(ms.errors, [
    [2n, "t", "-210866803200001", 1206],
    [3n, "t", "9223372036854775807", 1206],
    [4n, "tz", "99999999999999999999", 1206],
  ]);
});

test("ACCEPTANYDATE: a date or timestamp out of range loads as NULL without an error, on both paths", async () => {
  const lines = ["1|300000-01-01|infinity|300000-01-01 00:00:00|2024-01-01", `2|2024-01-02|${TS}|${TS}|2024-01-03`];
  const rows = [
    [1, null, null, null, "2024-01-01"],
    [2, "2024-01-02", TS, `${TS}+00`, "2024-01-03"],
  ];
  const fast = await load(lines, "acceptanydate");
  assert.deepEqual([fast.rows, fast.errors, fast.fast], [rows, [], true]);
  const full = await load([...lines, "x|2024-01-01|||2024-01-01"], "acceptanydate maxerror 1");
  assert.deepEqual([full.rows, full.errors, full.fast], [rows, [[3n, "id", "x", 1207]], false]);
});

test("Parquet: DATE and TIMESTAMP values out of range are 1205 / 1206, into a VARCHAR column too; the range's edges load", async () => {
  await h.conn.run(`DELETE FROM "dev"."public"."ranged"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  const path = h.put("lake", "ranged-pq/a.parquet", "");
  const FIRST_US = -210_866_803_200_000_000n;
  const ok = "DATE '2024-01-01'";
  const values = [
    `(1, DATE '4714-11-24 (BC)', make_timestamp(${FIRST_US}), TIMESTAMPTZ '2024-01-02 03:04:05+00', DATE '294276-12-31')`,
    `(2, DATE '4714-11-23 (BC)', NULL, NULL, ${ok})`,
    `(3, DATE '294277-01-01', NULL, NULL, ${ok})`,
    `(4, DATE 'infinity', NULL, NULL, ${ok})`,
    `(5, NULL, make_timestamp(${FIRST_US - 1n}), NULL, ${ok})`,
    `(6, NULL, NULL, TIMESTAMPTZ 'infinity', ${ok})`,
    `(7, NULL, TIMESTAMP '-infinity', NULL, ${ok})`,
    `(8, NULL, NULL, NULL, DATE '300000-01-01')`,
  ];
  await h.conn.run(
    `COPY (SELECT * FROM (VALUES ${values.join(", ")}) v(id, d, t, tz, dn)) TO '${path}' (FORMAT parquet)`,
  );
  await h.copy("copy ranged from 's3://lake/ranged-pq/a.parquet' iam_role default format as parquet maxerror 10");
  assert.deepEqual(await h.rows(ROWS), [
    [1, "4714-11-24 (BC)", "4714-11-24 (BC) 00:00:00", "2024-01-02 03:04:05+00", "294276-12-31"],
  ]);
  assert.deepEqual(await errors(), [
    [2n, "d", "4714-11-23 (BC)", 1205],
    [3n, "d", "294277-01-01", 1205],
    [4n, "d", "infinity", 1205],
    [5n, "t", "4714-11-23 (BC) 23:59:59.999999", 1206],
    [6n, "tz", "infinity", 1206],
    [7n, "t", "-infinity", 1206],
    [8n, "dn", "300000-01-01", 1205],
  ]);
  // Past MAXERROR: nothing loads.
  await assert.rejects(
    h.copy("copy ranged from 's3://lake/ranged-pq/a.parquet' iam_role default format as parquet maxerror 6"),
    /Load into table 'ranged' failed/,
  );
  assert.equal((await h.rows(ROWS)).length, 1);
  // A stored DATE out of range is an error whatever the column, as an Avro one is.
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  const text = h.put("lake", "as-text/a.parquet", "");
  await h.conn.run(
    `COPY (SELECT * FROM (VALUES (1, DATE '2024-01-01'), (2, DATE '300000-01-01')) v(id, d)) TO '${text}' (FORMAT parquet)`,
  );
  await h.copy("copy as_text from 's3://lake/as-text/a.parquet' iam_role default format as parquet maxerror 1");
  assert.deepEqual(await h.rows(`SELECT id, s FROM "dev"."public"."as_text"`), [[1, "2024-01-01"]]);
  assert.deepEqual(await errors(), [[2n, "s", "300000-01-01", 1205]]);
});
