// tests/unit/plan/bind.test.ts
//! Binder unit tests against the in-memory CatalogReader: name resolution, SQLSTATEs with
//! positions, output column names and types, DDL definitions.

import assert from "node:assert/strict";
import { test } from "node:test";
import { LakeshiftError } from "../../../src/common/errors.js";
import type { BoundStatement, OutputColumn } from "../../../src/plan/index.js";
import { bindSql, catalog } from "../translate/fixture.js";

function columns(sql: string): readonly OutputColumn[] {
  const b = bindSql(sql);
  assert.equal(b.kind, "query");
  return b.kind === "query" ? b.columns : [];
}

function fails(sql: string, sqlstate: string, message?: RegExp, position?: number): void {
  assert.throws(
    () => bindSql(sql),
    (e: unknown) => {
      assert.ok(e instanceof LakeshiftError, String(e));
      assert.equal(e.sqlstate, sqlstate, `${sql}: ${e.message}`);
      if (message) assert.match(e.message, message);
      if (position !== undefined) assert.equal(e.position, position, `position of ${e.message}`);
      return true;
    },
  );
}

test("unknown column: 42703 with its 1-based position", () => {
  fails("select nope from t", "42703", /^column "nope" does not exist$/, 8);
  fails("select a, t.nope from t", "42703", /column t\.nope does not exist/, 11);
});

test("unknown relation: 42P01 with position", () => {
  fails("select * from nope", "42P01", /^relation "nope" does not exist$/, 15);
  fails("select * from other.nope", "42P01", /relation "other\.nope" does not exist/, 15);
  fails("select x.a from t", "42P01", /missing FROM-clause entry for table "x"/, 8);
});

test("ambiguous column: 42702", () => {
  fails("select a from t, u", "42702", /column reference "a" is ambiguous/, 8);
});

test("unknown function: 42883", () => {
  fails("select nosuch(1)", "42883", /function nosuch\(integer\) does not exist/, 8);
  fails("select len(1, 2)", "42883");
});

test("output names follow Postgres: columns, functions, casts, ?column?", () => {
  const cols = columns(
    "select a, t.c, count(*), 1, 'x', a + 1, cast(a as bigint), 1::int, upper(c) as u, case when true then 1 end from t group by a, c",
  );
  assert.deepEqual(
    cols.map((c) => c.name),
    ["a", "c", "count", "?column?", "?column?", "?column?", "a", "int4", "u", "case"],
  );
});

test("plain table columns carry table oid and ordinal; types are known", () => {
  const t = catalog.relation({ name: "t" });
  const [a, n, x] = columns("select a, n, a + 1 from t");
  assert.equal(a?.tableOid, t?.oid);
  assert.equal(a?.ordinal, 1);
  assert.equal(n?.ordinal, 9);
  assert.deepEqual(n?.type, { id: "decimal", precision: 10, scale: 2 });
  assert.equal(x?.tableOid, 0);
  assert.equal(x?.type.id, "integer");
});

test("aggregate result types follow Redshift", () => {
  const cols = columns("select sum(a), avg(a), sum(n), avg(f), count(*), listagg(c) from t");
  assert.deepEqual(
    cols.map((c) => c.type.id),
    ["bigint", "bigint", "decimal", "double precision", "bigint", "varchar"],
  );
  assert.deepEqual(cols[2]?.type, { id: "decimal", precision: 38, scale: 2 });
});

test("lateral column alias: later items and WHERE see earlier aliases; FROM columns win", () => {
  const b = bindSql("select a * 2 as dbl, dbl + 1 as nxt from t where dbl > 4");
  assert.equal(b.kind, "query");
  const cols = columns("select 1 as a, a from t");
  assert.equal(cols[1]?.tableOid, catalog.relation({ name: "t" })?.oid, "FROM column a beats alias a");
});

test("CTEs, derived tables and correlated subqueries resolve", () => {
  columns("with x as (select a from t) select * from x where a in (select a from u where u.a = x.a)");
  columns("select d.k from (select a as k from t) d");
  fails("select d.a from (select a as k from t) d", "42703");
});

test("session functions fold to constants from the context", () => {
  const b = bindSql("select current_user, current_database(), pg_backend_pid()");
  assert.equal(b.kind, "query");
  if (b.kind !== "query" || b.query.kind !== "select") return;
  assert.deepEqual(
    b.query.items.map((i) => (i.kind === "literal" ? i.value : undefined)),
    ["admin", "dev", "4242"],
  );
});

