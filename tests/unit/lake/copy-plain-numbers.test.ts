// tests/unit/lake/copy-plain-numbers.test.ts
//! Number columns DuckDB's reader reads as numbers (src/lake/copy/plain.ts): only where the native
//! scan (native/fieldscan.cc) found nothing but plain numbers, since the reader also takes '1e3',
//! '1.5', '1_000' and '0x1F' into an INTEGER. The scan answers as a JavaScript reference does on
//! thousands of random files (two threads on a large one, a header, CR LF, blank lines, short
//! lines), and tells empty lines and line endings as the text scan does. A COPY reads clean number
//! columns as numbers and gives the same rows, and a refused form anywhere in a large file (in the
//! second thread's half too) is still an invalid digit. Under CI the addon must have built.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { nativePlainNumbers, nativeTextScan } from "../../../src/engine/index.js";
import { FAST_PATH_BAD_ROW } from "../../../src/lake/copy/fast.js";
import { NO_NULL } from "../../../src/lake/copy/stage.js";
import { T } from "../../../src/sql/types.js";
import { withNativeAddon } from "../../helpers/native-addon.js";
import { type Harness, openHarness } from "./copy-harness.js";

/** A small deterministic generator (the same files every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The reference: per rule (-1 skip, else decimals allowed), is every field plain or the null text? */
function reference(text: string, delim: string, nullText: string, skip: number, rules: readonly number[]): boolean[] {
  const plain = rules.map((r) => r >= 0);
  const lines = text.split("\n");
  lines.forEach((raw, n) => {
    if (n < skip) return;
    // A CR before the LF ends the line; one at the very end of the file, after no LF, is data.
    const line = raw.endsWith("\r") && n < lines.length - 1 ? raw.slice(0, -1) : raw;
    if (line === "") return;
    line.split(delim).forEach((field, col) => {
      const r = rules[col];
      if (r === undefined || r < 0) return;
      const re = r === 0 ? /^[+-]?[0-9]+$/ : new RegExp(`^[+-]?[0-9]+(\\.[0-9]{1,${r}})?$`);
      if (field !== nullText && !re.test(field)) plain[col] = false;
    });
  });
  return plain;
}

const LONG = "y".repeat(70); // a field longer than the 64 bytes the scan's bit masks cover
const TOKENS = [
  "0",
  "7",
  "-12",
  "+5",
  "007",
  "12.5",
  "12.34",
  "1.239",
  "1e3",
  "1.",
  ".5",
  "",
  "\\N",
  "x",
  " 5",
  "1_0",
  "-",
  "+",
  "5\r",
  LONG,
];

interface RandomFile {
  readonly body: string;
  readonly rules: number[];
  readonly skip: number;
  readonly nullText: string;
}

/** A random delimited file of numbers (mostly plain), short lines, CR LF or LF, and what to scan for. */
function randomFile(next: () => number): RandomFile {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  const cols = 1 + Math.floor(next() * 6);
  const rules = Array.from({ length: cols }, () => pick([-1, 0, 0, 1, 2]));
  // Most files use a few plain tokens so that some columns stay plain.
  const tokens = next() < 0.5 ? ["0", "7", "-12", "+5", "12.5", "\\N", "123456789.25"] : TOKENS;
  const lines: string[] = [];
  // Short files (read field by field) and longer ones (read 64 bytes at a time where they can be).
  const n = Math.floor(next() * (next() < 0.5 ? 8 : 60));
  for (let i = 0; i < n; i++) {
    const width = next() < 0.1 ? Math.floor(next() * (cols + 1)) : cols; // short and empty lines too
    lines.push(Array.from({ length: width }, () => pick(tokens)).join("|"));
  }
  const end = pick(["\n", "\r\n"]);
  const body = lines.join(end) + (next() < 0.8 ? end : "");
  return { body, rules, skip: next() < 0.2 ? 1 : 0, nullText: pick(["\\N", "\u001fnone\u001f", ""]) };
}

