// tests/unit/lake/copy-parse.test.ts
//! COPY and UNLOAD parse to typed options.

import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../../../src/sql/lexer/lexer.js";
import { decodeCopyEscapes, parseCopy } from "../../../src/sql/parser/copy.js";
import { parseUnload } from "../../../src/sql/parser/unload.js";
import { Cursor } from "../../../src/sql/parser/cursor.js";
import { printCopy, printUnload } from "../../../src/sql/printer/copy.js";
import { stripPos } from "../sql/strip-pos.js";

function copy(sql: string) {
  const p = new Cursor(sql, tokenize(sql));
  const c = parseCopy(p);
  assert.ok(p.atEnd);
  return c;
}

function unload(sql: string) {
  const p = new Cursor(sql, tokenize(sql));
  const u = parseUnload(p);
  assert.ok(p.atEnd);
  return u;
}

test("COPY with the defaults: pipe-delimited text, IAM_ROLE default", () => {
  const c = copy("COPY sales FROM 's3://tickit/sales_tab.txt' IAM_ROLE default");
  assert.equal(c.table.name, "sales");
  assert.equal(c.from, "s3://tickit/sales_tab.txt");
  assert.deepEqual(c.authorization, { kind: "iam-role", role: "default" });
  assert.deepEqual(c.format, { kind: "delimited" });
  assert.deepEqual(c.options, {});
});

test("COPY options from the Redshift docs' examples", () => {
  const c = copy(
    `copy public.sales (salesid, listid) from 's3://tickit/sales_tab.txt'
     iam_role 'arn:aws:iam::123456789012:role/loader' delimiter '\\t' timeformat 'MM/DD/YYYY HH:MI:SS'
     dateformat as 'auto' maxerror 10 ignoreheader as 1 gzip emptyasnull blanksasnull truncatecolumns
     acceptinvchars as '^' fillrecord roundec explicit_ids trimblanks removequotes escape null as '\\N'
     region 'us-west-2' compupdate off statupdate on acceptanydate ignoreblanklines manifest`,
  );
  assert.equal(c.table.schema, "public");
  assert.deepEqual(c.columns, ["salesid", "listid"]);
  assert.deepEqual(c.format, { kind: "delimited", delimiter: "\t" });
  assert.equal(c.compression, "gzip");
  assert.deepEqual(c.options, {
    timeFormat: "MM/DD/YYYY HH:MI:SS",
    dateFormat: "auto",
    maxError: 10,
    ignoreHeader: 1,
    emptyAsNull: true,
    blanksAsNull: true,
    truncateColumns: true,
    acceptInvChars: "^",
    fillRecord: true,
    roundec: true,
    explicitIds: true,
    trimBlanks: true,
    removeQuotes: true,
    escape: true,
    nullAs: "\\N",
    region: "us-west-2",
    compUpdate: "off",
    statUpdate: "on",
    acceptAnyDate: true,
    ignoreBlankLines: true,
    manifest: true,
  });
});

test("COPY formats", () => {
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default csv quote as '%' delimiter ';'").format, {
    kind: "csv",
    quote: "%",
    delimiter: ";",
  });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default format as csv").format, { kind: "csv" });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default format as parquet").format, { kind: "parquet" });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default json 'auto ignorecase'").format, {
    kind: "json",
    paths: "auto ignorecase",
  });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default format json 's3://b/paths.json'").format, {
    kind: "json",
    paths: "s3://b/paths.json",
  });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default json").format, { kind: "json", paths: "auto" });
  assert.deepEqual(copy("copy t from 's3://b/k' iam_role default fixedwidth 'id:3,name:10'").format, {
    kind: "fixedwidth",
    spec: [
      { label: "id", width: 3 },
      { label: "name", width: 10 },
    ],
  });
  assert.equal(copy("copy t from 's3://b/k' iam_role default acceptinvchars").options.acceptInvChars, "?");
  assert.equal(copy("copy t from 's3://b/k' iam_role default null as '\\0'").options.nullAs, "\0");
});

test("COPY authorization forms", () => {
  assert.deepEqual(
    copy("copy t from 's3://b/k' credentials 'aws_access_key_id=AK;aws_secret_access_key=SK'").authorization,
    { kind: "credentials", text: "aws_access_key_id=AK;aws_secret_access_key=SK" },
  );
  assert.deepEqual(
    copy("copy t from 's3://b/k' with credentials as 'aws_iam_role=arn:aws:iam::1:role/r'").authorization,
    { kind: "credentials", text: "aws_iam_role=arn:aws:iam::1:role/r" },
  );
  assert.deepEqual(
    copy("copy t from 's3://b/k' access_key_id 'AK' secret_access_key 'SK' session_token 'TK'").authorization,
    { kind: "keys", accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "TK" },
  );
});

