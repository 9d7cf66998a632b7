// tests/unit/lake/copy-casts.test.ts
//! The engine's one-pass COPY parsers (native/copycast.cc) never change what a COPY loads: for
//! every type they serve and a long list of awkward fields, the conversion that tries them first
//! gives the same value and the same load error code as the SQL conversion alone. And they do
//! take the common forms themselves (or the speed-up would be nothing). Under CI the addon must
//! have built, so these run there.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Engine, type EngineConnection } from "../../../src/engine/index.js";
import type { BoundCopyOptions, CopyConverter } from "../../../src/plan/bound/copy.js";
import type { ColumnDef } from "../../../src/plan/bound/statement.js";
import type { SqlType } from "../../../src/sql/types.js";
import { copyConverter, copyConverterWith } from "../../../src/translate/duckdb/copy.js";
import { withNativeAddon } from "../../helpers/native-addon.js";

let engine: Engine;
let conn: EngineConnection;

before(async () => {
  engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
});
after(async () => {
  conn.close();
  await engine.close();
});

/** COPY's options as the binder sets them for a plain `COPY t FROM ...` (ROUNDEC / TRUNCATECOLUMNS varied below). */
const OPTIONS: BoundCopyOptions = {
  manifest: false,
  ignoreHeader: 0,
  ignoreBlankLines: false,
  dateFormat: "YYYY-MM-DD",
  timeFormat: "YYYY-MM-DD HH:MI:SS",
  nullAs: "\\N",
  emptyAsNull: false,
  blanksAsNull: false,
  truncateColumns: false,
  trimBlanks: false,
  removeQuotes: false,
  escape: false,
  explicitIds: false,
  fillRecord: false,
  maxError: 0,
  acceptAnyDate: false,
  roundec: false,
  noLoad: false,
};

function column(type: SqlType, notNull = false): ColumnDef {
  return { name: "c", ordinal: 1, type, notNull, encoding: "none", distKey: false, sortKeyOrdinal: 0 };
}

const INTEGER_FIELDS = [
  ...["0", "-0", "+0", "007", "-007", "1", "-1", "+1", " 1", "1 ", "\t5", "5\n", " +5 ", "1.5", "1.0", "1e3"],
  ...["1E3", "1_000", "0x1F", "", " ", "+", "-", "--1", "+-1", "1-", "١٢", "１", "abc", "12abc", "1,000"],
  ...["32767", "32768", "-32768", "-32769", "2147483647", "2147483648", "-2147483648", "-2147483649"],
  ...["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809"],
  ...["000000000000000000000000000042", "99999999999999999999999", "-99999999999999999999999"],
];

const DECIMAL_FIELDS = [
  ...["0", "-0", "+0", "12", "12.5", "12.50", "12.345", "-12.345", "12.999", "-12.999", "+1.25", ".5", "-.5"],
  ...["5.", "-5.", "1e3", "1.e2", "1.5e1", "1_0.5", " 12.5", "12.5 ", "\t1", "12.5.5", "-", "+", "+.", "."],
  ...["", " ", "0.1234", "-0.0001", "0.001", "00000000000000000000000012.5", "1,5", "12a", "NaN", "inf"],
  ...["9999999999999.99", "99999999999999.99", "-9999999999999.999", "-99999999999999.99", "9999", "99999"],
  ...["0.9999", "-0.9999", "1", "0.5", "12345678901234567890123456.7890123456", "123456789012345678901234567890"],
  ...["99999999999999999999999999999.9999999999", "9999999999999999999999999999.9999999999", "1.00000000001"],
  ...["99.99", "100", "-99.999", "999999999999999999", "1000000000000000000", "0.000000000000000001"],
  ...["12.34x", "12.345x", "12.3x", "1.2.345", " 12.345 ", "12.345\t", ".345", "-.345", "12.", "+12.3456789"],
];

const CHAR_FIELDS = [
  ...["ab", "abcde", "abcdef", "", " ", "é", "éé", "ééé", "a\tb", "abcd ", "  ab", "12345678901234"],
  ...["123456789012", "1234567890123", "éééééé", "ééééééé", "DELIVER IN PERSON", "TAKE BACK RETURN         "],
];

/** Each field through `converter`: [field, value as text, error code]. */
async function convertAll(
  converter: CopyConverter,
  type: SqlType,
  fields: readonly string[],
  options = OPTIONS,
): Promise<unknown[][]> {
  const sql = converter.fromText(column(type), "f", options);
  const values = [...fields.map((f) => `('${f.replaceAll("'", "''")}')`), "(NULL)"].join(", ");
  const r = await conn.all(
    `SELECT f, CAST(v AS VARCHAR), ${sql.error("p", "v")} FROM (SELECT f, p, ${sql.value("p")} AS v FROM (SELECT f, ${sql.pre} AS p FROM (VALUES ${values}) t(f))) ORDER BY f NULLS LAST`,
  );
  return r.rows;
}

