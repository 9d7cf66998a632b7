// src/wire/protocol/data-row-fallback.ts
//! A plain DataRow encoder used until the optimized encodeDataRows (protocol/data-row.ts) lands.
//! Cells are fetched once per column per slice, then copied row by row.

import type { RowSlice } from "../../session/api.js";
import type { CellVector } from "../../session/result.js";
import { BackendCode } from "./codes.js";
import type { Serializer } from "./serializer.js";

export function encodeDataRowsFallback(slice: RowSlice, formats: readonly number[], out: Serializer): void {
  const { chunk, start, end } = slice;
  const cols: CellVector[] = [];
  for (let c = 0; c < chunk.columnCount; c++) cols.push(chunk.cells(c, formats[c] === 1 ? "binary-be" : "text"));
  for (let r = start; r < end; r++) {
    out.begin(BackendCode.DataRow).int16(cols.length);
    for (const v of cols) {
      if (v.nulls !== null && v.nulls[r] === 1) {
        out.int32(-1);
        continue;
      }
      const from = v.offsets[r]!;
      const to = v.offsets[r + 1]!;
      out.int32(to - from).bytes(v.bytes.subarray(from, to));
    }
    out.end();
  }
}
