// tests/unit/lake/copy-pipeline.test.ts
//! A TICKIT-like pipeline: users, venues, events and sales loaded from pipe- and tab-delimited
//! gzip files in the lake (as the Redshift getting-started guide does), then joined.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function put(key: string, lines: readonly string[]): void {
  const path = join(h.lakeDir, "tickit", key);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
}

const N_USERS = 200;
const N_SALES = 5000;

before(async () => {
  h = await openHarness();
  const vc = (n: number) => ({ id: "varchar" as const, length: n });
  await h.table("users", [
    { name: "userid", type: T.integer, notNull: true, ddl: "INTEGER NOT NULL" },
    { name: "username", type: { id: "char", length: 8 }, ddl: "VARCHAR" },
    { name: "city", type: vc(30), ddl: "VARCHAR" },
    { name: "likesports", type: T.boolean, ddl: "BOOLEAN" },
  ]);
  await h.table("venue", [
    { name: "venueid", type: T.smallint, notNull: true, ddl: "SMALLINT NOT NULL" },
    { name: "venuename", type: vc(100), ddl: "VARCHAR" },
    { name: "venueseats", type: T.integer, ddl: "INTEGER" },
  ]);
  await h.table("sales", [
    { name: "salesid", type: T.integer, notNull: true, ddl: "INTEGER NOT NULL" },
    { name: "venueid", type: T.smallint, ddl: "SMALLINT" },
    { name: "buyerid", type: T.integer, ddl: "INTEGER" },
    { name: "qtysold", type: T.smallint, ddl: "SMALLINT" },
    { name: "pricepaid", type: { id: "decimal", precision: 8, scale: 2 }, ddl: "DECIMAL(8,2)" },
    { name: "saletime", type: T.timestamp, ddl: "TIMESTAMP" },
  ]);
  put(
    "allusers_pipe.txt.gz",
    Array.from(
      { length: N_USERS },
      (_v, i) => `${i + 1}|user${i + 1}|City ${i % 7}|${i % 3 === 0 ? "TRUE" : i % 3 === 1 ? "FALSE" : ""}`,
    ),
  );
  put("venue_pipe.txt.gz", ["1|Arena|20000", "2|Hall|\\N", "3|Park, \u00c9t\u00e9|500"]);
  const sales = Array.from({ length: N_SALES }, (_v, i) => {
    const month = String((i % 12) + 1).padStart(2, "0");
    return `${i + 1}\t${(i % 3) + 1}\t${(i % N_USERS) + 1}\t${(i % 4) + 1}\t${((i % 50) * 10.25).toFixed(2)}\t${month}/14/2008 0${i % 10}:3${i % 6}:00`;
  });
  put("sales/sales_tab_00.txt.gz", sales.slice(0, 2500));
  put("sales/sales_tab_01.txt.gz", sales.slice(2500));
});
after(() => h.close());

test("loads every table and the joins add up", async () => {
  assert.equal(
    (await h.copy("copy users from 's3://tickit/allusers_pipe.txt.gz' iam_role default gzip delimiter '|'")).rows,
    N_USERS,
  );
  assert.equal((await h.copy("copy venue from 's3://tickit/venue_pipe.txt.gz' iam_role default gzip")).rows, 3);
  const r = await h.copy(
    "copy sales from 's3://tickit/sales/sales_tab_' iam_role default gzip delimiter '\\t' timeformat 'MM/DD/YYYY HH:MI:SS'",
  );
  assert.deepEqual([r.rows, r.files, r.errors], [N_SALES, 2, 0]);
  const top = await h.rows(
    `SELECT v.venuename, sum(s.qtysold)::BIGINT, count(DISTINCT s.buyerid)::BIGINT
       FROM dev.public.sales s JOIN dev.public.venue v USING (venueid)
      GROUP BY 1 ORDER BY 1`,
  );
  // The same sums worked out from the generator.
  const qty = [0, 0, 0];
  for (let i = 0; i < N_SALES; i++) qty[i % 3] = (qty[i % 3] ?? 0) + (i % 4) + 1;
  assert.deepEqual(top, [
    ["Arena", BigInt(qty[0] ?? 0), 200n],
    ["Hall", BigInt(qty[1] ?? 0), 200n],
    ["Park, \u00c9t\u00e9", BigInt(qty[2] ?? 0), 200n],
  ]);
  assert.deepEqual(
    await h.rows(
      `SELECT count(*) FILTER (WHERE likesports), count(*) FILTER (WHERE likesports IS NULL), max(length(username)) FROM dev.public.users`,
    ),
    [[67n, 66n, 8n]],
  );
  assert.deepEqual(await h.rows(`SELECT min(saletime)::VARCHAR, max(saletime)::VARCHAR FROM dev.public.sales`), [
    ["2008-01-14 00:30:00", "2008-12-14 09:35:00"],
  ]);
});
