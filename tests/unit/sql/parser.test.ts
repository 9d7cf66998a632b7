// tests/unit/sql/parser.test.ts
//! AST shapes the binder and translator rely on: precedence, positions, names and folding,
//! TOP/LIMIT, set operations, CREATE TABLE attributes, DML, utility statements, scripts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ParseError } from "../../../src/common/errors.js";
import type { CreateTable, Expr, Insert, Select, SetOperation, Statement } from "../../../src/sql/index.js";
import {
  makeTypeName,
  parse,
  parseExpression,
  parseScript,
  parseStatement,
  parseType,
  print,
  printExpr,
} from "../../../src/sql/index.js";
import { stripPos } from "./strip-pos.js";

const shape = (sql: string) => stripPos(parseExpression(sql));
const col = (...parts: string[]) => ({ kind: "ColumnRef", parts });
const num = (value: string) => ({ kind: "NumberLiteral", value, integer: !/[.eE]/.test(value) });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: "Binary", op, left, right });
const select = (sql: string) => parseStatement(sql) as Select;

test("arithmetic precedence: * over +, left associativity, ^ over *, unary minus over ^", () => {
  assert.deepEqual(shape("a + b * c"), bin("+", col("a"), bin("*", col("b"), col("c"))));
  assert.deepEqual(shape("a - b - c"), bin("-", bin("-", col("a"), col("b")), col("c")));
  assert.deepEqual(shape("a * b ^ c"), bin("*", col("a"), bin("^", col("b"), col("c"))));
  assert.deepEqual(shape("-a ^ 2"), bin("^", { kind: "Unary", op: "-", operand: col("a") }, num("2")));
  assert.deepEqual(shape("a || b + c"), bin("||", col("a"), bin("+", col("b"), col("c"))));
});

test("boolean precedence: OR < AND < NOT < IS < comparison < LIKE/BETWEEN/IN", () => {
  assert.deepEqual(shape("a OR b AND c"), bin("OR", col("a"), bin("AND", col("b"), col("c"))));
  assert.deepEqual(shape("NOT a = b"), { kind: "Unary", op: "NOT", operand: bin("=", col("a"), col("b")) });
  assert.deepEqual(shape("NOT a AND b"), bin("AND", { kind: "Unary", op: "NOT", operand: col("a") }, col("b")));
  assert.deepEqual(shape("a = b IS NULL"), { kind: "IsNull", expr: bin("=", col("a"), col("b")), not: false });
  assert.deepEqual(shape("a LIKE b || 'x'"), {
    kind: "Like",
    op: "like",
    expr: col("a"),
    pattern: bin("||", col("b"), { kind: "StringLiteral", value: "x" }),
    not: false,
  });
  assert.deepEqual(
    shape("a BETWEEN 1 AND 2 AND c"),
    bin(
      "AND",
      { kind: "Between", expr: col("a"), low: num("1"), high: num("2"), not: false, symmetric: false },
      col("c"),
    ),
  );
  assert.deepEqual(
    shape("x = 1 = TRUE"),
    bin("=", bin("=", col("x"), num("1")), { kind: "BooleanLiteral", value: true }),
  );
});

test(":: binds tightest, COLLATE looser than unary minus, AT TIME ZONE below COLLATE", () => {
  const e = shape("-a::int") as { kind: string; operand: { kind: string } };
  assert.equal(e.kind, "Unary");
  assert.equal(e.operand.kind, "Cast");
  assert.deepEqual(
    shape('a || b COLLATE "C"'),
    bin("||", col("a"), { kind: "Collate", expr: col("b"), collation: ["C"] }),
  );
  assert.equal((shape("ts AT TIME ZONE 'UTC' + x") as { kind: string }).kind, "Binary");
});

