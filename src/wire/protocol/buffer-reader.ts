// src/wire/protocol/buffer-reader.ts
//! Bounds-checked reads over one complete message body. Any read past the end or a missing
//! string terminator raises ProtocolError 08P01, as Postgres's pq_getmsg* do; invalid UTF-8
//! raises 22021 as Postgres's encoding check does.

import { LakeshiftError, ProtocolError, SqlState } from "../../common/errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class BufferReader {
  private offset = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength),
  ) {}

  get remaining(): number {
    return this.buf.byteLength - this.offset;
  }

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.buf.byteLength) throw new ProtocolError("insufficient data left in message");
  }

  byte(): number {
    this.need(1);
    return this.buf[this.offset++]!;
  }

  int16(): number {
    this.need(2);
    const v = this.view.getInt16(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset);
    this.offset += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buf.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolError("invalid string in message");
    const s = decodeUtf8(this.buf.subarray(this.offset, end));
    this.offset = end + 1;
    return s;
  }

  /** Postgres's pq_getmsgend: a message must be consumed exactly. */
  end(): void {
    if (this.offset !== this.buf.byteLength) throw new ProtocolError("invalid message format");
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LakeshiftError(
      SqlState.CharacterNotInRepertoire,
      `invalid byte sequence for encoding "UTF8": ${badSequence(bytes)}`,
    );
  }
}

/** The first invalid UTF-8 sequence as Postgres reports it ("0xc3 0x28"). */
function badSequence(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    const seq = bytes.subarray(i, i + Math.max(n, 1));
    let ok = n > 0 && seq.length === n;
    for (let k = 1; ok && k < n; k++) ok = (seq[k]! & 0xc0) === 0x80;
    if (ok && n > 1) ok = utf8Ok(seq);
    if (!ok) {
      const shown = bytes.subarray(i, Math.min(i + Math.max(n, 2), bytes.length));
      return [...shown].map((x) => `0x${x.toString(16).padStart(2, "0")}`).join(" ");
    }
    i += n;
  }
  return "";
}

function utf8Ok(seq: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(seq);
    return true;
  } catch {
    return false;
  }
}
