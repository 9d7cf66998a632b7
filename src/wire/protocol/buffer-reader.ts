// src/wire/protocol/buffer-reader.ts
//! Bounds-checked reads over one complete message body. Any read past the end, a missing
//! string terminator or invalid UTF-8 raises ProtocolError 08P01, as Postgres's pq_getmsg* do.

import { ProtocolError } from "../../common/errors.js";

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
    throw new ProtocolError('invalid byte sequence for encoding "UTF8"');
  }
}
