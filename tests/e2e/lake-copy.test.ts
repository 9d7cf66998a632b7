// tests/e2e/lake-copy.test.ts
//! COPY and UNLOAD over the wire against `lakeshift serve` and its local lake: command tags,
//! MAXERROR and stl_load_errors, atomicity inside a transaction block, UNLOAD -> COPY.

import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

describe("COPY and UNLOAD over the wire", () => {
  let server: TestServer;
  let c: pg.Client;

  before(async () => {
    server = await startServer();
    mkdirSync(join(server.lakeDir, "tickit"), { recursive: true });
    c = new pg.Client(server.connection());
    await c.connect();
    await c.query(
      "CREATE TABLE sales (salesid INTEGER NOT NULL, seller VARCHAR(10), price DECIMAL(8,2), saletime TIMESTAMP)",
    );
  });
  after(async () => {
    await c?.end();
    await server?.stop();
  });

  function put(key: string, body: string): void {
    const path = join(server.lakeDir, "tickit", key);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, body);
  }

  test("COPY answers 'COPY n' and loads the rows", async () => {
    put("sales/part_00.txt", "1\tann\t10.50\t02/18/2008 02:36:48\n2\tbob\t\\N\t12/31/2008 23:59:59\n");
    const r = await c.query(
      "COPY sales FROM 's3://tickit/sales/part_' IAM_ROLE default DELIMITER '\\t' TIMEFORMAT 'MM/DD/YYYY HH:MI:SS'",
    );
    assert.equal(r.command, "COPY");
    assert.equal(r.rowCount, 2);
    const rows = await c.query(
      "SELECT salesid, seller, price::varchar AS price, saletime::varchar AS t FROM sales ORDER BY 1",
    );
    assert.deepEqual(rows.rows, [
      { salesid: 1, seller: "ann", price: "10.50", t: "2008-02-18 02:36:48" },
      { salesid: 2, seller: "bob", price: null, t: "2008-12-31 23:59:59" },
    ]);
  });

  test("past MAXERROR the COPY fails, the table is unchanged, and stl_load_errors tells why", async () => {
    put("bad/x.txt", "3|cy|1.00|2008-01-01 00:00:00\nx|dee|1.00|2008-01-01 00:00:00\n");
    await assert.rejects(
      c.query("COPY sales FROM 's3://tickit/bad/x.txt' IAM_ROLE default"),
      /Load into table 'sales' failed/,
    );
    assert.equal((await c.query("SELECT count(*)::int AS n FROM sales")).rows[0].n, 2);
    const e = await c.query(
      "SELECT line_number, colname, err_code, raw_field_value FROM stl_load_errors ORDER BY starttime DESC LIMIT 1",
    );
    assert.deepEqual(e.rows[0], { line_number: "2", colname: "salesid", err_code: 1207, raw_field_value: "x" });
    const ok = await c.query("COPY sales FROM 's3://tickit/bad/x.txt' IAM_ROLE default MAXERROR 1");
    assert.equal(ok.rowCount, 1);
  });

  test("COPY inside a transaction block is undone by ROLLBACK", async () => {
    put("tx/x.txt", "9|tx|1|2008-01-01 00:00:00\n");
    await c.query("BEGIN");
    await c.query("COPY sales FROM 's3://tickit/tx/x.txt' IAM_ROLE default");
    assert.equal((await c.query("SELECT count(*)::int AS n FROM sales WHERE salesid = 9")).rows[0].n, 1);
    await c.query("ROLLBACK");
    assert.equal((await c.query("SELECT count(*)::int AS n FROM sales WHERE salesid = 9")).rows[0].n, 0);
  });

  test("UNLOAD writes Redshift's file names; COPY reads them back", async () => {
    const r = await c.query(
      "UNLOAD ('select * from sales order by salesid') TO 's3://tickit/out/sales_' IAM_ROLE default FORMAT PARQUET",
    );
    assert.equal(r.command, "UNLOAD");
    assert.deepEqual(readdirSync(join(server.lakeDir, "tickit", "out")), ["sales_0000_part_00.parquet"]);
    await c.query(
      "CREATE TABLE sales2 (salesid INTEGER NOT NULL, seller VARCHAR(10), price DECIMAL(8,2), saletime TIMESTAMP)",
    );
    await c.query("COPY sales2 FROM 's3://tickit/out/sales_' IAM_ROLE default FORMAT AS PARQUET");
    const a = await c.query("SELECT * FROM sales ORDER BY salesid");
    const b = await c.query("SELECT * FROM sales2 ORDER BY salesid");
    assert.deepEqual(b.rows, a.rows);
    await c.query(
      "UNLOAD ('select salesid, seller from sales where salesid < 3') TO 's3://tickit/csv/' IAM_ROLE default CSV HEADER",
    );
    assert.equal(
      readFileSync(join(server.lakeDir, "tickit", "csv", "0000_part_00.csv"), "utf8"),
      "salesid,seller\n1,ann\n2,bob\n",
    );
  });

  test("a missing object fails with a clear error", async () => {
    await assert.rejects(
      c.query("COPY sales FROM 's3://tickit/nothing' IAM_ROLE default"),
      /prefix 'nothing' does not exist/,
    );
    await assert.rejects(c.query("COPY sales FROM 's3://nobucket/x' IAM_ROLE default"), /bucket does not exist/);
  });
});