test("casts: CAST, ::, CONVERT all give Cast with a normalized TypeName", () => {
  for (const sql of ["CAST(x AS int4)", "x::integer", "CONVERT(int, x)", "x::pg_catalog.int4"]) {
    assert.deepEqual(shape(sql), {
      kind: "Cast",
      expr: col("x"),
      type: { kind: "TypeName", name: "integer", modifiers: [], arrayDims: 0, sql: { id: "integer" } },
    });
  }
  const t = (s: string) => (parseExpression(`CAST(x AS ${s})`) as Extract<Expr, { kind: "Cast" }>).type;
  assert.deepEqual(t("varchar(max)").sql, { id: "varchar", length: 65535 });
  assert.deepEqual(t("text").sql, { id: "varchar", length: 256 });
  assert.equal(t("text").name, "text");
  assert.deepEqual(t("numeric").sql, { id: "decimal", precision: 18, scale: 0 });
  assert.deepEqual(t("decimal(10,3)").sql, { id: "decimal", precision: 10, scale: 3 });
  assert.deepEqual(t("character(4)").sql, { id: "char", length: 4 });
  assert.deepEqual(t("bpchar").sql, { id: "char", length: 1 });
  assert.deepEqual(t("timestamp with time zone").sql, { id: "timestamptz" });
  assert.deepEqual(t("time without time zone").sql, { id: "time" });
  assert.deepEqual(t("float").sql, { id: "double precision" });
  assert.deepEqual(t("float(20)").sql, { id: "real" });
  assert.deepEqual(stripPos(t("regclass")), { kind: "TypeName", name: "regclass", modifiers: [], arrayDims: 0 });
  assert.deepEqual(stripPos(t('pg_catalog."char"')), {
    kind: "TypeName",
    name: '"char"',
    schema: "pg_catalog",
    modifiers: [],
    arrayDims: 0,
  });
  assert.deepEqual(stripPos(t("text[]")), { kind: "TypeName", name: "text", modifiers: [], arrayDims: 1 });
});

test("identifiers fold to lower case unless quoted; column refs keep up to 4 parts", () => {
  assert.deepEqual(shape('DB.Sch."Tab".COL'), col("db", "sch", "Tab", "col"));
  assert.deepEqual(shape('"a;b"'), col("a;b"));
  assert.deepEqual(shape("t.*"), { kind: "Star", qualifier: ["t"] });
  assert.throws(() => parseExpression("a.b.c.d.e"), ParseError);
});

test("function calls: schema, DISTINCT, star, APPROXIMATE, WITHIN GROUP, OVER, IGNORE NULLS", () => {
  const f = parseExpression("pg_catalog.pg_get_userbyid(c.relowner)");
  assert.deepEqual(stripPos(f), {
    kind: "FunctionCall",
    name: "pg_get_userbyid",
    schema: "pg_catalog",
    args: [col("c", "relowner")],
    star: false,
    distinct: false,
    approximate: false,
  });
  const a = parseExpression("APPROXIMATE COUNT(DISTINCT x)") as Extract<Expr, { kind: "FunctionCall" }>;
  assert.deepEqual([a.name, a.distinct, a.approximate, a.args.length], ["count", true, true, 1]);
  const c = parseExpression("count(*)") as Extract<Expr, { kind: "FunctionCall" }>;
  assert.deepEqual([c.star, c.args.length], [true, 0]);
  const l = parseExpression("LISTAGG(x, ',') WITHIN GROUP (ORDER BY y DESC) OVER (PARTITION BY z)") as Extract<
    Expr,
    { kind: "FunctionCall" }
  >;
  assert.equal(l.withinGroup?.[0]?.desc, true);
  assert.deepEqual(stripPos(l.over?.partitionBy), [col("z")]);
  const w = parseExpression("lag(x) IGNORE NULLS OVER w") as Extract<Expr, { kind: "FunctionCall" }>;
  assert.equal(w.nulls, "ignore");
  assert.deepEqual(stripPos(w.over), { kind: "WindowSpec", base: "w", ref: true, partitionBy: [], orderBy: [] });
  const fr = parseExpression("sum(x) OVER (ORDER BY t ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)") as Extract<
    Expr,
    { kind: "FunctionCall" }
  >;
  assert.deepEqual(stripPos(fr.over?.frame), {
    kind: "WindowFrame",
    unit: "rows",
    start: { kind: "FrameBound", type: "preceding", offset: num("3") },
    end: { kind: "FrameBound", type: "current row" },
  });
  assert.deepEqual(stripPos(parseExpression("CURRENT_DATE")), {
    kind: "FunctionCall",
    name: "current_date",
    args: [],
    star: false,
    distinct: false,
    approximate: false,
  });
  assert.equal(
    (parseExpression("dateadd(day, 1, d)") as Extract<Expr, { kind: "FunctionCall" }>).args[0]!.kind,
    "ColumnRef",
  );
});