withNativeAddon("plain number scan", () => {
  const native = nativePlainNumbers() ?? assert.fail("no native plain number scan");
  const text = nativeTextScan() ?? assert.fail("no native text scan");
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ls-plain-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the scan answers as the reference on thousands of random small files, and tells lines as the text scan", async () => {
    const next = random(7);
    const path = join(dir, "small.txt");
    let impure = 0;
    let pure = 0;
    for (let k = 0; k < 2000; k++) {
      const { body, rules, skip, nullText } = randomFile(next);
      writeFileSync(path, body);
      const got = await native.scanPlainNumbers(path, "|", nullText, skip, Int32Array.from(rules));
      const want = reference(body, "|", nullText, skip, rules);
      assert.deepEqual(got.plain, want, `file ${JSON.stringify(body)}, rules ${rules}, skip ${skip}`);
      // The text scan also tells bare CRs, which this scan does not look for.
      const { bareCr: _bareCr, ...textLines } = await text.scanText(path);
      if (got.lines) assert.deepEqual(got.lines, textLines, `lines of ${JSON.stringify(body)}`);
      else
        assert.ok(
          want.every((p) => !p),
          "the scan stops early only when no column is plain",
        );
      for (const [i, p] of want.entries()) if ((rules[i] ?? -1) >= 0) p ? pure++ : impure++;
    }
    assert.ok(pure > 500 && impure > 500, `both answers are exercised (${pure} plain, ${impure} not)`);
  });

  test("a download's parts fed as they arrive (interleaved, cut anywhere, some fetched again) give the file scan's answer", async () => {
    const next = random(11);
    const path = join(dir, "stream.txt");
    let answered = 0;
    let refused = 0;
    for (let k = 0; k < 1500; k++) {
      const { body, rules, skip, nullText } = randomFile(next);
      const bytes = Buffer.from(body);
      writeFileSync(path, bytes);
      const want = await native.scanPlainNumbers(path, "|", nullText, skip, Int32Array.from(rules));
      const partSize = 1 + Math.floor(next() * (next() < 0.5 ? 16 : bytes.length + 1));
      const parts: { start: number; end: number; at: number }[] = [];
      for (let start = 0; start < bytes.length || start === 0; start += partSize) {
        parts.push({ start, end: Math.min(bytes.length, start + partSize), at: start });
        if (bytes.length === 0) break;
      }
      const scan = native.plainStream("|", nullText, skip, Int32Array.from(rules));
      // Parts in flight together, each fed a random piece at a time; now and then one starts over.
      const open = [...parts];
      while (open.length > 0) {
        const i = Math.floor(next() * Math.min(open.length, 4));
        const p = open[i] as (typeof open)[number];
        if (next() < 0.03) {
          native.plainStreamPart(scan, p.start, false);
          p.at = p.start;
          continue;
        }
        const upTo = Math.min(p.end, p.at + 1 + Math.floor(next() * 12));
        native.plainStreamFeed(scan, p.start, bytes.subarray(p.at, upTo));
        p.at = upTo;
        if (p.at >= p.end) {
          native.plainStreamPart(scan, p.start, true);
          open.splice(i, 1);
        }
      }
      const got = native.plainStreamResult(scan, bytes.length);
      // It gives up only where a part after the first has no LF (a line longer than a part) or the
      // header runs on past the first part.
      const lf = (p: { start: number; end: number }) => bytes.subarray(p.start, p.end).includes(0x0a);
      const lfsInFirst = bytes.subarray(0, parts[0]?.end ?? 0).filter((b) => b === 0x0a).length;
      const givesUp = parts.length > 1 && (parts.slice(1).some((p) => !lf(p)) || lfsInFirst < skip);
      const what = `file ${JSON.stringify(body)}, parts of ${partSize}, rules ${rules}, skip ${skip}, null ${JSON.stringify(nullText)}`;
      // (Where no column is plain it can answer anyway.)
      if (got === null) {
        assert.ok(givesUp, `gave up on ${what}`);
        refused++;
      } else {
        assert.deepEqual(got, want, what);
        answered++;
      }
    }
    assert.ok(
      answered > 500 && refused > 100,
      `both outcomes are exercised (${answered} answered, ${refused} gave up)`,
    );
    // A scan fed nothing makes up no object but an empty one; parts that leave a gap make up none.
    const empty = native.plainStream("|", "", 0, Int32Array.from([0]));
    assert.deepEqual(native.plainStreamResult(empty, 0), {
      plain: [true],
      lines: { blank: false, crlf: false, bareLf: false },
    });
    assert.equal(native.plainStreamResult(empty, 5), null);
    const gap = native.plainStream("|", "", 0, Int32Array.from([0]));
    native.plainStreamFeed(gap, 0, Buffer.from("1\n"));
    native.plainStreamPart(gap, 0, true);
    native.plainStreamFeed(gap, 4, Buffer.from("2\n"));
    native.plainStreamPart(gap, 4, true);
    assert.equal(native.plainStreamResult(gap, 6), null);
    assert.throws(() => native.plainStreamFeed(gap, -1, Buffer.from("x")), /part start >= 0/);
  });

  test("on a file large enough for two threads, one bad field anywhere makes its column impure", async () => {
    const path = join(dir, "large.txt");
    const good = Array.from({ length: 120_000 }, (_x, i) => `${i}|${i % 977}.${i % 10}|${-i}|text ${i}`);
    const size = good.join("\n").length;
    assert.ok(size > 2 << 20, "over the scan's one-thread limit");
    for (const at of [0, 1, 59_999, 60_000, 60_001, 119_999]) {
      for (const [col, bad] of [
        [0, "1e3"],
        [1, "1.25"],
        [2, "0x1F"],
      ] as const) {
        const lines = [...good];
        const fields = (lines[at] as string).split("|");
        fields[col] = bad;
        lines[at] = fields.join("|");
        writeFileSync(path, `${lines.join("\n")}\n`);
        const got = await native.scanPlainNumbers(path, "|", "\\N", 0, Int32Array.from([0, 1, 0, -1]));
        const want = [true, true, true, false];
        want[col] = false;
        assert.deepEqual(got.plain, want, `'${bad}' in column ${col} of line ${at}`);
      }
    }
    writeFileSync(path, `${good.join("\r\n")}\r\n\r\n`);
    const clean = await native.scanPlainNumbers(path, "|", "\\N", 0, Int32Array.from([0, 1, 0, -1]));
    assert.deepEqual(clean.plain, [true, true, true, false]);
    assert.deepEqual(clean.lines, { blank: true, crlf: true, bareLf: false });
  });

  test("with CSV's quote: a file without one scans as delimited text, one quote anywhere leaves no column plain", async () => {
    const path = join(dir, "csv.txt");
    const good = Array.from({ length: 60_000 }, (_x, i) => `${i},${i % 97}.5,name ${i}`);
    const rules = Int32Array.from([0, 1, -1]);
    writeFileSync(path, `${good.join("\n")}\n`);
    const clean = await native.scanPlainNumbers(path, ",", NO_NULL, 0, rules, '"');
    assert.deepEqual(clean, await native.scanPlainNumbers(path, ",", NO_NULL, 0, rules));
    assert.deepEqual(clean.plain, [true, true, false]);
    const stream = native.plainStream(",", NO_NULL, 0, rules, '"');
    native.plainStreamFeed(stream, 0, Buffer.from(`${good.join("\n")}\n`));
    native.plainStreamPart(stream, 0, true);
    assert.deepEqual(native.plainStreamResult(stream, Buffer.byteLength(`${good.join("\n")}\n`)), clean);
    // A quoted text field in either thread's half: the reader would unquote (and could span lines).
    for (const at of [3, 45_000]) {
      const lines = [...good];
      lines[at] = `${at},1.5,"a, b"`;
      const body = `${lines.join("\n")}\n`;
      writeFileSync(path, body);
      const quoted = await native.scanPlainNumbers(path, ",", NO_NULL, 0, rules, '"');
      assert.deepEqual(quoted.plain, [false, false, false], `a quote on line ${at}`);
      const s = native.plainStream(",", NO_NULL, 0, rules, '"');
      native.plainStreamFeed(s, 0, Buffer.from(body));
      native.plainStreamPart(s, 0, true);
      assert.deepEqual(native.plainStreamResult(s, Buffer.byteLength(body))?.plain, [false, false, false]);
    }
    assert.throws(() => native.scanPlainNumbers(path, ",", "", 0, rules, '""'), /quote\?/);
  });

  test("bad arguments are refused, a missing file rejects", async () => {
    assert.throws(() => native.scanPlainNumbers("x", "||", "", 0, new Int32Array(1)), /one-byte delimiter/);
    assert.throws(() => native.scanPlainNumbers("x", "|", "", -1, new Int32Array(1)), /skip >= 0/);
    await assert.rejects(native.scanPlainNumbers(join(dir, "none"), "|", "", 0, new Int32Array([0])), /open failed/);
  });
});