test("CREATE TABLE builds the catalog definition", () => {
  const b: BoundStatement = bindSql(
    "create table s1 (id bigint identity(10, 5), k int not null encode raw, name varchar(30), c char, amt decimal, primary key (id), unique (k)) diststyle key distkey (k) compound sortkey (k, name)",
  );
  assert.equal(b.kind, "create-table");
  if (b.kind !== "create-table") return;
  const t = b.table;
  assert.equal(t.engineName, '"dev"."public"."s1"');
  assert.equal(t.distStyle, "key");
  assert.equal(t.sortKind, "compound");
  assert.deepEqual(
    t.columns.map((c) => [c.name, c.ordinal, c.encoding, c.distKey, c.sortKeyOrdinal, c.notNull]),
    [
      ["id", 1, "az64", false, 0, true],
      ["k", 2, "none", true, 1, true],
      ["name", 3, "none", false, 2, false],
      ["c", 4, "lzo", false, 0, false],
      ["amt", 5, "az64", false, 0, false],
    ],
  );
  assert.deepEqual(t.columns[0]?.identity, { seed: 10, step: 5 });
  assert.deepEqual(t.columns[3]?.type, { id: "char", length: 1 });
  assert.deepEqual(t.columns[4]?.type, { id: "decimal", precision: 18, scale: 0 });
  assert.deepEqual(
    t.constraints.map((c) => [c.kind, c.columns]),
    [
      ["primary key", ["id"]],
      ["unique", ["k"]],
    ],
  );
  assert.equal(t.sequences.get("id"), '"dev"."public"."s1_id_seq"');
});

test("DEFAULT is kept as Redshift SQL text", () => {
  const b = bindSql("create table s2 (a int default 1 + 2, b timestamp default getdate())");
  assert.equal(b.kind, "create-table");
  if (b.kind !== "create-table") return;
  assert.equal(b.table.columns[0]?.defaultSql, "1 + 2");
  assert.match(b.table.columns[1]?.defaultSql ?? "", /^getdate\(\)$/i);
});

test("DDL and DML errors", () => {
  fails("create table t (a int)", "42P07", /relation "t" already exists/);
  fails("create table nosuch.x (a int)", "3F000");
  fails("create table x (a int, a int)", "42701");
  fails("insert into t (nope) values (1)", "42703", /column "nope" of relation "t" does not exist/);
  fails("insert into t (a) values (1, 2)", "42601");
  fails("insert into v values (1)", "42809");
  fails("drop table nosuch", "42P01", /table "nosuch" does not exist/);
  fails("drop table v", "42809");
  fails("drop view t", "42809");
  fails("create schema other", "42P06");
});

test("late-binding views are not checked at create time", () => {
  const b = bindSql("create view lbx as select * from nowhere with no schema binding");
  assert.equal(b.kind, "create-view");
  if (b.kind !== "create-view") return;
  assert.equal(b.view.lateBinding, true);
  assert.equal(b.query, undefined);
  assert.match(b.view.viewSql, /nowhere/);
});

test("utility statements pass through with their parsed values", () => {
  for (const [sql, utility] of [
    ["begin", "transaction"],
    ["set search_path to public", "set"],
    ["show timezone", "show"],
    ["reset all", "reset"],
    ["explain select 1", "explain"],
  ] as const) {
    const b = bindSql(sql);
    assert.equal(b.kind, "utility");
    if (b.kind === "utility") assert.equal(b.utility, utility);
  }
});

test("parameter types are inferred from their context", () => {
  const q = bindSql("select * from t where a = $1 and c like $2 and d between $3 and $4 and $6 = 1");
  assert.equal(q.kind, "query");
  if (q.kind === "query") {
    assert.deepEqual(
      q.paramTypes?.map((t) => t.id),
      ["integer", "text", "date", "date", "unknown", "integer"],
    );
  }
  const ins = bindSql("insert into t (a, c) values ($1, $2)");
  assert.equal(ins.kind, "insert");
  if (ins.kind === "insert")
    assert.deepEqual(
      ins.paramTypes?.map((t) => t.id),
      ["integer", "varchar"],
    );
  const upd = bindSql("update t set n = $1 where a = $2::bigint");
  if (upd.kind === "update")
    assert.deepEqual(
      upd.paramTypes?.map((t) => t.id),
      ["decimal", "bigint"],
    );
});

test("grouping errors: 42803", () => {
  fails("select a, count(*) from t", "42803", /column "t\.a" must appear in the GROUP BY clause/, 8);
  fails("select a from t group by c", "42803");
  fails("select c from t where count(*) > 1 group by c", "42803", /aggregate functions are not allowed in WHERE/);
  bindSql("select a + 1 as k, count(*) from t group by k");
  bindSql("select c, (select count(*) from u where u.a = max(t.a)) from t group by c");
  bindSql("select c, sum(a) over (partition by c) from t group by c, a");
});

test("statements that fold time functions say so", () => {
  const q = bindSql("select getdate(), a from t where d < current_date");
  assert.equal(q.kind === "query" && q.timeDependent, true);
  const plain = bindSql("select a from t");
  assert.equal(plain.kind === "query" && plain.timeDependent, undefined);
});

test("window functions are not allowed in WHERE: 42P20", () => {
  fails(
    "select a from t where row_number() over (order by a) = 1",
    "42P20",
    /window functions are not allowed in WHERE/,
  );
  bindSql("select a from t qualify row_number() over (order by a) = 1");
});