const TYPES: readonly [string, SqlType, readonly string[]][] = [
  ["SMALLINT", { id: "smallint" }, INTEGER_FIELDS],
  ["INTEGER", { id: "integer" }, INTEGER_FIELDS],
  ["BIGINT", { id: "bigint" }, INTEGER_FIELDS],
  ...[
    [15, 2],
    [4, 2],
    [5, 0],
    [4, 4],
    [9, 3],
    [18, 0],
    [18, 18],
    [19, 2],
    [38, 10],
    [38, 0],
  ].map(([p, s]): [string, SqlType, readonly string[]] => [
    `DECIMAL(${p},${s})`,
    { id: "decimal", precision: p as number, scale: s as number },
    DECIMAL_FIELDS,
  ]),
  ["CHAR(5)", { id: "char", length: 5 }, CHAR_FIELDS],
  ["CHAR(1)", { id: "char", length: 1 }, CHAR_FIELDS],
  // Up to 12 bytes DuckDB keeps a string inline (the parser writes it in place); past that, in the vector's heap.
  ["CHAR(12)", { id: "char", length: 12 }, CHAR_FIELDS],
  ["CHAR(13)", { id: "char", length: 13 }, CHAR_FIELDS],
  ["CHAR(25)", { id: "char", length: 25 }, CHAR_FIELDS],
];

withNativeAddon("native COPY parsers", () => {
  test("the engine registered its COPY parsers", () => {
    assert.ok(engine.copyCasts() !== null, "no COPY parsers");
  });

  for (const [name, type, fields] of TYPES) {
    test(`COPY into ${name}: the native parsers give the SQL conversion's values and errors`, async () => {
      const casts = engine.copyCasts() ?? assert.fail("no COPY parsers");
      const withCasts = copyConverterWith(casts);
      const sql = withCasts.fromText(column(type), "f", OPTIONS).value("p");
      assert.match(sql, /lakeshift_copy_/, "the conversion calls the engine's parser");
      assert.deepEqual(await convertAll(withCasts, type, fields), await convertAll(copyConverter, type, fields));
    });
  }

  test("the parsers take the common forms themselves and give NULL for the rest", async () => {
    const casts = engine.copyCasts() ?? assert.fail("no COPY parsers");
    const i4 = casts.integer(4);
    const d = casts.decimal(15, 2);
    const r = await conn.all(
      `SELECT ${i4}('-2147483648'), ${i4}('+17'), ${i4}('2147483648'), ${i4}(' 1'), ${i4}('1.0'), ${i4}(NULL),
              CAST(${d}('-12.345') AS VARCHAR), CAST(${d}('7') AS VARCHAR), ${d}('.5'), ${d}('1e3'),
              ${d}('99999999999999.99'), ${casts.padChar}('ab', 4), ${casts.padChar}('abcde', 4),
              ${casts.padChar}('ab', 2), ${casts.integer(2)}('-32768'), ${casts.integer(8)}('-9223372036854775808'),
              ${casts.padChar}('ab', 4) = 'ab  ' AND hash(${casts.padChar}('ab', 4)) = hash('ab  ')`,
    );
    assert.deepEqual(r.rows, [
      [
        -2147483648,
        17,
        null,
        null,
        null,
        null,
        "-12.34",
        "7.00",
        null,
        null,
        null,
        "ab  ",
        null,
        "ab",
        -32768,
        -9223372036854775808n,
        true,
      ],
    ]);
  });

  test("a DECIMAL parser is registered once per precision and scale, and ROUNDEC keeps the SQL alone", () => {
    const casts = engine.copyCasts() ?? assert.fail("no COPY parsers");
    assert.equal(casts.decimal(12, 3), casts.decimal(12, 3));
    assert.notEqual(casts.decimal(12, 3), casts.decimal(12, 4));
    const withCasts = copyConverterWith(casts);
    const dec: SqlType = { id: "decimal", precision: 12, scale: 3 };
    assert.doesNotMatch(withCasts.fromText(column(dec), "f", { ...OPTIONS, roundec: true }).value("p"), /lakeshift_/);
    const padded = withCasts.fromText(column({ id: "char", length: 3 }), "f", { ...OPTIONS, truncateColumns: true });
    assert.doesNotMatch(padded.value("p"), /lakeshift_/, "TRUNCATECOLUMNS cuts in SQL, then pads");
  });

  test("ROUNDEC and TRUNCATECOLUMNS convert as before", async () => {
    const casts = engine.copyCasts() ?? assert.fail("no COPY parsers");
    const dec: SqlType = { id: "decimal", precision: 9, scale: 2 };
    const roundec = { ...OPTIONS, roundec: true };
    assert.deepEqual(
      await convertAll(copyConverterWith(casts), dec, DECIMAL_FIELDS, roundec),
      await convertAll(copyConverter, dec, DECIMAL_FIELDS, roundec),
    );
    const truncate = { ...OPTIONS, truncateColumns: true };
    const ch: SqlType = { id: "char", length: 3 };
    assert.deepEqual(
      await convertAll(copyConverterWith(casts), ch, CHAR_FIELDS, truncate),
      await convertAll(copyConverter, ch, CHAR_FIELDS, truncate),
    );
  });
});
