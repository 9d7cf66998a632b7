// src/engine/cells-text.ts
//! VARCHAR/BLOB vectors read raw, without a JavaScript value per cell.
//!
//! A DuckDB string vector is an array of 16-byte `string_t` slots: a little-endian uint32 length,
//! then either the bytes inline (length <= 12) or a 4-byte prefix and an 8-byte pointer. Fetching
//! each long string through its own native call costs about a microsecond, so long strings are
//! grouped into "windows": address ranges over memory known to be mapped (each string is, and a
//! window only grows to cover a string whose pages touch or neighbour the window's pages, so every
//! page inside it belongs to a mapping). One get_data_from_pointer call, given the window's start
//! address written into a small buffer, returns a (zero-copy) view of a whole window; the strings
//! are then copied from it with a byte loop. Assumes a little-endian host, as DuckDB's vectors are.

import duckdb from "@duckdb/node-bindings";
import type { CellVector } from "./types.js";

const TWO32 = 4294967296;
const PAGE = 4096;
/** A window never grows beyond this (a new one starts instead). */
const MAX_WINDOW = 4 << 20;
/** Beyond this many windows per vector, remaining long strings are fetched one by one. */
const MAX_WINDOWS = 64;
const EMPTY = new Uint8Array(0);

// Scratch state reused across calls (extraction is synchronous, so one set suffices).
let winOf = new Int32Array(2048);
let ptrOf = new Float64Array(2048);
const winLo: number[] = [];
const winHi: number[] = [];
const pointerCell = new ArrayBuffer(8);
const pointerWords = new Uint32Array(pointerCell);

/** Reads a validity mask into one byte per row (1 = NULL), or null when every row is valid. */
export function readNulls(vector: duckdb.Vector, rowCount: number): Uint8Array | null {
  const words = Math.ceil(rowCount / 64);
  const validity = duckdb.vector_get_validity(vector, words * 8) as Uint8Array | null;
  if (validity === null || validity === undefined) return null;
  const full = rowCount >> 3;
  let allValid = true;
  for (let i = 0; i < full; i++) {
    if (validity[i] !== 0xff) {
      allValid = false;
      break;
    }
  }
  if (allValid) {
    for (let r = full << 3; r < rowCount; r++) {
      if ((validity[r >> 3]! & (1 << (r & 7))) === 0) {
        allValid = false;
        break;
      }
    }
  }
  if (allValid) return null;
  const nulls = new Uint8Array(rowCount);
  for (let r = 0; r < rowCount; r++) nulls[r] = (validity[r >> 3]! >> (r & 7)) & 1 ? 0 : 1;
  return nulls;
}

function copyFromPointer(pointer: number, length: number): Uint8Array {
  pointerWords[0] = pointer % TWO32;
  pointerWords[1] = Math.floor(pointer / TWO32);
  return duckdb.get_data_from_pointer(pointerCell, 0, length);
}

/** Finds or makes the window for [p, p + len); -1 when the string must be fetched alone. */
function windowFor(p: number, len: number, hint: number): number {
  const first = Math.floor(p / PAGE);
  const last = Math.floor((p + len - 1) / PAGE);
  const count = winLo.length;
  for (let i = 0; i < count; i++) {
    const k = (hint + i) % count;
    const lo = winLo[k]!;
    const hi = winHi[k]!;
    if (first <= Math.floor((hi - 1) / PAGE) + 1 && last >= Math.floor(lo / PAGE) - 1) {
      const nlo = Math.min(p, lo);
      const nhi = Math.max(p + len, hi);
      if (nhi - nlo > MAX_WINDOW) continue;
      winLo[k] = nlo;
      winHi[k] = nhi;
      return k;
    }
  }
  if (count >= MAX_WINDOWS) return -1;
  winLo.push(p);
  winHi.push(p + len);
  return count;
}

/** The scratch buffer is kept for reuse up to this size; larger vectors get a buffer of their own. */
const MAX_SCRATCH = 16 << 20;
/** Bytes of the vector being read, before they are cut to size (reused; grows as needed). */
let scratch = new Uint8Array(1 << 20);

/**
 * The cells of a VARCHAR or BLOB vector: bytes, offsets and nulls. One pass copies the inline
 * strings and plans windows for the long ones; a second pass over the long strings only copies
 * them from their windows.
 */
export function stringCells(vector: duckdb.Vector, rowCount: number): CellVector {
  const offsets = new Int32Array(rowCount + 1);
  if (rowCount === 0) return { bytes: EMPTY, offsets, nulls: null };
  let slots = duckdb.vector_get_data(vector, rowCount * 16);
  if ((slots.byteOffset & 3) !== 0) slots = slots.slice();
  const words = new Uint32Array(slots.buffer, slots.byteOffset, rowCount * 4);
  const nulls = readNulls(vector, rowCount);
  if (winOf.length < rowCount) {
    winOf = new Int32Array(rowCount);
    ptrOf = new Float64Array(rowCount);
  }
  winLo.length = 0;
  winHi.length = 0;

  let buf = scratch;
  let total = 0;
  let hint = 0;
  let longCount = 0;
  for (let r = 0; r < rowCount; r++) {
    offsets[r] = total;
    if (nulls !== null && nulls[r] === 1) continue;
    const len = words[r << 2]!;
    if (total + len > buf.length) {
      const grown = new Uint8Array(Math.max(buf.length * 2, total + len));
      grown.set(buf.subarray(0, total));
      buf = grown;
      if (grown.length <= MAX_SCRATCH) scratch = grown;
    }
    if (len <= 12) {
      let s = (r << 4) + 4;
      const end = s + len;
      let o = total;
      while (s < end) buf[o++] = slots[s++]!;
    } else {
      const p = words[(r << 2) + 3]! * TWO32 + words[(r << 2) + 2]!;
      ptrOf[r] = p;
      const k = windowFor(p, len, hint);
      winOf[r] = k;
      if (k >= 0) hint = k;
      longCount++;
    }
    total += len;
  }
  offsets[rowCount] = total;

  if (longCount > 0) {
    const windows: Uint8Array[] = [];
    for (let k = 0; k < winLo.length; k++) windows.push(copyFromPointer(winLo[k]!, winHi[k]! - winLo[k]!));
    for (let r = 0; r < rowCount; r++) {
      const len = words[r << 2]!;
      if (len <= 12 || (nulls !== null && nulls[r] === 1)) continue;
      let o = offsets[r]!;
      const k = winOf[r]!;
      if (k < 0) {
        buf.set(copyFromPointer(ptrOf[r]!, len), o);
        continue;
      }
      const src = windows[k]!;
      let s = ptrOf[r]! - winLo[k]!;
      if (len > 64) {
        buf.set(src.subarray(s, s + len), o);
      } else {
        const end = s + len;
        while (s < end) buf[o++] = src[s++]!;
      }
    }
  }
  // The scratch buffer is reused, so its bytes are copied out; a one-off large buffer is handed over.
  return { bytes: buf === scratch ? buf.slice(0, total) : buf.subarray(0, total), offsets, nulls };
}
