// tests/clients/psycopg.test.ts
//! psycopg2 and psycopg 3 (Debian's python3-psycopg2 / python3-psycopg, run with /usr/bin/python3)
//! against Lakeshift: tests/clients/python/psycopg_matrix.py sends parameters of every type and
//! reads them back, stores a row of every type, runs executemany and recovers from an error.
//! psycopg2 interpolates parameters on the client (simple protocol, inside BEGIN/COMMIT);
//! psycopg 3 sends them as $n parameters (extended protocol). The statement log shows which.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { type LoggedStatement, Matrix, runTool } from "./matrix.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("../../../tests/clients/python/psycopg_matrix.py", import.meta.url));

type Line = { kind: string } & Record<string, unknown>;

const EXPECTED_VALUES: readonly (readonly [string, string])[] = [
  ["int", "-12"],
  ["int", "123456"],
  ["int", "9007199254740993"],
  ["Decimal", "-1234.567"],
  ["float", "1.5"],
  ["float", "2.25"],
  ["bool", "True"],
  ["str", "ab   "],
  ["str", "héllo 'q'"],
  ["date", "2024-02-29"],
  ["datetime", "2024-02-29T13:14:15.123456"],
  ["datetime", "2024-02-29T13:14:15+00:00"],
];
const NAMES = ["si", "i", "bi", "n", "r", "d", "b", "c", "v", "dt", "ts", "tz"];
const OIDS = [21, 23, 20, 1700, 700, 701, 16, 1042, 1043, 1082, 1114, 1184];

for (const driver of ["psycopg2", "psycopg"] as const) {
  describe(driver, () => {
    let m: Matrix;
    let lines: Line[];
    let sent: LoggedStatement[];

    const of = (kind: string) => lines.filter((l) => l.kind === kind);

    before(async () => {
      m = await Matrix.start();
      const c = m.server.connection();
      const mark = await m.mark();
      const r = runTool(PYTHON, [SCRIPT, driver, c.host, String(c.port), c.user, c.password, c.database]);
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
      lines = r.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Line);
      sent = await m.statementsSince(mark);
    });
    after(async () => {
      await m?.stop();
    });

    test("connects and sees server version 8.0.2", () => {
      assert.deepEqual(of("connected"), [{ kind: "connected", server_version: 80002 }]);
      assert.deepEqual(of("done"), [{ kind: "done" }]);
    });

    test("every type as a parameter and back", () => {
      assert.deepEqual(
        of("roundtrip")
          .filter((l) => NAMES.includes(l.name as string))
          .map((l) => [l.name, l.value]),
        NAMES.map((n, i) => [n, EXPECTED_VALUES[i]]),
      );
      const text = of("roundtrip").find((l) => l.name === "tx");
      assert.deepEqual(text?.value, ["str", "x".repeat(300)]);
    });

    test("TIME, TIMETZ, INTERVAL and a 38-digit NUMERIC as parameters (psycopg 3 sends some in binary)", () => {
      assert.deepEqual(of("roundtrip-error"), []);
      const value = (name: string) => of("roundtrip").find((l) => l.name === name)?.value;
      assert.deepEqual(value("tm"), ["time", "01:02:03"]);
      assert.deepEqual(value("tmz"), ["time", "01:02:03.500000-05:30"]);
      assert.deepEqual(value("iv"), ["timedelta", "3 days, 1:02:03.000007"]);
      assert.deepEqual(value("nb"), ["Decimal", "-1234567890123456789012345678.9012345600"]);
    });

    test("a row of every type stored with parameters, read back with the right type oids", () => {
      assert.deepEqual(
        of("error").filter((e) => e.step !== "failure"),
        [],
      );
      assert.deepEqual(of("description"), [{ kind: "description", columns: NAMES.map((n, i) => [n, OIDS[i]]) }]);
      const rows = of("row").map((l) => l.values);
      assert.deepEqual(rows[0], EXPECTED_VALUES);
      assert.deepEqual(
        rows[rows.length - 1],
        NAMES.map(() => ["NoneType", "None"]),
      );
      assert.deepEqual(of("where"), [{ kind: "where", count: 1 }]);
      assert.deepEqual(of("many"), [{ kind: "many", result: [5, "m0", "m4"] }]);
    });

    test("binary results (psycopg 3 cursor(binary=True)) read the same values", () => {
      if (driver === "psycopg2") {
        assert.deepEqual(of("binary-row"), [], "psycopg2 has no binary results");
        return;
      }
      // Every column in binary, varchar/char too (their binary form is their text).
      assert.deepEqual(of("binary-formats"), [
        { kind: "binary-formats", formats: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
      ]);
      const rows = of("binary-row").map((l) => l.values);
      assert.deepEqual(rows[0], EXPECTED_VALUES);
      assert.deepEqual(
        rows[rows.length - 1],
        NAMES.map(() => ["NoneType", "None"]),
      );
      assert.deepEqual(of("binary-extra"), [
        {
          kind: "binary-extra",
          formats: [1, 1, 1, 1],
          values: [
            ["time", "01:02:03.500000"],
            ["Decimal", "-0.0001"],
            ["Decimal", "0.00"],
            ["Decimal", "-1234567890123456789012345678.9012345600"],
          ],
        },
      ]);
    });

    test("an error rolls back; the connection goes on", () => {
      const failure = of("error").find((e) => e.step === "failure");
      assert.equal(failure?.sqlstate, "42P01");
      assert.match(String(failure?.message), /relation "no_such_table" does not exist/);
      assert.deepEqual(of("after"), [{ kind: "after", value: 42 }]);
    });

    test("the statement log: how parameters travelled, transactions, no catalog queries", () => {
      const insert = sent.find((s) => s.text.startsWith(`insert into py_types_${driver} values`));
      assert.ok(insert, sent.map((s) => s.text).join("\n"));
      assert.equal(insert.status, "success");
      if (driver === "psycopg2") {
        assert.match(insert.text, /'2024-02-29'::date/);
        assert.ok(
          sent.some((s) => s.text === "BEGIN"),
          "psycopg2 opens transactions with BEGIN",
        );
      } else {
        assert.match(insert.text, /values \(\$1, \$2, \$3/);
      }
      const failed = sent.filter((s) => s.status === "failed").map((s) => s.text);
      assert.ok(failed.includes("select * from no_such_table"), failed.join("\n"));
      assert.deepEqual(
        sent.filter((s) => /pg_catalog|pg_type/.test(s.text)).map((s) => s.text),
        [],
      );
    });
  });
}
