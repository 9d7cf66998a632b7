// tests/security/printer-fuzz.test.ts
//! Property: whatever names and values a statement carries, each DuckDB statement the printer
//! makes of it is exactly one statement, with no text outside its literals. DuckDB is the judge:
//! its own statement extraction counts statements; json_serialize_sql parses every SELECT the
//! printer makes, and the parse tree must be the one the same statement makes with harmless names
//! and values (so hostile text ended up nowhere but in names and values); every statement is run
//! and its effect (schemas, tables, columns, views, rows) must be exactly the model's. Names and
//! values mix quotes, semicolons, comment openers, backslashes, dollar quotes, newlines and
//! unicode; each carries a unique tag so the harmless twin maps back one to one. NUL cannot be
//! represented in DuckDB SQL text: it is refused with 22021/42602, never passed through.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { MemoryCatalog } from "../../src/catalog/memory.js";
import { quoteIdent, quoteLiteral } from "../../src/common/sql-quote.js";
import { bindStatement } from "../../src/plan/index.js";
import { parseStatement } from "../../src/sql/index.js";
import { translate } from "../../src/translate/index.js";
import { testContext } from "../unit/translate/fixture.js";

let instance: DuckDBInstance;
let con: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
after(() => {
  con?.closeSync();
  instance?.closeSync();
});

const qi = (s: string) => `"${s.replaceAll('"', '""')}"`;
const ql = (s: string) => `'${s.replaceAll("'", "''")}'`;

const PIECES = [
  '"',
  "'",
  "''",
  '""',
  ";",
  "; DROP TABLE canary; --",
  "--",
  "/*",
  "*/",
  "\\",
  "\\'",
  "$$",
  "$a$",
  "$1",
  "\n",
  "\r\n",
  "\t",
  " ",
  "E'",
  "é",
  "✓",
  "𝔘",
  "\u200b",
  "\u2028",
  "ß",
  "Z",
  "x",
  "0",
  ")",
  "(",
  ",",
  ".",
  "%",
  "_",
];
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }) },
);
const text = fc.array(piece, { maxLength: 4 }).map((a) => a.join("").replace(/[\0§¤]/g, ""));

const NAMES = 6; // schema, table, 2 columns, view, ctas table
const VALUES = 3;
/** The schema, table and column an IDENTITY sequence is named after (no '"': see the refusal test). */
const SEQUENCE_NAMES = new Set([0, 1, 3]);
/** Hostile names and values, each with a unique tag (§n / ¤n) that no other text holds. */
const hostileCase = fc
  .tuple(fc.array(fc.tuple(text, text), { minLength: NAMES + VALUES, maxLength: NAMES + VALUES }))
  .map(([parts]) => ({
    names: parts
      .slice(0, NAMES)
      .map(([a, b], i) => (SEQUENCE_NAMES.has(i) ? `${a}§${i}${b}`.replaceAll('"', "") : `${a}§${i}${b}`)),
    values: parts.slice(NAMES).map(([a, b], i) => `${a}¤${i}${b}`),
  }));

interface Case {
  readonly names: readonly string[];
  readonly values: readonly string[];
}

const BENIGN: Case = {
  names: Array.from({ length: NAMES }, (_, i) => `n${i}`),
  values: Array.from({ length: VALUES }, (_, i) => `v${i}`),
};

