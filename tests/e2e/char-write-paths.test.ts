// tests/e2e/char-write-paths.test.ts
//! CHAR(n) values are stored blank-padded to n on every write path, not only INSERT/UPDATE/CTAS
//! (tests/slt/types/char-compare.slt): COPY in each format from files holding unpadded values,
//! UNLOAD -> COPY round trips, ALTER TABLE ADD COLUMN ... DEFAULT and temporary tables. The
//! translator compares a CHAR column with a padded constant, so one unpadded write path would
//! make `c = 'ab'` miss rows.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let c: pg.Client;
before(async () => {
  server = await startServer();
  mkdirSync(join(server.lakeDir, "charbkt"), { recursive: true });
  c = new pg.Client(server.connection());
  await c.connect();
});
after(async () => {
  await c?.end();
  await server?.stop();
});

function put(key: string, body: string): void {
  const path = join(server.lakeDir, "charbkt", key);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, body);
}

/** How the table stores its CHAR(5) column, and what an unpadded constant finds. */
async function stored(table: string): Promise<{ shown: string[]; ab: number; abcde: number; nulls: number }> {
  const shown = (await c.query(`select c || '|' as s from ${table} where c is not null order by id`)).rows.map(
    (r) => r.s as string,
  );
  const n = async (where: string) =>
    Number((await c.query(`select count(*) as n from ${table} where ${where}`)).rows[0].n);
  return { shown, ab: await n("c = 'ab'"), abcde: await n("c in ('abcde', 'zz')"), nulls: await n("c is null") };
}

const EXPECTED = { shown: ["ab   |", "abcde|"], ab: 1, abcde: 1, nulls: 1 };

const FORMATS: ReadonlyArray<readonly [string, string, string]> = [
  ["pipe", "pipe.txt", "1|ab|x\n2|abcde|y\n3||z\n"],
  ["csv", "data.csv", '1,"ab",x\n2,abcde,y\n3,,z\n'],
  ["json", "data.json", '{"id":1,"c":"ab","v":"x"}\n{"id":2,"c":"abcde","v":"y"}\n{"id":3,"c":null,"v":"z"}\n'],
  ["fixedwidth", "fixed.txt", "1ab   x\n2abcdey\n3     z\n"],
];

const OPTIONS: Readonly<Record<string, string>> = {
  pipe: "",
  csv: "csv",
  json: "json 'auto'",
  fixedwidth: "fixedwidth 'id:1,c:5,v:1'",
};

for (const [name, key, body] of FORMATS) {
  test(`COPY ${name} pads CHAR values read unpadded`, async () => {
    put(key, body);
    const table = `cw_${name}`;
    await c.query(`create table ${table} (id int, c char(5), v varchar(10))`);
    // An empty or blank field is an empty string for a CHAR column unless EMPTYASNULL/BLANKSASNULL.
    const extra = name === "json" ? "" : " emptyasnull blanksasnull";
    await c.query(`copy ${table} from 's3://charbkt/${key}' iam_role default ${OPTIONS[name]}${extra}`);
    assert.deepEqual(await stored(table), EXPECTED);
  });
}

test("UNLOAD -> COPY round trips (text, CSV, JSON, Parquet) keep CHAR padded", async () => {
  await c.query("create table cw_src (id int, c char(5), v varchar(10))");
  await c.query("insert into cw_src values (1, 'ab', 'x'), (2, 'abcde', 'y'), (3, null, 'z')");
  assert.deepEqual(await stored("cw_src"), EXPECTED);
  // JSON and Parquet get the values trimmed, so COPY has to pad them again. Delimited UNLOAD
  // writes NULL as an empty field, which COPY reads back as NULL only with EMPTYASNULL.
  const cases: ReadonlyArray<readonly [string, string, string, string]> = [
    ["text", "c", "", "emptyasnull"],
    ["csv", "c", "format csv", "csv emptyasnull"],
    ["json", "rtrim(c) as c", "format json", "json 'auto'"],
    ["parquet", "rtrim(c) as c", "format parquet", "format as parquet"],
  ];
  for (const [name, col, unloadOpt, copyOpt] of cases) {
    await c.query(
      `unload ('select id, ${col}, v from cw_src') to 's3://charbkt/rt_${name}/' iam_role default ${unloadOpt} parallel off`,
    );
    await c.query(`create table cw_rt_${name} (id int, c char(5), v varchar(10))`);
    await c.query(`copy cw_rt_${name} from 's3://charbkt/rt_${name}/' iam_role default ${copyOpt}`);
    assert.deepEqual(await stored(`cw_rt_${name}`), EXPECTED, name);
  }
});

test("ALTER TABLE ADD COLUMN ... DEFAULT fills existing rows padded", async () => {
  await c.query("create table cw_alter (id int)");
  await c.query("insert into cw_alter values (1), (2)");
  await c.query("alter table cw_alter add column c char(4) default 'z'");
  const r = await c.query("select c || '|' as s, count(*) as n from cw_alter where c = 'z' group by c");
  assert.deepEqual(r.rows, [{ s: "z   |", n: "2" }]);
});

test("temporary tables and INSERT ... SELECT from VARCHAR pad too", async () => {
  await c.query("create temp table cw_tmp (c char(6))");
  await c.query("insert into cw_tmp select v from (select 'ab'::varchar(10) as v union all select 'x  ') as s");
  const r = await c.query("select c || '|' as s, (c = 'x')::int as is_x from cw_tmp order by 1");
  assert.deepEqual(r.rows, [
    { s: "ab    |", is_x: 0 },
    { s: "x     |", is_x: 1 },
  ]);
});
