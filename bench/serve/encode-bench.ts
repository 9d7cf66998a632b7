// bench/serve/encode-bench.ts
//! Serving 1M lineitem-shaped rows (16 columns) from DuckDB as Postgres DataRow messages.
//! (a) DuckDB alone streaming the VARCHAR-cast rows, (b) plus CellVector extraction of every
//! column, (c) plus DataRow encoding into a BufferWriter, taken per chunk as a socket flush would,
//! (d) the server's own query shape (numbers and dates raw). With LAKESHIFT_NATIVE=off the
//! JavaScript encoder runs instead of the native one, for an A/B. CPU is the whole process's.
//! Usage: node dist/bench/serve/encode-bench.js [rows=1000000] [runs=3]

import { Engine } from "../../src/engine/engine.js";
import type { EngineConnection } from "../../src/engine/types.js";
import { BufferWriter } from "../../src/wire/protocol/buffer-writer.js";
import { encodeDataRows } from "../../src/wire/protocol/data-row.js";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);

/** TPC-H lineitem shape, generated with hash-based values. */
const CREATE = `CREATE TABLE lineitem AS
SELECT (i // 4 + 1)::INTEGER AS l_orderkey,
  ((hash(i) % 200000)::BIGINT + 1)::INTEGER AS l_partkey,
  ((hash(i * 7) % 10000)::BIGINT + 1)::INTEGER AS l_suppkey,
  (i % 7 + 1)::INTEGER AS l_linenumber,
  ((hash(i * 3) % 50)::BIGINT + 1)::DECIMAL(15,2) AS l_quantity,
  ((hash(i * 5) % 10000000)::BIGINT / 100)::DECIMAL(15,2) AS l_extendedprice,
  ((hash(i * 11) % 11)::BIGINT / 100)::DECIMAL(15,2) AS l_discount,
  ((hash(i * 13) % 9)::BIGINT / 100)::DECIMAL(15,2) AS l_tax,
  (['A','N','R'])[(hash(i * 17) % 3)::BIGINT + 1] AS l_returnflag,
  (['O','F'])[(hash(i * 19) % 2)::BIGINT + 1] AS l_linestatus,
  DATE '1992-01-01' + (hash(i * 23) % 2500)::INTEGER AS l_shipdate,
  DATE '1992-01-01' + (hash(i * 29) % 2500)::INTEGER AS l_commitdate,
  DATE '1992-01-01' + (hash(i * 31) % 2500)::INTEGER AS l_receiptdate,
  (['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[(hash(i * 37) % 4)::BIGINT + 1] AS l_shipinstruct,
  (['AIR','RAIL','SHIP','TRUCK','MAIL','FOB','REG AIR'])[(hash(i * 41) % 7)::BIGINT + 1] AS l_shipmode,
  substr(md5(i::VARCHAR) || md5((i + 1)::VARCHAR), 1, (10 + hash(i * 43) % 34)::INTEGER) AS l_comment
FROM range(${ROWS}) t(i)`;

const COLUMNS = [
  "l_orderkey",
  "l_partkey",
  "l_suppkey",
  "l_linenumber",
  "l_quantity",
  "l_extendedprice",
  "l_discount",
  "l_tax",
  "l_returnflag",
  "l_linestatus",
  "l_shipdate",
  "l_commitdate",
  "l_receiptdate",
  "l_shipinstruct",
  "l_shipmode",
  "l_comment",
];
const TEXT_SQL = `SELECT ${COLUMNS.map((c) => `${c}::VARCHAR AS ${c}`).join(", ")} FROM lineitem`;
/** Binary-capable columns stay native (ints and dates), the rest are cast to text. */
const BINARY_SQL = `SELECT ${COLUMNS.map((c, i) => (i < 4 || (i >= 10 && i <= 12) ? c : `${c}::VARCHAR AS ${c}`)).join(", ")} FROM lineitem`;
const BINARY_FORMATS = COLUMNS.map((_c, i) => (i < 4 || (i >= 10 && i <= 12) ? 1 : 0));
/** As the server runs it: integers, DECIMALs and dates raw (formatted by the encoder), strings as they are. */
const SERVED_SQL = `SELECT ${COLUMNS.join(", ")} FROM lineitem`;

type Mode = "fetch" | "cells" | "encode";

/** Main-thread seconds the last pass spent extracting/encoding (waiting for DuckDB excluded). */
let lastJs = 0;
/** Process CPU seconds (all threads: DuckDB's and JavaScript's) of the last pass. */
let lastCpu = 0;

async function pass(conn: EngineConnection, sql: string, formats: number[], mode: Mode): Promise<[number, number]> {
  const cpu0 = process.cpuUsage();
  const s = await conn.stream(sql);
  const out = new BufferWriter();
  let rows = 0;
  let bytes = 0;
  let js = 0;
  for (let chunk = await s.next(); chunk; chunk = await s.next()) {
    rows += chunk.rowCount;
    const t = performance.now();
    if (mode === "cells") {
      for (let c = 0; c < chunk.columnCount; c++)
        bytes += chunk.cells(c, formats[c] === 1 ? "binary-be" : "text").bytes.length;
    } else if (mode === "encode") {
      encodeDataRows({ chunk, start: 0, end: chunk.rowCount }, formats, out);
      bytes += out.take().length;
    }
    js += performance.now() - t;
  }
  s.close();
  lastJs = js / 1000;
  const cpu = process.cpuUsage(cpu0);
  lastCpu = (cpu.user + cpu.system) / 1e6;
  return [rows, bytes];
}

async function timed(label: string, run: () => Promise<[number, number]>): Promise<void> {
  const times: number[] = [];
  const js: number[] = [];
  const cpus: number[] = [];
  let last: [number, number] = [0, 0];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await run();
    times.push((performance.now() - t) / 1000);
    js.push(lastJs);
    cpus.push(lastCpu);
  }
  cpus.sort((x, y) => x - y);
  times.sort((x, y) => x - y);
  js.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)]!;
  const jsMedian = js[Math.floor(js.length / 2)]!;
  const rate = Math.round(last[0] / median).toLocaleString("en-US");
  const all = times.map((t) => t.toFixed(3)).join(" ");
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(3)} s  ${rate} rows/s  (${all})  JS ${jsMedian.toFixed(3)} s  CPU ${cpus[Math.floor(cpus.length / 2)]!.toFixed(3)} s  bytes ${last[1]}`,
  );
}

async function main(): Promise<void> {
  const engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  const conn = await engine.connect("dev");
  const t = performance.now();
  await conn.run(CREATE);
  console.log(`built ${ROWS} rows in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const text = COLUMNS.map(() => 0);
  await timed("(a) DuckDB streaming VARCHAR-cast rows", () => pass(conn, TEXT_SQL, text, "fetch"));
  await timed("(b) + CellVector extraction (text)", () => pass(conn, TEXT_SQL, text, "cells"));
  await timed("(c) + DataRow encoding (text)", () => pass(conn, TEXT_SQL, text, "encode"));
  await timed("(c') DataRow encoding, ints/dates binary", () => pass(conn, BINARY_SQL, BINARY_FORMATS, "encode"));
  await timed("(d) DataRow encoding as served (text)", () => pass(conn, SERVED_SQL, text, "encode"));
  conn.close();
  await engine.close();
}

await main();
