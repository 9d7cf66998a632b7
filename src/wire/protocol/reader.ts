// src/wire/protocol/reader.ts
//! Frames and parses frontend messages from a byte stream that may be split anywhere.
//! Before startup completes, packets are untyped (int32 length, int32 code); afterwards each
//! message is a type byte, an int32 length (counting itself) and a body.
//! https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS

import { LakeshiftError, ProtocolError, asLakeshiftError } from "../../common/errors.js";
import { BufferReader } from "./buffer-reader.js";
import { DEFAULT_MAX_MESSAGE_BYTES, FrontendCode, MAX_STARTUP_PACKET_BYTES, StartupCode } from "./codes.js";
import type { FrontendMessage, StartupMessage } from "./messages.js";

export interface ReaderOptions {
  /** Largest typed message accepted, length field included. */
  readonly maxMessageBytes?: number;
}

/** A well-framed message whose body could not be parsed (08P01, or 22021 for bad UTF-8). */
export class MalformedMessageError extends LakeshiftError {
  constructor(
    /** The message-type byte. */
    readonly messageCode: number,
    cause: LakeshiftError,
  ) {
    super(cause.sqlstate, cause.message);
  }
}

export class MessageReader {
  private chunks: Uint8Array[] = [];
  private total = 0;
  /** True until a StartupMessage has been read: packets are untyped until then. */
  private startupPhase = true;
  private readonly maxMessageBytes: number;

  constructor(opts: ReaderOptions = {}) {
    this.maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Bytes received but not yet returned as messages. */
  get buffered(): number {
    return this.total;
  }

  get inStartupPhase(): boolean {
    return this.startupPhase;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.byteLength;
  }

  /** The next complete message, or null when more bytes are needed. Throws ProtocolError on bad framing or content. */
  next(): FrontendMessage | null {
    return this.startupPhase ? this.nextStartup() : this.nextTyped();
  }

  private nextStartup(): FrontendMessage | null {
    const head = this.peek(4);
    if (!head) return null;
    const len = readInt32(head, 0);
    if (len < 8 || len > MAX_STARTUP_PACKET_BYTES) throw new ProtocolError("invalid length of startup packet");
    if (this.total < len) return null;
    const body = this.take(len).subarray(4);
    const msg = parseStartupPacket(body);
    if (msg.kind === "startup") this.startupPhase = false;
    return msg;
  }

  private nextTyped(): FrontendMessage | null {
    const head = this.peek(5);
    if (!head) return null;
    const code = head[0]!;
    const len = readInt32(head, 1);
    if (len < 4 || len > this.maxMessageBytes) throw new ProtocolError(`invalid message length ${len}`);
    if (this.total < len + 1) return null;
    const body = this.take(len + 1).subarray(5);
    try {
      return parseTypedMessage(code, body);
    } catch (e) {
      // The frame is consumed, so the stream is still in step: the caller may answer with an
      // ERROR and go on, as Postgres does for a malformed body.
      throw new MalformedMessageError(code, asLakeshiftError(e));
    }
  }

  /** The first n buffered bytes without consuming them, or null when fewer are buffered. */
  private peek(n: number): Uint8Array | null {
    if (this.total < n) return null;
    const first = this.chunks[0]!;
    if (first.byteLength >= n) return first;
    return this.join(n, false);
  }

  /** Removes and returns exactly n bytes (joining chunks only when a message spans several). */
  private take(n: number): Uint8Array {
    const first = this.chunks[0]!;
    if (first.byteLength === n) {
      this.chunks.shift();
      this.total -= n;
      return first;
    }
    if (first.byteLength > n) {
      this.chunks[0] = first.subarray(n);
      this.total -= n;
      return first.subarray(0, n);
    }
    return this.join(n, true);
  }

  private join(n: number, consume: boolean): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let i = 0;
    while (filled < n) {
      const c = this.chunks[i]!;
      const part = Math.min(c.byteLength, n - filled);
      out.set(c.subarray(0, part), filled);
      filled += part;
      if (consume) {
        if (part === c.byteLength) this.chunks.shift();
        else this.chunks[0] = c.subarray(part);
      } else i++;
    }
    if (consume) this.total -= n;
    return out;
  }
}