/** The statements of one case, in order, as Redshift SQL. */
function script(c: Case): { sql: string; view?: { schema: string; name: string; query: string } }[] {
  const [s, t, c1, c2, vw, t2] = c.names.map(qi) as [string, string, string, string, string, string];
  const [v0, v1, v2] = c.values.map(ql) as [string, string, string];
  const viewQuery = `SELECT ${c1} AS ${c2} FROM ${s}.${t} WHERE ${c1} <> ${v1}`;
  return [
    { sql: `CREATE SCHEMA ${s}` },
    { sql: `CREATE TABLE ${s}.${t} (${c1} varchar(400) DEFAULT ${v2}, ${c2} int IDENTITY(1, 1))` },
    { sql: `INSERT INTO ${s}.${t} (${c1}) VALUES (${v0}), (${v1})` },
    { sql: `INSERT INTO ${s}.${t} (${c2}) VALUES (7)` },
    {
      sql: `SELECT ${c1} AS ${vw}, ${v0} AS ${t2}, ${c1} || ${v2}, CASE WHEN ${c1} = ${v0} THEN ${v1} ELSE ${c1} END, nvl(NULL, ${v1}), concat(${v1}, ${c1}), coalesce(${v2}, ${c1}) FROM ${s}.${t} AS ${t2} WHERE ${c1} IN (${v0}, ${v1}, ${v2}) ORDER BY ${c2}`,
    },
    { sql: `UPDATE ${s}.${t} SET ${c1} = ${v1} || ${c1} WHERE ${c1} = ${v0}` },
    { sql: `DELETE FROM ${s}.${t} WHERE ${c1} = ${v2}` },
    {
      sql: `CREATE VIEW ${s}.${vw} AS ${viewQuery}`,
      view: { schema: c.names[0]!, name: c.names[4]!, query: viewQuery },
    },
    { sql: `SELECT * FROM ${s}.${vw}` },
    { sql: `CREATE TABLE ${s}.${t2} AS SELECT ${c2}, ${v2} AS ${c1} FROM ${s}.${t}` },
    {
      sql: `UNLOAD ('SELECT ${c1.replaceAll("'", "''")} FROM ${s.replaceAll("'", "''")}.${t.replaceAll("'", "''")}') TO 's3://b/k/' IAM_ROLE default`,
    },
    // DuckDB cannot add a CHECK in place: the table is rebuilt (create, copy, drop, rename)
    { sql: `ALTER TABLE ${s}.${t2} ADD COLUMN ${vw} varchar(400) DEFAULT ${v0} NOT NULL` },
    { sql: `ALTER TABLE ${s}.${t} RENAME COLUMN ${c2} TO ${vw}` },
    { sql: `TRUNCATE ${s}.${t2}` },
    { sql: `DROP VIEW ${s}.${vw}` },
    { sql: `DROP TABLE ${s}.${t2}` },
    { sql: `DROP SCHEMA ${s} CASCADE` },
  ];
}

/** Binds and prints every statement of a case against an in-memory catalog that follows the DDL. */
function printCase(c: Case): { sql: string[]; query: boolean }[] {
  const catalog = new MemoryCatalog();
  const ctx = testContext();
  const out: { sql: string[]; query: boolean }[] = [];
  for (const step of script(c)) {
    const d = translate(bindStatement(parseStatement(step.sql), catalog, ctx));
    out.push({ sql: [...d.sql], query: d.kind === "query" || d.tag === "UNLOAD" });
    if (d.bound.kind === "create-schema") catalog.addSchema(c.names[0]!);
    const table = d.createTable;
    if (table) {
      catalog.addTable({
        schema: table.schema,
        name: table.name,
        columns: table.columns.map((x) => ({ name: x.name, type: x.type, identity: x.identity })),
      });
    }
    if (d.createView && step.view) {
      catalog.addTable({
        schema: step.view.schema,
        name: step.view.name,
        kind: "view",
        columns: d.createView.columns.map((x) => ({ name: x.name, type: x.type })),
        viewSql: step.view.query,
      });
    }
  }
  return out;
}

/** A parse tree with source positions dropped and every hostile string mapped to its twin. */
function normalized(json: string, from: Case): unknown {
  // Values compared with a text column lose trailing blanks (insignificant in Redshift comparisons).
  const pairs = [
    ...from.names.map((n, i) => [n, BENIGN.names[i]!]),
    ...from.values.flatMap((v, i) => [
      [v, BENIGN.values[i]!],
      [v.replace(/ +$/, ""), BENIGN.values[i]!],
    ]),
  ].sort((a, b) => b[0]!.length - a[0]!.length) as [string, string][];
  return JSON.parse(json, (key, value) => {
    if (key === "query_location") return undefined;
    if (typeof value !== "string") return value;
    let s = value;
    for (const [h, b] of pairs) s = s.replaceAll(h, b);
    return s;
  });
}

async function serialize(sql: string): Promise<string> {
  const r = await con.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(sql)}) AS j`);
  const json = r.getRowsJson()[0]?.[0] as string;
  assert.ok(!JSON.parse(json).error, `${sql}\n${json}`);
  return json;
}

async function rows(sql: string): Promise<unknown[][]> {
  return (await con.runAndReadAll(sql)).getRowsJson() as unknown[][];
}

/** What the database holds after a step: schemas, relations, columns and the table's rows. */
async function state(c: Case): Promise<unknown> {
  const [s, t] = c.names as [string, string];
  const schema = quoteLiteral(s);
  const has =
    (await rows(`SELECT 1 FROM duckdb_tables() WHERE schema_name = ${schema} AND table_name = ${quoteLiteral(t)}`))
      .length > 0;
  const sorted = async (sql: string) => (mapped(await rows(sql), c) as unknown[]).map((r) => JSON.stringify(r)).sort();
  return {
    schemas: await sorted(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'dev'`),
    relations: await sorted(
      `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'dev' UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = 'dev' AND NOT internal`,
    ),
    columns: await sorted(`SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'dev'`),
    data: has ? await sorted(`SELECT * FROM "dev".${quoteIdent(s)}.${quoteIdent(t)}`) : null,
  };
}