test("COPY refuses what it cannot do, by name", () => {
  assert.throws(() => copy("copy t from 's3://b/k' iam_role default delimiter 'ab'"), /single character/);
  assert.throws(() => copy("copy t from 's3://b/k' iam_role default encrypted"), /ENCRYPTED is not supported/);
  assert.throws(() => copy("copy t from 's3://b/k' iam_role default bogus"), /syntax error at or near "bogus"/);
  assert.throws(() => copy("copy t from 's3://b/k' iam_role default maxerror 'x'"), /syntax error/);
});

test("escape decoding", () => {
  assert.equal(decodeCopyEscapes("\\t"), "\t");
  assert.equal(decodeCopyEscapes("\\036"), "\u001e");
  assert.equal(decodeCopyEscapes("\\x1f"), "\u001f");
  assert.equal(decodeCopyEscapes("\\\\"), "\\");
  assert.equal(decodeCopyEscapes("|"), "|");
});

test("UNLOAD with every option", () => {
  const u = unload(
    `unload ('select * from venue where venuestate = ''NV''') to 's3://lake/unload/venue_'
     iam_role default format as parquet partition by (venuestate, venuecity) include parallel off
     maxfilesize 100 mb manifest verbose allowoverwrite cleanpath extension 'pq' rowgroupsize 32 mb`,
  );
  assert.equal(u.query.kind, "Select");
  assert.equal(u.queryText, "select * from venue where venuestate = 'NV'");
  assert.equal(u.to, "s3://lake/unload/venue_");
  assert.deepEqual(u.options, {
    format: "parquet",
    partitionBy: { columns: ["venuestate", "venuecity"], include: true },
    parallel: false,
    maxFileSize: 100 * 1024 * 1024,
    manifest: { verbose: true },
    allowOverwrite: true,
    cleanPath: true,
    extension: "pq",
    rowGroupSize: 32 * 1024 * 1024,
  });
  const t = unload(
    "unload ('select 1;') to 's3://lake/x/' iam_role default header delimiter as ',' addquotes null as 'NULL' gzip escape",
  );
  assert.deepEqual(t.options, {
    format: "text",
    header: true,
    delimiter: ",",
    addQuotes: true,
    nullAs: "NULL",
    compression: "gzip",
    escape: true,
  });
  assert.equal(unload("unload ('select 1') to 's3://l/x' iam_role default csv").options.format, "csv");
  assert.throws(() => unload("unload ('select 1 from') to 's3://l/x' iam_role default"), /syntax error/);
});

test("COPY and UNLOAD print back to statements that parse to the same AST", () => {
  const copies = [
    "copy public.sales (a, b) from 's3://b/k' iam_role 'arn:aws:iam::123456789012:role/r' delimiter '\\t' gzip ignoreheader 1 null as '\\0' acceptinvchars maxerror 5 dateformat 'auto' timeformat 'epochsecs' emptyasnull blanksasnull truncatecolumns trimblanks escape explicit_ids fillrecord acceptanydate roundec region 'us-east-1' compupdate off statupdate on manifest",
    "copy t from 's3://b/k' credentials 'aws_access_key_id=A;aws_secret_access_key=B' csv quote as '%' delimiter ';'",
    "copy t from 's3://b/k' access_key_id 'A' secret_access_key 'B' session_token 'C' json 'auto ignorecase' zstd",
    "copy t from 's3://b/k' iam_role default fixedwidth 'a:1,b:22' bzip2 removequotes",
    "copy t from 's3://b/k' iam_role default format as parquet",
  ];
  for (const sql of copies) {
    const a = copy(sql);
    assert.deepEqual(stripPos(copy(printCopy(a))), stripPos(a), printCopy(a));
  }
  const unloads = [
    "unload ('select a, b from t where c = ''x''') to 's3://b/p_' iam_role default format as parquet partition by (a) include parallel off maxfilesize 100 mb rowgroupsize 32 mb manifest verbose allowoverwrite cleanpath zstd extension 'pq' region 'us-east-1'",
    "unload ('select 1') to 's3://b/p_' iam_role default header delimiter as ',' addquotes escape null as 'N' gzip",
  ];
  for (const sql of unloads) {
    const { queryText: _q, ...a } = unload(sql);
    const { queryText: _r, ...b } = unload(printUnload(unload(sql)));
    assert.deepEqual(stripPos(b), stripPos(a));
  }
});