function readInt32(b: Uint8Array, at: number): number {
  return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]! | 0;
}

/** Body of an untyped startup-phase packet (after the length). */
export function parseStartupPacket(body: Uint8Array): FrontendMessage {
  const r = new BufferReader(body);
  const code = r.int32();
  switch (code) {
    case StartupCode.SSLRequest:
      r.end();
      return { kind: "ssl-request" };
    case StartupCode.GSSENCRequest:
      r.end();
      return { kind: "gssenc-request" };
    case StartupCode.CancelRequest: {
      const processId = r.int32();
      const secretKey = r.int32();
      r.end();
      return { kind: "cancel-request", processId, secretKey };
    }
  }
  if (code >>> 16 !== 3) return { kind: "startup", protocolVersion: code, params: {} } satisfies StartupMessage;
  const params: Record<string, string> = Object.create(null);
  for (;;) {
    if (r.remaining === 0) throw new ProtocolError("invalid startup packet layout: expected terminator as last byte");
    const name = r.cstring();
    if (name === "") break;
    params[name] = r.cstring();
  }
  if (r.remaining !== 0) throw new ProtocolError("invalid startup packet layout: expected terminator as last byte");
  return { kind: "startup", protocolVersion: code, params };
}

/** Body of a typed message (after the type byte and length). */
export function parseTypedMessage(code: number, body: Uint8Array): FrontendMessage {
  const r = new BufferReader(body);
  switch (code) {
    case FrontendCode.Query: {
      const sql = r.cstring();
      r.end();
      return { kind: "query", sql };
    }
    case FrontendCode.Parse: {
      const statement = r.cstring();
      const sql = r.cstring();
      const n = r.int16() & 0xffff;
      const paramTypes: number[] = [];
      for (let i = 0; i < n; i++) paramTypes.push(r.uint32());
      r.end();
      return { kind: "parse", statement, sql, paramTypes };
    }
    case FrontendCode.Bind:
      return parseBind(r);
    case FrontendCode.Describe:
    case FrontendCode.Close: {
      const target = r.byte();
      if (target !== 0x53 && target !== 0x50) {
        const what = code === FrontendCode.Describe ? "DESCRIBE" : "CLOSE";
        throw new ProtocolError(`invalid ${what} message subtype ${target}`);
      }
      const name = r.cstring();
      r.end();
      const t = target === 0x53 ? "S" : "P";
      return code === FrontendCode.Describe
        ? { kind: "describe", target: t, name }
        : { kind: "close", target: t, name };
    }
    case FrontendCode.Execute: {
      const portal = r.cstring();
      const maxRows = r.int32();
      r.end();
      return { kind: "execute", portal, maxRows: Math.max(maxRows, 0) };
    }
    case FrontendCode.Sync:
      r.end();
      return { kind: "sync" };
    case FrontendCode.Flush:
      r.end();
      return { kind: "flush" };
    case FrontendCode.Terminate:
      r.end();
      return { kind: "terminate" };
    case FrontendCode.Password:
      return { kind: "password", data: body };
    case FrontendCode.CopyData:
    case FrontendCode.CopyDone:
    case FrontendCode.CopyFail:
      return { kind: "copy", code };
    default:
      return { kind: "unknown", code };
  }
}

function parseBind(r: BufferReader): FrontendMessage {
  const portal = r.cstring();
  const statement = r.cstring();
  const nf = r.int16() & 0xffff;
  const paramFormats: number[] = [];
  for (let i = 0; i < nf; i++) paramFormats.push(r.int16());
  const np = r.int16() & 0xffff;
  const params: Array<Uint8Array | null> = [];
  for (let i = 0; i < np; i++) {
    const len = r.int32();
    if (len === -1) params.push(null);
    else if (len < 0) throw new ProtocolError("insufficient data left in message");
    else params.push(r.bytes(len));
  }
  const nr = r.int16() & 0xffff;
  const resultFormats: number[] = [];
  for (let i = 0; i < nr; i++) resultFormats.push(r.int16());
  r.end();
  return { kind: "bind", portal, statement, paramFormats, params, resultFormats };
}
