// tests/unit/gen/tpch-gen.test.ts
//! The TPC-H generator at SF 0.01: deterministic for a seed (whatever the worker count),
//! the specification's cardinalities, and its value rules.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  type GeneratedTable,
  generateTpch,
  orderKey,
  parseGenArgs,
  partSupplier,
  retailPriceCents,
  scaleOf,
} from "../../../src/gen/index.js";

let dir = "";
let tables: GeneratedTable[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "tpch-gen-test-"));
  tables = await generateTpch({ sf: 0.01, outDir: join(dir, "a"), workers: 2 });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function digest(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

async function lines(table: string): Promise<string[][]> {
  const t = tables.find((x) => x.table === table);
  assert.ok(t);
  const text = await readFile(t.file, "latin1");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      assert.ok(l.endsWith("|"), `dbgen-style trailing '|' in ${table}`);
      return l.slice(0, -1).split("|");
    });
}

test("cardinalities at SF 0.01 follow the specification", async () => {
  const rows = Object.fromEntries(tables.map((t) => [t.table, t.rows]));
  assert.deepEqual(
    { ...rows, lineitem: 0 },
    { region: 5, nation: 25, supplier: 100, customer: 1500, part: 2000, partsupp: 8000, orders: 15000, lineitem: 0 },
  );
  const li = rows.lineitem as number;
  assert.ok(li > 15000 * 3.8 && li < 15000 * 4.2, `about 4 line items per order, got ${li}`);
  for (const t of tables) assert.equal((await lines(t.table)).length, t.rows, `${t.table} file rows`);
  assert.deepEqual(scaleOf(1), { supplier: 10000, customer: 150000, part: 200000, orders: 1500000, clerks: 1000 });
});

test("the same seed gives the same bytes whatever the number of workers; another seed differs", async () => {
  const inline = await generateTpch({ sf: 0.01, outDir: join(dir, "b"), workers: 0 });
  for (const t of tables) {
    const other = inline.find((x) => x.table === t.table);
    assert.ok(other);
    assert.equal(await digest(other.file), await digest(t.file), `${t.table} is deterministic`);
  }
  const seeded = await generateTpch({ sf: 0.01, outDir: join(dir, "c"), seed: 7, tables: ["orders", "part"] });
  assert.deepEqual(
    seeded.map((t) => t.table),
    ["part", "orders"],
  );
  const orders = tables.find((t) => t.table === "orders")!;
  assert.notEqual(await digest(seeded[1]!.file), await digest(orders.file));
});

test("gzip output is a valid gzip stream with the same rows", async () => {
  const gz = await generateTpch({ sf: 0.01, outDir: join(dir, "gz"), gzip: true, tables: ["nation", "lineitem"] });
  const { gunzipSync } = await import("node:zlib");
  const plain = tables.find((t) => t.table === "lineitem")!;
  const li = gz.find((t) => t.table === "lineitem")!;
  assert.ok(li.file.endsWith(".tbl.gz"));
  assert.equal(
    await digest(plain.file),
    createHash("sha256")
      .update(gunzipSync(await readFile(li.file)))
      .digest("hex"),
  );
});

test("keys, prices and text pools follow the specification's rules", async () => {
  assert.deepEqual([0, 7, 8, 9].map(orderKey), [1, 8, 33, 34]);
  assert.equal(retailPriceCents(1), 90000 + 0 + 100);
  const parts = await lines("part");
  for (const p of parts.slice(0, 200)) {
    const key = Number(p[0]);
    assert.equal(p[7], (retailPriceCents(key) / 100).toFixed(2));
    const words = (p[1] as string).split(" ");
    assert.equal(new Set(words).size, 5, "five distinct colours");
    assert.match(p[2] as string, /^Manufacturer#[1-5]$/);
    assert.equal((p[3] as string).slice(0, 7), `Brand#${(p[2] as string).slice(-1)}`);
    assert.match(p[4] as string, /^(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) \w+ (TIN|NICKEL|BRASS|STEEL|COPPER)$/);
  }
  const ps = await lines("partsupp");
  for (const r of ps.slice(0, 400)) {
    const suppliers = [0, 1, 2, 3].map((i) => partSupplier(Number(r[0]), i, 100));
    assert.ok(suppliers.includes(Number(r[1])));
  }
  for (const c of (await lines("customer")).slice(0, 300)) {
    assert.equal(Number((c[4] as string).slice(0, 2)), Number(c[3]) + 10, "phone country code = nation + 10");
    assert.match(c[4] as string, /^\d\d-\d{3}-\d{3}-\d{4}$/);
  }
  const li = await lines("lineitem");
  for (const l of li.slice(0, 2000)) {
    const [ship, commit, receipt] = [l[10], l[11], l[12]] as string[];
    assert.ok(receipt > ship);
    assert.equal(l[9], ship > "1995-06-17" ? "O" : "F");
    assert.ok(receipt <= "1995-06-17" ? l[8] === "R" || l[8] === "A" : l[8] === "N");
    assert.ok(Number(l[4]) >= 1 && Number(l[4]) <= 50);
    assert.ok(Number(l[6]) <= 0.1 && Number(l[7]) <= 0.08);
    assert.ok(commit >= "1992-01-31" && ship >= "1992-01-02" && receipt <= "1998-12-31");
  }
});

test("SF 1 suppliers: about SF*5 'Customer ... Complaints' comments, all within 101 characters", async () => {
  const [sup] = await generateTpch({ sf: 1, outDir: join(dir, "sup"), tables: ["supplier"], workers: 0 });
  assert.ok(sup);
  const rows = (await readFile(sup.file, "latin1")).split("\n").filter(Boolean);
  assert.equal(rows.length, 10000);
  const comments = rows.map((l) => l.split("|")[6] as string);
  assert.ok(comments.every((c) => c.length <= 101));
  const complaints = comments.filter((c) => /Customer.*Complaints/.test(c)).length;
  const recommends = comments.filter((c) => /Customer.*Recommends/.test(c)).length;
  assert.ok(complaints >= 1 && complaints <= 15, `complaints ${complaints}`);
  assert.ok(recommends >= 1 && recommends <= 15, `recommends ${recommends}`);
});

test("gen command flags", () => {
  assert.deepEqual(parseGenArgs(["tpch", "--sf", "0.1", "--out", "/x", "--gzip"]), {
    sf: 0.1,
    out: "/x",
    gzip: true,
    parquet: false,
    seed: 1,
  });
  assert.throws(() => parseGenArgs(["tpch", "--out", "/x"]), /--sf/);
  assert.throws(() => parseGenArgs(["tpcds", "--sf", "1", "--out", "/x"]), /unknown generator/);
  assert.throws(() => parseGenArgs(["tpch", "--sf", "1", "--out", "/x", "--bogus", "1"]), /unknown option/);
});