/** Runs a case's DuckDB statements in a fresh database "dev"; returns each step's results and state. */
async function runCase(c: Case, printed: { sql: string[]; query: boolean }[]): Promise<unknown[]> {
  await con.run("ATTACH ':memory:' AS dev");
  await con.run("CREATE TABLE dev.main.canary (a int)");
  await con.run("CREATE SCHEMA dev.public");
  const seen: unknown[] = [];
  try {
    for (const step of printed) {
      for (const sql of step.sql) {
        const extracted = await con.extractStatements(sql);
        assert.equal(extracted.count, 1, sql);
        if (step.query && !sql.startsWith("CREATE")) seen.push(mapped(await rows(sql), c));
        else await con.run(sql);
      }
      seen.push(await state(c));
    }
    seen.push(await rows("SELECT count(*)::int FROM dev.main.canary"));
  } finally {
    await con.run("USE memory");
    await con.run("DETACH DATABASE IF EXISTS dev");
  }
  return seen;
}

/** Maps a hostile run's observations onto the harmless twin's names and values. */
function mapped(x: unknown, from: Case): unknown {
  return normalized(JSON.stringify(x), from);
}

test("every printed statement is one statement with no text outside its literals (DuckDB judges)", async () => {
  const benignPrinted = printCase(BENIGN);
  const benignSeen = await runCase(BENIGN, benignPrinted);
  const benignTrees = await Promise.all(
    benignPrinted.flatMap((s) => (s.query ? s.sql.map((q) => serialize(q).then((j) => normalized(j, BENIGN))) : [])),
  );
  await fc.assert(
    fc.asyncProperty(hostileCase, async (c) => {
      const printed = printCase(c);
      assert.equal(printed.length, benignPrinted.length);
      const trees = [];
      for (const s of printed) if (s.query) for (const q of s.sql) trees.push(normalized(await serialize(q), c));
      assert.deepEqual(trees, benignTrees);
      assert.deepEqual(await runCase(c, printed), benignSeen);
    }),
    { numRuns: 30, seed: 20261124 },
  );
});

test("the judge sees through an injection: a statement printed without quoting fails it", async () => {
  const extracted = await con.extractStatements(`SELECT 'x'; DROP TABLE canary; --'`);
  assert.equal(extracted.count, 2);
  const hostile = { names: BENIGN.names, values: ["x' OR 'a' = 'a", ...BENIGN.values.slice(1)] };
  const naive = await serialize(`SELECT a FROM t WHERE a = '${hostile.values[0]}'`);
  const twin = await serialize(`SELECT a FROM t WHERE a = 'v0'`);
  assert.notDeepEqual(normalized(naive, hostile), normalized(twin, BENIGN));
});

test("an IDENTITY sequence DuckDB could not name is refused with 42602", () => {
  for (const sql of [
    'CREATE TABLE "a""b" (id int IDENTITY(1, 1))',
    'CREATE TABLE t ("i""d" int IDENTITY(1, 1))',
    'CREATE TABLE "s""x".t (id int IDENTITY(1, 1))',
  ]) {
    const catalog = new MemoryCatalog();
    catalog.addSchema('s"x');
    assert.throws(
      () => translate(bindStatement(parseStatement(sql), catalog, testContext())),
      (e: { sqlstate?: string; message: string }) => e.sqlstate === "42602" && /double quote/.test(e.message),
      sql,
    );
  }
});

test("NUL cannot be represented: SQL text, escapes and the printer refuse it with 22021/42602", () => {
  const refused = (code: string) => (e: { sqlstate?: string }) => e.sqlstate === code;
  for (const sql of [
    "SELECT 'a\0b'",
    'SELECT 1 AS "a\0b"',
    "SELECT E'a\\000b'",
    "SELECT E'\\x00'",
    "SELECT E'\\0'",
    "SELECT E'x\\u0000'",
    "CREATE TABLE t (a varchar DEFAULT E'\\x0')",
  ]) {
    assert.throws(() => parseStatement(sql), refused("22021"), JSON.stringify(sql));
  }
  assert.throws(
    () => parseStatement("SELECT E'\\uD800'"),
    (e: { sqlstate?: string }) => e.sqlstate === "42601",
  );
  assert.throws(
    () => parseStatement("SELECT E'\\U00110000'"),
    (e: { sqlstate?: string }) => e.sqlstate === "42601",
  );
  assert.throws(() => quoteLiteral("a\0"), refused("22021"));
  assert.throws(() => quoteIdent("a\0"), refused("42602"));
  // A name holding NUL from elsewhere than SQL text (a catalog row) is refused when printed.
  assert.throws(() => new MemoryCatalog().addTable({ name: "t\0x", columns: [] }), refused("42602"));
});
