// tests/unit/lake/copy-json-numbers.test.ts
//! COPY ... JSON keeps every digit of numbers a double cannot hold (19-digit BIGINTs, 38-digit
//! DECIMALs), by key and by jsonpaths, while strings with digits and other columns load as they are.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function put(key: string, body: string | Buffer): void {
  h.put("lake", key, body);
}

before(async () => {
  h = await openHarness();
  await h.table("big", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "d0", type: { id: "decimal", precision: 38, scale: 0 }, ddl: "DECIMAL(38,0)" },
    { name: "d10", type: { id: "decimal", precision: 38, scale: 10 }, ddl: "DECIMAL(38,10)" },
    { name: "note", type: { id: "varchar", length: 60 }, ddl: "VARCHAR" },
  ]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."big"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

async function all(): Promise<unknown[][]> {
  return h.rows(
    `SELECT CAST(id AS VARCHAR), CAST(d0 AS VARCHAR), CAST(d10 AS VARCHAR), note FROM dev.public.big ORDER BY id`,
  );
}

test("JSON 'auto': 19-digit BIGINTs and 38-digit DECIMALs keep every digit", async () => {
  await reset();
  put(
    "json/big.json",
    [
      '{"id": 9223372036854775807, "d0": 12345678901234567890123456789012345678, "d10": 1234567890123456789012345678.1234567891, "note": "x 123.456789012345678901 \\" 7"}',
      '{"id": -9223372036854775808, "d0": -99999999999999999999999999999999999999, "d10": -0.0000000001, "note": "n"}',
      '{"id": 1234567890123456789, "d0": 1E2, "d10": 1.5, "note": null}',
    ].join("\n"),
  );
  // '1E2' is an invalid digit for a DECIMAL in COPY (as in text input): that row is rejected.
  await h.copy("copy big from 's3://lake/json/big.json' iam_role default json 'auto' maxerror 1");
  assert.deepEqual(await all(), [
    ["-9223372036854775808", "-99999999999999999999999999999999999999", "-0.0000000001", "n"],
    [
      "9223372036854775807",
      "12345678901234567890123456789012345678",
      "1234567890123456789012345678.1234567891",
      'x 123.456789012345678901 " 7',
    ],
  ]);
  const errors = await h.loadErrors();
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.colname, "d0");
  assert.equal(errors[0]?.raw_field_value, "1E2");
});

test("JSON with jsonpaths: nested and array numbers keep every digit", async () => {
  await reset();
  put(
    "json/nested.json",
    '{"a": {"n": [1, 9223372036854775806]}, "m": {"v": 98765432109876543210987654321098765432, "f": -12345678901234567890123456.0123456789}, "s": "é 1.0"}\n',
  );
  put("json/paths.json", JSON.stringify({ jsonpaths: ["$.a.n[1]", "$.m.v", "$['m']['f']", "$.s"] }));
  const r = await h.copy(
    "copy big from 's3://lake/json/nested.json' iam_role default json 's3://lake/json/paths.json'",
  );
  assert.equal(r.rows, 1);
  assert.deepEqual(await all(), [
    [
      "9223372036854775806",
      "98765432109876543210987654321098765432",
      "-12345678901234567890123456.0123456789",
      "é 1.0",
    ],
  ]);
});