test("special forms: EXTRACT, POSITION, SUBSTRING (both syntaxes), TRIM, quantified, IN subquery, EXISTS", () => {
  assert.deepEqual(shape("EXTRACT(YEAR FROM d)"), { kind: "Extract", field: "year", expr: col("d") });
  assert.deepEqual(shape("POSITION('a' IN s)"), {
    kind: "Position",
    needle: { kind: "StringLiteral", value: "a" },
    haystack: col("s"),
  });
  const sub = { kind: "Substring", expr: col("s"), start: num("1"), length: num("2") };
  assert.deepEqual(shape("SUBSTRING(s FROM 1 FOR 2)"), sub);
  assert.deepEqual(shape("substring(s, 1, 2)"), sub);
  assert.deepEqual(shape("substr(s, 1, 2)"), sub);
  assert.deepEqual(shape("TRIM(LEADING 'x' FROM s)"), {
    kind: "Trim",
    side: "leading",
    chars: { kind: "StringLiteral", value: "x" },
    expr: col("s"),
  });
  assert.equal((shape("a = ANY (SELECT 1)") as { kind: string }).kind, "QuantifiedSubquery");
  assert.deepEqual(shape("a <> SOME (arr)"), {
    kind: "QuantifiedArray",
    op: "<>",
    quantifier: "any",
    left: col("a"),
    array: col("arr"),
  });
  assert.equal((shape("a NOT IN (SELECT b FROM t)") as { kind: string; not: boolean }).not, true);
  assert.equal((shape("NOT EXISTS (SELECT 1)") as { operand: { kind: string } }).operand.kind, "Exists");
  assert.deepEqual(shape("(current_schemas(true))[1]"), {
    kind: "Subscript",
    expr: {
      kind: "FunctionCall",
      name: "current_schemas",
      args: [{ kind: "BooleanLiteral", value: true }],
      star: false,
      distinct: false,
      approximate: false,
    },
    index: num("1"),
    slice: false,
  });
});

test("literals: typed, interval, escape and dollar strings, parameters", () => {
  assert.deepEqual(shape("INTERVAL '90' DAY"), { kind: "IntervalLiteral", value: "90", qualifier: "day" });
  assert.deepEqual(shape("interval '1 day'"), { kind: "IntervalLiteral", value: "1 day" });
  assert.equal((shape("TIMESTAMP '2020-01-01'") as { type: { name: string } }).type.name, "timestamp");
  assert.deepEqual(shape("E'a\\tb'"), { kind: "StringLiteral", value: "a\tb" });
  assert.deepEqual(shape("$q$it's$q$"), { kind: "StringLiteral", value: "it's" });
  assert.deepEqual(shape("$3"), { kind: "Param", index: 3 });
});