let h: Harness;

before(async () => {
  h = await openHarness();
  await h.table("pn", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "s", type: T.smallint, ddl: "SMALLINT" },
    { name: "b", type: T.bigint, ddl: "BIGINT" },
    { name: "d", type: { id: "decimal", precision: 8, scale: 2 }, ddl: "DECIMAL(8,2)" },
    { name: "t", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" },
  ]);
});
after(() => h.close());

/** COPYs `body` into pn; returns the rows, the load errors, the fast path's last reader columns and whether it loaded. */
async function load(body: string, extra = "") {
  await h.conn.run(`DELETE FROM "dev"."public"."pn"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  h.put("lake", "pn/x.txt", body);
  const seen = (await h.copySeeingSql(`copy pn from 's3://lake/pn/x.txt' iam_role default ${extra}`)).statements;
  const last = seen.findLastIndex((s) => s.includes(FAST_PATH_BAD_ROW));
  const columns = /columns=(\{[^}]*\})/.exec(seen[last] ?? "")?.[1] ?? "";
  return {
    rows: await h.rows(`SELECT id, s, b, CAST(d AS VARCHAR), t FROM "dev"."public"."pn" ORDER BY id`),
    errors: (await h.loadErrors()).map((e) => [e.line_number, e.colname, e.raw_field_value, e.err_code]),
    fast: last >= 0 && !seen.slice(last).includes("ROLLBACK"),
    numbersRead: ["INTEGER", "SMALLINT", "BIGINT", "DECIMAL(8,2)"].filter((t) => columns.includes(`'${t}'`)),
  };
}

withNativeAddon("COPY reads plain number columns as numbers", () => {
  test("a clean file: every number column read as its type, the same rows as text gives", async () => {
    const body = "1|-7|9000000000|12.5|a\n2|+3|-0|-0.25|b\n3|007|12|100|c\n4|\\N|\\N|\\N|\\N\n";
    const r = await load(body);
    assert.deepEqual(r.numbersRead, ["INTEGER", "SMALLINT", "BIGINT", "DECIMAL(8,2)"]);
    assert.equal(r.fast, true);
    const rows = [
      [1, -7, 9000000000n, "12.50", "a"],
      [2, 3, 0n, "-0.25", "b"],
      [3, 7, 12n, "100.00", "c"],
      [4, null, null, null, null],
    ];
    assert.deepEqual(r.rows, rows);
    // CR LF line ends, a header line and NULL AS: the same.
    const crlf = await load(
      `id|s|b|d|t\r\n${body.replaceAll("\\N", "nil").replaceAll("\n", "\r\n")}`,
      "ignoreheader 1 null as 'nil'",
    );
    assert.deepEqual(crlf.numbersRead, ["INTEGER", "SMALLINT", "BIGINT", "DECIMAL(8,2)"]);
    assert.deepEqual(crlf.rows, rows);
  });

  test("only the clean columns are read as numbers; the others convert from text as before", async () => {
    const r = await load("1| 5|1e3|1.239|a\n2|5|1|1|b\n", "maxerror 5");
    // s has ' 5' (a blank before the digits), b an exponent, d three decimals (cut to two).
    assert.deepEqual(r.numbersRead, ["INTEGER"]);
    assert.deepEqual(r.rows, [[2, 5, 1n, "1.00", "b"]]);
    assert.deepEqual(r.errors, [[1n, "b", "1e3", 1207]]);
    const cut = await load("1| 5|1|1.239|a\n");
    assert.deepEqual(cut.rows, [[1, 5, 1n, "1.23", "a"]], "extra decimals are cut, not rounded as the reader would");
  });

  test("a refused form deep in a large file is an invalid digit, not the reader's reading of it", async () => {
    const lines = Array.from({ length: 60_000 }, (_x, i) => `${i}|${i % 30_000}|${i * 3}|${i % 1000}.5|row ${i}`);
    lines[45_000] = "45000|1.5|3|1|x"; // in the second thread's half; the reader would load 2
    const r = await load(`${lines.join("\n")}\n`, "maxerror 1");
    assert.deepEqual(r.errors, [[45_001n, "s", "1.5", 1207]]);
    assert.equal(r.rows.length, 59_999);
    assert.deepEqual(
      await h.rows(`SELECT count(*) FROM "dev"."public"."pn" WHERE s = 2 AND id = 45000`),
      [[0n]],
      "the line is not loaded with 1.5 read as 2",
    );
  });

  test("a plain number out of the column's range: the typed read fails, text finds the invalid digit", async () => {
    const r = await load("1|32768|1|1|a\n2|1|1|1234567.5|b\n3|1|1|1|c\n", "maxerror 5");
    assert.deepEqual(r.rows, [[3, 1, 1n, "1.00", "c"]]);
    assert.deepEqual(r.errors, [
      [1n, "s", "32768", 1207],
      [2n, "d", "1234567.5", 1207],
    ]);
    // Without MAXERROR the load fails and the table is unchanged.
    await assert.rejects(load("1|32768|1|1|a\n"), /Load into table 'pn' failed/);
    assert.deepEqual(await h.rows(`SELECT count(*) FROM "dev"."public"."pn"`), [[0n]]);
  });

  test("CSV without quotes reads its number columns as numbers; with quoted fields, as text", async () => {
    const plain = await load("1,-7,9000000000,12.5,a\n2,+3,-0,-0.25,b\n", "csv");
    assert.deepEqual(plain.numbersRead, ["INTEGER", "SMALLINT", "BIGINT", "DECIMAL(8,2)"]);
    const rows = [
      [1, -7, 9000000000n, "12.50", "a"],
      [2, 3, 0n, "-0.25", "b"],
    ];
    assert.deepEqual(plain.rows, rows);
    const quoted = await load('1,"-7",9000000000,12.5,"a"\n2,+3,-0,"-0.25",b\n', "csv");
    assert.deepEqual(quoted.numbersRead, []);
    assert.deepEqual(quoted.rows, rows);
    assert.equal(quoted.fast, true);
  });

  test("an empty line in a scanned file is still a load error (the scan tells it instead of the text scan)", async () => {
    const r = await load("1|1|1|1|a\n\n3|3|3|3|c\n", "maxerror 5");
    assert.deepEqual(r.rows, [
      [1, 1, 1n, "1.00", "a"],
      [3, 3, 3n, "3.00", "c"],
    ]);
    assert.deepEqual(
      r.errors.map((e) => [e[0], e[3]]),
      [[2n, 1214]],
    );
  });
});
