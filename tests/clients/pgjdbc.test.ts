// tests/clients/pgjdbc.test.ts
//! pgjdbc (Debian's libpostgresql-jdbc-java on Java 17) against Lakeshift: tests/clients/java/
//! JdbcMatrix.java is compiled with javac into a temporary folder and run once; it connects, runs
//! prepared statements 7 times (pgjdbc switches to named server-side statements from the 5th),
//! rolls back a transaction and reads DatabaseMetaData. Its printed facts and Lakeshift's
//! statement log are checked here.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type LoggedStatement, Matrix, runTool, sections } from "./matrix.js";

const JAVA = "/usr/bin/java";
const JAVAC = "/usr/bin/javac";
const JAR = "/usr/share/java/postgresql.jar";
/** The source sits in tests/clients/java; this file runs from dist/tests/clients. */
const SOURCE = fileURLToPath(new URL("../../../tests/clients/java/JdbcMatrix.java", import.meta.url));

describe("pgjdbc", () => {
  let m: Matrix;
  let out: Map<string, string[][]>;
  let sent: LoggedStatement[];
  let dir: string;

  function section(name: string): string[][] {
    return out.get(name) ?? [];
  }

  function errorOf(step: string): string | undefined {
    return section("error")
      .find((e) => e[0] === step)
      ?.join(" ");
  }

  before(async () => {
    m = await Matrix.start();
    assert.ok(existsSync(JAR), `${JAR} is not installed (.ci/run installs libpostgresql-jdbc-java)`);
  });
  after(async () => {
    await m?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("compiles and runs against the server", async () => {
    dir = mkdtempSync(join(tmpdir(), "lakeshift-jdbc-"));
    const javac = runTool(JAVAC, ["-d", dir, SOURCE]);
    assert.equal(javac.status, 0, javac.stderr);
    const c = m.server.connection();
    const mark = await m.mark();
    const r = runTool(
      JAVA,
      ["-cp", `${JAR}:${dir}`, "JdbcMatrix", `jdbc:postgresql://${c.host}:${c.port}/${c.database}`, c.user, c.password],
      {
        timeoutMs: 120_000,
      },
    );
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    out = sections(r.stdout);
    sent = await m.statementsSince(mark);
    assert.deepEqual(section("done"), [[]], r.stdout);
    assert.deepEqual(section("connected"), [["PostgreSQL", "8.0.2"]]);
  });

  test("a prepared query run 7 times returns the right rows each time (named statement from the 5th)", () => {
    assert.equal(errorOf("prepared"), undefined);
    assert.deepEqual(section("prepared"), [
      ["1", "b", "2"],
      ["2", "c", "3"],
      ["3", "a", "1"],
      ["4", "b", "2"],
      ["5", "c", "3"],
      ["6", "a", "1"],
      ["7", "b", "2"],
    ]);
    const runs = sent.filter((s) => s.text === "select name, id from jt where id = $1");
    assert.deepEqual(
      runs.map((s) => [s.status, s.rows]),
      Array.from({ length: 7 }, () => ["success", 1]),
    );
  });

  test("prepared inserts with int and varchar parameters; a rolled-back transaction leaves nothing", () => {
    assert.equal(errorOf("prepared-insert"), undefined);
    assert.deepEqual(
      section("inserted"),
      Array.from({ length: 7 }, () => ["1"]),
    );
    assert.deepEqual(section("count"), [["10", "n16"]]);
    assert.equal(errorOf("transaction"), undefined);
    assert.deepEqual(section("rolledback"), [["0"]]);
  });

  test("a result read in pieces (fetch size 3) arrives whole; the log shows it finished", () => {
    assert.equal(errorOf("cursor"), undefined);
    assert.deepEqual(section("cursor"), [["10"]]);
    const logged = sent.filter((s) => s.text.includes("/* cursor */"));
    assert.deepEqual(
      logged.map((s) => s.status),
      ["success"],
    );
  });

  test("NUMERIC in binary: results from the 5th run on, and BigDecimal parameters", () => {
    assert.equal(errorOf("prepared-numeric"), undefined);
    assert.deepEqual(
      section("prepared-numeric"),
      Array.from({ length: 7 }, (_, i) => [String(i + 1), "1.50"]),
    );
    assert.equal(errorOf("prepared-insert-numeric"), undefined);
    assert.deepEqual(section("updated"), [["1"]]);
  });

  test("TIMETZ in binary: the same OffsetTime on every run, also after pgjdbc switches to binary (5th run on); an untyped `? as n` keeps every column", () => {
    assert.equal(errorOf("prepared-timetz"), undefined);
    assert.deepEqual(
      section("prepared-timetz"),
      Array.from({ length: 7 }, (_, i) => [String(i + 1), "12:34:56.789+05:30", "23:59:59.500-08:00", "01:02:03"]),
    );
  });

  test("getTables and getColumns", () => {
    assert.equal(errorOf("getTables"), undefined);
    assert.deepEqual(section("table"), [
      ["public", "jk", "TABLE"],
      ["public", "jt", "TABLE"],
      ["public", "jv", "VIEW"],
    ]);
    assert.equal(errorOf("getColumns"), undefined);
    assert.deepEqual(section("column"), [
      ["id", "int4", "4", "10", "0", "NO", "1"],
      ["name", "varchar", "12", "20", "0", "YES", "2"],
      ["price", "numeric", "2", "8", "2", "YES", "3"],
    ]);
    const tables = sent.find((s) => /AS TABLE_TYPE/.test(s.text));
    assert.match(tables?.text ?? "", /'pg_class'::regclass/);
    assert.equal(tables?.status, "success");
  });

  test("getSchemas", () => {
    assert.equal(errorOf("getSchemas"), undefined);
    assert.deepEqual(section("schema"), [["information_schema"], ["pg_catalog"], ["public"]]);
  });

  test("getPrimaryKeys: one and two key columns in key order, none for a view", () => {
    assert.equal(errorOf("getPrimaryKeys"), undefined);
    assert.deepEqual(section("pk"), [
      ["jt", "id", "1"],
      ["jk", "b", "1"],
      ["jk", "a", "2"],
    ]);
  });

  test("getProcedureColumns: the return value, then each argument, from pg_proc.proargtypes split on spaces", () => {
    assert.equal(errorOf("getProcedureColumns"), undefined);
    // COLUMN_TYPE 5 is procedureColumnReturn, 1 procedureColumnIn; DATA_TYPE 2 NUMERIC, 4 INTEGER, 12 VARCHAR.
    assert.deepEqual(section("proccol"), [
      ["jf", "returnValue", "5", "2", "numeric"],
      ["jf", "$1", "1", "4", "int4"],
      ["jf", "$2", "1", "12", "varchar"],
    ]);
  });

  test("getTypeInfo", () => {
    assert.equal(errorOf("getTypeInfo"), undefined);
    const [count, names] = section("typeinfo")[0] ?? [];
    assert.ok(Number(count) > 20);
    // _int4 is an array (2003) because its typinput is 'pg_catalog.array_in'::regproc.
    for (const t of ["int4:4", "varchar:12", "numeric:2", "timestamp:93", "bool:-7", "_int4:2003"])
      assert.ok(names?.includes(t), t);
  });

  test("the statement log shows what pgjdbc sent; its successful catalog queries read pg_catalog", () => {
    const catalog = sent.filter((s) => /pg_catalog\./.test(s.text));
    assert.ok(catalog.length >= 3, `catalog statements: ${catalog.length}`);
    const ok = catalog.filter((s) => s.status === "success").map((s) => s.text);
    assert.ok(
      ok.some((t) => /FROM pg_catalog\.pg_namespace n, pg_catalog\.pg_class c/.test(t)),
      "getTables",
    );
    assert.ok(
      ok.some((t) => /JOIN pg_catalog\.pg_attribute a/.test(t)),
      "getColumns",
    );
    assert.ok(sent.some((s) => /^create table jt/.test(s.text) && s.type === "DDL" && s.status === "success"));
  });
});