test("positions are 0-based offsets of each node's first token", () => {
  const sql = "SELECT a,\n  b + 1 AS c FROM t WHERE x = $1";
  const s = select(sql);
  assert.equal(s.pos, 0);
  assert.equal(s.items[1]!.pos, sql.indexOf("b + 1"));
  const b = s.items[1]!.expr as Extract<Expr, { kind: "Binary" }>;
  assert.equal(b.right.pos, sql.indexOf("1 AS"));
  assert.equal(s.from[0]!.pos, sql.indexOf("t WHERE"));
  assert.equal((s.where as Extract<Expr, { kind: "Binary" }>).right.pos, sql.indexOf("$1"));
});

test("TOP n and LIMIT are the same limit; LIMIT ALL is none; TOP applies to its own SELECT in a set op", () => {
  assert.deepEqual(stripPos(select("SELECT TOP 5 a FROM t").limit), num("5"));
  assert.deepEqual(stripPos(select("SELECT a FROM t LIMIT 5").limit), num("5"));
  assert.equal(select("SELECT a FROM t LIMIT ALL").limit, undefined);
  const u = parseStatement("SELECT TOP 1 a FROM t UNION SELECT b FROM u LIMIT 3") as SetOperation;
  assert.deepEqual(stripPos((u.left as Select).limit), num("1"));
  assert.deepEqual(stripPos(u.limit), num("3"));
  assert.throws(() => parseStatement("SELECT TOP 1 a FROM t LIMIT 2"), ParseError);
});

test("set operations: INTERSECT binds tighter; MINUS is EXCEPT; ORDER BY belongs to the whole", () => {
  const s = parseStatement("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1") as SetOperation;
  assert.equal(s.op, "union");
  assert.equal((s.right as SetOperation).op, "intersect");
  assert.equal(s.orderBy?.length, 1);
  const m = parseStatement("SELECT 1 MINUS SELECT 2 EXCEPT ALL SELECT 3") as SetOperation;
  assert.deepEqual([m.op, m.all, (m.left as SetOperation).op], ["except", true, "except"]);
  const p = parseStatement("SELECT 1 EXCEPT (SELECT 2 UNION SELECT 3)") as SetOperation;
  assert.equal((p.right as SetOperation).op, "union");
});

test("FROM: comma joins, join kinds, derived tables with column aliases, table functions, temp names", () => {
  const s = select(
    "SELECT * FROM a, b x LEFT OUTER JOIN c USING (id) CROSS JOIN d, (SELECT 1) AS q(n), generate_series(1, 3) g, #tmp",
  );
  assert.equal(s.from.length, 5);
  const j = s.from[1]!;
  assert.equal(j.kind, "Join");
  if (j.kind === "Join") {
    assert.equal(j.type, "cross");
    assert.equal(j.left.kind === "Join" && j.left.type, "left");
    assert.deepEqual(j.left.kind === "Join" && j.left.using, ["id"]);
  }
  const d = s.from[2]!;
  assert.deepEqual(d.kind === "DerivedTable" && stripPos(d.alias), { kind: "Alias", name: "q", columns: ["n"] });
  assert.equal(s.from[3]!.kind, "TableFunction");
  const h = s.from[4]!;
  assert.equal(h.kind === "TableName" && h.name.name, "#tmp");
  const g = select("SELECT * FROM generate_series(1, 3) AS g(n)").from[0]!;
  assert.equal(g.kind, "TableFunction");
  const t = select("SELECT * FROM #tmp").from[0]!;
  assert.equal(t.kind === "TableName" && t.name.name, "#tmp");
  const q = select('SELECT * FROM db.s."T"').from[0]!;
  assert.deepEqual(q.kind === "TableName" && stripPos(q.name), {
    kind: "ObjectName",
    database: "db",
    schema: "s",
    name: "T",
  });
});

