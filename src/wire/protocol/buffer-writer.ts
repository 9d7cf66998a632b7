// src/wire/protocol/buffer-writer.ts
//! A growable output buffer for backend messages. Bytes handed out by take() are never written
//! again (a later write goes past them or into a new slab), so they can go to socket.write()
//! without copying while encoding continues.

const DEFAULT_SLAB = 256 * 1024;
/** A slab grown for a large result is at most this large (unless one message needs more). */
const MAX_GROWN_SLAB = 8 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

export class BufferWriter {
  /** The current slab. Write at `pos` after ensure(); bytes before `start` belong to taken buffers. */
  buf: Buffer;
  /** Next write position in `buf`. */
  pos = 0;
  private start = 0;
  private readonly slab: number;

  constructor(slabSize: number = DEFAULT_SLAB) {
    this.slab = slabSize;
    this.buf = Buffer.allocUnsafe(slabSize);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.pos - this.start;
  }

  /**
   * Guarantees room for n more bytes at `pos` (moving the untaken bytes to a new slab if needed).
   * A slab outgrown is replaced by one four times what is needed (up to MAX_GROWN_SLAB): a large
   * result is encoded chunk by chunk and taken once per socket flush, and an exact-fit slab would
   * be reallocated, with every untaken byte copied, for every chunk.
   */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const pending = this.pos - this.start;
    const need = pending + n;
    const next = Buffer.allocUnsafe(Math.max(this.slab, need, Math.min(4 * need, MAX_GROWN_SLAB)));
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = pending;
  }

  byte(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  int16(v: number): void {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
  }

  int32(v: number): void {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** UTF-8 text without a terminator. */
  string(s: string): void {
    this.ensure(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos);
  }

  /** UTF-8 text with a NUL terminator (protocol String). */
  cstring(s: string): void {
    this.string(s);
    this.byte(0);
  }

  /** Starts a message: type byte and a length placeholder; returns a mark to pass to endMessage. */
  beginMessage(type: number): number {
    this.ensure(5);
    const mark = this.pos - this.start;
    this.buf[this.pos] = type;
    this.pos += 5;
    return mark;
  }

  /** Fills in the length of the message begun at `mark` (valid across ensure(), not across take()). */
  endMessage(mark: number): void {
    const at = this.start + mark;
    this.buf.writeInt32BE(this.pos - at - 1, at + 1);
  }

  /** Hands out the bytes written since the last take(); the writer never touches them again. */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    if (this.buf.length - this.pos < 1024) {
      // Nearly full: the next ensure() allocates a fresh slab of the size it needs.
      this.buf = EMPTY;
      this.start = 0;
      this.pos = 0;
    }
    return out;
  }
}
