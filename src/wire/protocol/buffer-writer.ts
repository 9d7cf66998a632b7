// src/wire/protocol/buffer-writer.ts
//! A growable output buffer for backend messages. Bytes handed out by take() are never written
//! again (a later write goes past them or into a new slab), so they can go to socket.write()
//! without copying while encoding continues. A caller that says when those bytes have been written
//! out (release()) lets their slab be reused: serving a large result then cycles through a few
//! slabs instead of allocating ~180 MB of new ones per 1M rows, which drove full garbage
//! collections (external memory pressure).

const DEFAULT_SLAB = 256 * 1024;
/** A slab grown for a large result is at most this large (unless one message needs more). */
const MAX_GROWN_SLAB = 8 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);
/** Released slabs kept for reuse. */
const MAX_SPARE = 2;
/** Only slabs this large are reused: smaller Buffers may share Node's pool ArrayBuffer. */
const MIN_REUSED_SLAB = 64 * 1024;

export class BufferWriter {
  /** The current slab. Write at `pos` after ensure(); bytes before `start` belong to taken buffers. */
  buf: Buffer;
  /** Next write position in `buf`. */
  pos = 0;
  private start = 0;
  private readonly slab: number;
  /** Set by a caller that release()s every buffer it takes (Output); without it slabs are never reused. */
  recycle = false;
  /** Per slab (its ArrayBuffer): buffers taken from it and not yet released. */
  private readonly outstanding = new Map<ArrayBufferLike, number>();
  /** Slabs no longer current whose taken bytes were all released. */
  private readonly spare: Buffer[] = [];

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
    const next = this.reuse(need) ?? Buffer.allocUnsafe(Math.max(this.slab, need, Math.min(4 * need, MAX_GROWN_SLAB)));
    this.buf.copy(next, 0, this.start, this.pos);
    this.retire(this.buf);
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

  /** A spare slab of at least `need` bytes, or undefined. */
  private reuse(need: number): Buffer | undefined {
    const i = this.spare.findIndex((b) => b.length >= need);
    return i < 0 ? undefined : this.spare.splice(i, 1)[0];
  }

  /** The slab stops being current: it becomes spare once nothing taken from it is outstanding. */
  private retire(slab: Buffer): void {
    if (!this.recycle || slab.length < MIN_REUSED_SLAB || this.outstanding.has(slab.buffer)) return;
    if (this.spare.length < MAX_SPARE && slab.byteOffset === 0 && slab.length === slab.buffer.byteLength)
      this.spare.push(slab);
  }

  /**
   * Hands out the bytes written since the last take(); the writer never touches them again,
   * unless they are passed to release() (then their slab may be written over).
   */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    if (this.recycle && out.length > 0)
      this.outstanding.set(this.buf.buffer, (this.outstanding.get(this.buf.buffer) ?? 0) + 1);
    if (this.buf.length - this.pos < 1024) {
      // Nearly full: the next ensure() takes a spare slab or allocates one of the size it needs.
      this.retire(this.buf);
      this.buf = EMPTY;
      this.start = 0;
      this.pos = 0;
    }
    return out;
  }

  /** Bytes from take() are no longer needed (the socket wrote them): their slab may be reused. */
  release(bytes: Uint8Array): void {
    const slab = bytes.buffer;
    const count = this.outstanding.get(slab);
    if (count === undefined) return;
    if (count > 1) {
      this.outstanding.set(slab, count - 1);
      return;
    }
    this.outstanding.delete(slab);
    if (slab !== this.buf.buffer && slab.byteLength >= MIN_REUSED_SLAB && this.spare.length < MAX_SPARE)
      this.spare.push(Buffer.from(slab as ArrayBuffer, 0, slab.byteLength));
  }
}