test("CREATE TABLE: columns, constraints and attributes in any order", () => {
  const ct = parseStatement(
    "CREATE TEMP TABLE IF NOT EXISTS s.t (id BIGINT IDENTITY(1,2) ENCODE az64, v VARCHAR(MAX) NOT NULL DEFAULT 'x' SORTKEY, k INT DISTKEY REFERENCES u(k), PRIMARY KEY (id)) SORTKEY(v) BACKUP NO DISTSTYLE KEY DISTKEY(k)",
  ) as CreateTable;
  assert.equal(ct.temp, true);
  assert.equal(ct.ifNotExists, true);
  assert.deepEqual(stripPos(ct.columns[0]!.identity), {
    kind: "Identity",
    seed: 1,
    step: 2,
    generatedByDefault: false,
  });
  assert.equal(ct.columns[0]!.encode, "az64");
  assert.equal(ct.columns[1]!.notNull, true);
  assert.deepEqual(stripPos(ct.columns[1]!.default), { kind: "StringLiteral", value: "x" });
  assert.equal(ct.columns[1]!.sortKey, true);
  assert.equal(ct.columns[2]!.distKey, true);
  assert.deepEqual(ct.columns[2]!.references?.columns, ["k"]);
  assert.deepEqual(stripPos(ct.constraints), [{ kind: "TableConstraint", type: "primary key", columns: ["id"] }]);
  assert.deepEqual(stripPos(ct.attributes), {
    sortKey: { kind: "SortKeySpec", style: "compound", explicitCompound: false, columns: ["v"] },
    backup: false,
    distStyle: "key",
    distKey: "k",
  });
  const ctas = parseStatement("CREATE TABLE t2 (x) DISTSTYLE EVEN AS SELECT 1") as CreateTable;
  assert.deepEqual(ctas.asColumns, ["x"]);
  assert.equal(ctas.as?.kind, "Select");
  assert.equal(ctas.attributes.distStyle, "even");
  const inter = parseStatement("CREATE TABLE t3 (a INT, b INT) INTERLEAVED SORTKEY (a, b) ENCODE AUTO") as CreateTable;
  assert.deepEqual([inter.attributes.sortKey?.style, inter.attributes.encodeAuto], ["interleaved", true]);
  const hash = parseStatement("CREATE TABLE #t (a INT)") as CreateTable;
  assert.equal(hash.temp, true);
  const like = parseStatement("CREATE TABLE t4 (LIKE t INCLUDING DEFAULTS)") as CreateTable;
  assert.equal(like.like?.includingDefaults, true);
});

test("DML: INSERT forms, UPDATE ... FROM, DELETE ... USING", () => {
  const i = parseStatement("INSERT INTO t (a, b) VALUES (1, DEFAULT), (2, 3)") as Insert;
  assert.deepEqual(i.columns, ["a", "b"]);
  assert.equal(i.source?.kind, "Values");
  if (i.source?.kind === "Values") assert.equal(i.source.rows[0]![1]!.kind, "DefaultValue");
  assert.equal((parseStatement("INSERT INTO t DEFAULT VALUES") as Insert).source, undefined);
  assert.equal((parseStatement("INSERT INTO t SELECT * FROM u") as Insert).source?.kind, "Select");
  const u = parseStatement("UPDATE t AS x SET a = 1, b = b + 1 FROM u WHERE x.id = u.id");
  assert.ok(u.kind === "Update");
  assert.deepEqual([u.alias, u.set.map((s) => s.column), u.from.length], ["x", ["a", "b"], 1]);
  const d = parseStatement("DELETE FROM t USING u WHERE t.id = u.id");
  assert.ok(d.kind === "Delete");
  assert.equal(d.using.length, 1);
});

