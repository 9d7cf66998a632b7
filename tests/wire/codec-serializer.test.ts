// tests/wire/codec-serializer.test.ts
//! Each backend message, byte for byte, against the layouts in the protocol docs.
//! https://www.postgresql.org/docs/current/protocol-message-formats.html

import assert from "node:assert/strict";
import { test } from "node:test";
import { Serializer } from "../../src/wire/protocol/serializer.js";
import type { ResultColumn } from "../../src/session/result.js";
import { MemoryChunk } from "../helpers/wire-memory-sql.js";
import { encodeDataRows } from "../../src/wire/protocol/data-row.js";

/** Hex with spaces and '|' separators ignored; "quoted" parts are ASCII text. */
function hex(spec: string): Buffer {
  const parts: Buffer[] = [];
  for (const m of spec.matchAll(/"([^"]*)"|([0-9a-f]{2})/g)) {
    parts.push(m[1] !== undefined ? Buffer.from(m[1], "utf8") : Buffer.from(m[2]!, "hex"));
  }
  return Buffer.concat(parts);
}

function bytes(write: (s: Serializer) => void): Buffer {
  const s = new Serializer();
  write(s);
  return Buffer.from(s.take());
}

const cases: [string, (s: Serializer) => void, string][] = [
  ["SSL answer N", (s) => s.sslResponse(false), `"N"`],
  ["SSL answer S", (s) => s.sslResponse(true), `"S"`],
  ["AuthenticationOk", (s) => s.authenticationOk(), `"R" 00000008 00000000`],
  ["AuthenticationCleartextPassword", (s) => s.authenticationCleartextPassword(), `"R" 00000008 00000003`],
  [
    "AuthenticationMD5Password",
    (s) => s.authenticationMd5Password(Buffer.from([1, 2, 3, 4])),
    `"R" 0000000c 00000005 01020304`,
  ],
  ["AuthenticationSASL", (s) => s.authenticationSasl(["SCRAM-SHA-256"]), `"R" 00000017 0000000a "SCRAM-SHA-256" 00 00`],
  ["AuthenticationSASLContinue", (s) => s.authenticationSaslContinue("r=ab"), `"R" 0000000c 0000000b "r=ab"`],
  ["AuthenticationSASLFinal", (s) => s.authenticationSaslFinal("v=x"), `"R" 0000000b 0000000c "v=x"`],
  [
    "ParameterStatus",
    (s) => s.parameterStatus("server_version", "8.0.2"),
    `"S" 00000019 "server_version" 00 "8.0.2" 00`,
  ],
  ["BackendKeyData", (s) => s.backendKeyData(1000, -2), `"K" 0000000c 000003e8 fffffffe`],
  [
    "NegotiateProtocolVersion",
    (s) => s.negotiateProtocolVersion(196608, ["_pq_.x"]),
    `"v" 00000013 00030000 00000001 "_pq_.x" 00`,
  ],
  ["ReadyForQuery I", (s) => s.readyForQuery("I"), `"Z" 00000005 "I"`],
  ["ReadyForQuery T", (s) => s.readyForQuery("T"), `"Z" 00000005 "T"`],
  ["ReadyForQuery E", (s) => s.readyForQuery("E"), `"Z" 00000005 "E"`],
  [
    "ParameterDescription",
    (s) => s.parameterDescription([23, 25, 4294967295]),
    `"t" 00000012 0003 00000017 00000019 ffffffff`,
  ],
  [
    "DataRow",
    (s) => s.dataRow([Buffer.from("ab"), null, Buffer.alloc(0)]),
    `"D" 00000014 0003 00000002 "ab" ffffffff 00000000`,
  ],
  ["CommandComplete", (s) => s.commandComplete("INSERT 0 5"), `"C" 0000000f "INSERT 0 5" 00`],
  ["EmptyQueryResponse", (s) => s.emptyQueryResponse(), `"I" 00000004`],
  ["ParseComplete", (s) => s.parseComplete(), `"1" 00000004`],
  ["BindComplete", (s) => s.bindComplete(), `"2" 00000004`],
  ["CloseComplete", (s) => s.closeComplete(), `"3" 00000004`],
  ["NoData", (s) => s.noData(), `"n" 00000004`],
  ["PortalSuspended", (s) => s.portalSuspended(), `"s" 00000004`],
  [
    "ErrorResponse with every field",
    (s) => s.errorResponse({ severity: "ERROR", code: "42P01", message: "m", detail: "d", hint: "h", position: 15 }),
    `"E" 00000027 "S" "ERROR" 00 "V" "ERROR" 00 "C" "42P01" 00 "M" "m" 00 "D" "d" 00 "H" "h" 00 "P" "15" 00 00`,
  ],
  [
    "ErrorResponse minimal",
    (s) => s.errorResponse({ severity: "FATAL", code: "08P01", message: "bad" }),
    `"E" 0000001f "S" "FATAL" 00 "V" "FATAL" 00 "C" "08P01" 00 "M" "bad" 00 00`,
  ],
  [
    "NoticeResponse",
    (s) => s.noticeResponse({ severity: "NOTICE", code: "00000", message: "hi" }),
    `"N" 00000020 "S" "NOTICE" 00 "V" "NOTICE" 00 "C" "00000" 00 "M" "hi" 00 00`,
  ],
];

for (const [name, write, expected] of cases) {
  test(`serializer: ${name}`, () => {
    assert.equal(bytes(write).toString("hex"), hex(expected).toString("hex"));
  });
}

test("serializer: RowDescription with table columns and formats", () => {
  const cols: ResultColumn[] = [
    { name: "k", typeOid: 23, typeSize: 4, typeMod: -1, tableOid: 16384, columnNumber: 1, binarySupported: true },
    { name: "v", typeOid: 1043, typeSize: -1, typeMod: 14, tableOid: 0, columnNumber: 0, binarySupported: false },
  ];
  const got = bytes((s) => s.rowDescription(cols, [1]));
  const want = hex(`"T" 0000002e 0002
    "k" 00 00004000 0001 00000017 0004 ffffffff 0001
    "v" 00 00000000 0000 00000413 ffff 0000000e 0000`);
  assert.equal(got.toString("hex"), want.toString("hex"));
});

test("serializer: DataRows from a chunk slice, text and binary, via encodeDataRows", () => {
  const chunk = new MemoryChunk(
    [23, 25],
    [
      ["1", "a"],
      ["-2", null],
      ["3", "ccc"],
    ],
  );
  const s = new Serializer();
  encodeDataRows({ chunk, start: 1, end: 3 }, [1, 0], s.w);
  const want = hex(`"D" 00000012 0002 00000004 fffffffe ffffffff
    "D" 00000015 0002 00000004 00000003 00000003 "ccc"`);
  assert.equal(Buffer.from(s.take()).toString("hex"), want.toString("hex"));
});

test("serializer: messages accumulate and take() empties the buffer", () => {
  const s = new Serializer();
  s.parseComplete().bindComplete();
  assert.equal(s.length, 10);
  const first = Buffer.from(s.take());
  assert.equal(first.toString("hex"), hex(`"1" 00000004 "2" 00000004`).toString("hex"));
  assert.equal(s.length, 0);
  s.readyForQuery("I");
  assert.equal(Buffer.from(s.take()).toString("hex"), hex(`"Z" 00000005 "I"`).toString("hex"));
});

test("serializer: a large message grows the buffer", () => {
  const big = "x".repeat(1_000_000);
  const got = bytes((s) => s.commandComplete(big));
  assert.equal(got.length, 1 + 4 + big.length + 1);
  assert.equal(got.readInt32BE(1), 4 + big.length + 1);
});
