// tests/helpers/wire-bytes.ts
//! A byte builder for frontend messages (as pg-protocol's testing/test-buffers does), and a
//! small decoder for backend messages, for codec and raw-socket tests.

export class ByteBuilder {
  private parts: Buffer[] = [];

  int8(v: number): this {
    this.parts.push(Buffer.from([v & 0xff]));
    return this;
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v | 0);
    this.parts.push(b);
    return this;
  }
  uint32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }
  cstring(s: string): this {
    this.parts.push(Buffer.from(s, "utf8"), Buffer.from([0]));
    return this;
  }
  string(s: string): this {
    this.parts.push(Buffer.from(s, "utf8"));
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  /** The body framed as a typed message (code, int32 length) or, without code, a startup packet. */
  frame(code?: string): Buffer {
    const body = Buffer.concat(this.parts);
    const head = Buffer.alloc(code === undefined ? 4 : 5);
    if (code === undefined) head.writeInt32BE(body.length + 4);
    else {
      head[0] = code.charCodeAt(0);
      head.writeInt32BE(body.length + 4, 1);
    }
    return Buffer.concat([head, body]);
  }
}

const b = (): ByteBuilder => new ByteBuilder();

/** Frontend messages, framed. */
export const fe = {
  startup(params: Record<string, string>, version = 196608): Buffer {
    const x = b().int32(version);
    for (const [k, v] of Object.entries(params)) x.cstring(k).cstring(v);
    return x.int8(0).frame();
  },
  sslRequest: (): Buffer => b().int32(80877103).frame(),
  gssencRequest: (): Buffer => b().int32(80877104).frame(),
  cancelRequest: (pid: number, key: number): Buffer => b().int32(80877102).int32(pid).int32(key).frame(),
  query: (sql: string): Buffer => b().cstring(sql).frame("Q"),
  parse(name: string, sql: string, types: readonly number[] = []): Buffer {
    const x = b().cstring(name).cstring(sql).int16(types.length);
    for (const t of types) x.uint32(t);
    return x.frame("P");
  },
  bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | string | null> = [],
    paramFormats: readonly number[] = [],
    resultFormats: readonly number[] = [],
  ): Buffer {
    const x = b().cstring(portal).cstring(statement).int16(paramFormats.length);
    for (const f of paramFormats) x.int16(f);
    x.int16(params.length);
    for (const p of params) {
      if (p === null) x.int32(-1);
      else {
        const v = typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p);
        x.int32(v.length).bytes(v);
      }
    }
    x.int16(resultFormats.length);
    for (const f of resultFormats) x.int16(f);
    return x.frame("B");
  },
  describe: (target: "S" | "P", name: string): Buffer => b().string(target).cstring(name).frame("D"),
  execute: (portal: string, maxRows = 0): Buffer => b().cstring(portal).int32(maxRows).frame("E"),
  close: (target: "S" | "P", name: string): Buffer => b().string(target).cstring(name).frame("C"),
  sync: (): Buffer => b().frame("S"),
  flush: (): Buffer => b().frame("H"),
  terminate: (): Buffer => b().frame("X"),
  password: (data: string | Uint8Array): Buffer =>
    typeof data === "string" ? b().cstring(data).frame("p") : b().bytes(data).frame("p"),
  saslInitial(mechanism: string, data: string): Buffer {
    const d = Buffer.from(data, "utf8");
    return b().cstring(mechanism).int32(d.length).bytes(d).frame("p");
  },
  copyData: (data: Uint8Array): Buffer => b().bytes(data).frame("d"),
};

export interface BackendMessage {
  /** The type letter. */
  readonly code: string;
  readonly body: Buffer;
}

/** Splits a byte string into backend messages (throws on a trailing partial message). */
export function splitBackend(bytes: Buffer): BackendMessage[] {
  const out: BackendMessage[] = [];
  let at = 0;
  while (at < bytes.length) {
    const len = bytes.readInt32BE(at + 1);
    out.push({ code: String.fromCharCode(bytes[at]!), body: bytes.subarray(at + 5, at + 1 + len) });
    at += 1 + len;
  }
  if (at !== bytes.length) throw new Error("partial backend message");
  return out;
}

/** ErrorResponse / NoticeResponse fields by their one-letter code. */
export function errorFields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const key = String.fromCharCode(body[at]!);
    const end = body.indexOf(0, at + 1);
    out[key] = body.toString("utf8", at + 1, end);
    at = end + 1;
  }
  return out;
}

/** DataRow cells as strings (null for NULL). */
export function dataRowCells(body: Buffer): (string | null)[] {
  const n = body.readInt16BE(0);
  const out: (string | null)[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    if (len < 0) out.push(null);
    else {
      out.push(body.toString("utf8", at, at + len));
      at += len;
    }
  }
  return out;
}

/** RowDescription column names. */
export function rowDescriptionNames(body: Buffer): string[] {
  const n = body.readInt16BE(0);
  const out: string[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const end = body.indexOf(0, at);
    out.push(body.toString("utf8", at, end));
    at = end + 1 + 18;
  }
  return out;
}