test("utility statements", () => {
  const k = (sql: string) => stripPos(parseStatement(sql));
  assert.deepEqual(k("BEGIN ISOLATION LEVEL SERIALIZABLE"), { kind: "Begin", isolationLevel: "serializable" });
  assert.deepEqual(k("START TRANSACTION READ ONLY"), { kind: "Begin", readOnly: true, start: true });
  assert.deepEqual(k("END TRANSACTION"), { kind: "Commit" });
  assert.deepEqual(k("ABORT"), { kind: "Rollback" });
  assert.deepEqual(k("SET search_path TO '$user', public"), {
    kind: "SetVariable",
    local: false,
    name: "search_path",
    values: [
      { kind: "SetValue", value: "$user", quoted: true },
      { kind: "SetValue", value: "public", quoted: false },
    ],
  });
  assert.deepEqual(k("SET TIME ZONE 'UTC'"), {
    kind: "SetVariable",
    local: false,
    name: "timezone",
    values: [{ kind: "SetValue", value: "UTC", quoted: true }],
  });
  assert.deepEqual(k("SET datestyle TO DEFAULT"), { kind: "SetVariable", local: false, name: "datestyle" });
  assert.deepEqual(k("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"), {
    kind: "SetTransaction",
    session: true,
    isolationLevel: "read committed",
  });
  assert.deepEqual(k("RESET ALL"), { kind: "Reset" });
  assert.deepEqual(k("SHOW TRANSACTION ISOLATION LEVEL"), { kind: "Show", name: "transaction_isolation" });
  assert.deepEqual(k("SHOW ALL"), { kind: "Show", name: "all" });
  assert.deepEqual(k("DEALLOCATE ALL"), { kind: "Deallocate" });
  const e = parseStatement("EXPLAIN VERBOSE SELECT 1");
  assert.ok(e.kind === "Explain" && e.verbose && e.statement.kind === "Select");
});

test("parseScript splits on top-level ';' only, keeps each statement's text and offset, drops empties", () => {
  const sql = "  SELECT ';' AS x; ; -- c\nSELECT \"a;b\" FROM t;SELECT $$;$$\n";
  const parts = parseScript(sql);
  assert.deepEqual(
    parts.map((p) => [p.text, p.start]),
    [
      ["SELECT ';' AS x", 2],
      ['SELECT "a;b" FROM t', sql.indexOf('SELECT "a')],
      ["SELECT $$;$$", sql.indexOf("SELECT $$")],
    ],
  );
  // positions inside a later statement are relative to that statement's text
  const second = parts[1]!.stmt as Select;
  assert.equal(second.from[0]!.pos, 'SELECT "a;b" FROM '.length);
  assert.equal(parse(sql).length, 3);
  assert.deepEqual(parse("  ;\n -- nothing\n;"), []);
});

test("parseStatement wants exactly one statement; parseExpression one expression", () => {
  assert.equal(parseStatement("SELECT 1;").kind, "Select");
  assert.throws(
    () => parseStatement("SELECT 1; SELECT 2"),
    /cannot insert multiple commands into a prepared statement/,
  );
  assert.throws(() => parseStatement(" "), /syntax error at end of input/);
  assert.throws(() => parseExpression("a b"), /syntax error at or near "b"/);
});

test("the printer quotes only what needs quoting and doubles quotes", () => {
  assert.equal(
    print(parseStatement('SELECT "A", "a", "select", "x""y", "1a", a$b FROM "T t"')),
    'SELECT "A", a, "select", "x""y", "1a", a$b FROM "T t"',
  );
  assert.equal(printExpr(parseExpression("'it''s'")), "'it''s'");
  const s: Statement = parseStatement("select count(*) from t where a is not null");
  assert.equal(print(s), "SELECT count(*) FROM t WHERE a IS NOT NULL");
});

test("parseType and makeTypeName build the same TypeName nodes the parser does", () => {
  assert.deepEqual(stripPos(parseType("character varying(20)")), stripPos(makeTypeName(0, "varchar", [20])));
  assert.deepEqual(parseType("timestamp with time zone").sql, { id: "timestamptz" });
  assert.equal(parseType("pg_catalog.int4").schema, undefined);
  assert.equal(parseType("text[]").arrayDims, 1);
  assert.throws(() => parseType("int extra"), /syntax error at or near "extra"/);
});
