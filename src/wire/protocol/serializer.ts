// src/wire/protocol/serializer.ts
//! Backend messages serialized into one growable output buffer (BufferWriter). The connection appends messages
//! and takes the bytes in large chunks to write to the socket.
//! https://www.postgresql.org/docs/current/protocol-message-formats.html

import type { ResultColumn } from "../../session/result.js";
import { BufferWriter } from "./buffer-writer.js";
import { AuthCode, BackendCode } from "./codes.js";

/** The ErrorResponse / NoticeResponse fields Lakeshift sends, in Postgres's order. */
export interface ErrorFieldsOut {
  /** 'ERROR', 'FATAL', 'NOTICE', ... */
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  /** 1-based character position in the statement text. */
  readonly position?: number;
}

export class Serializer {
  /** The byte buffer underneath; DataRows are encoded straight into it (encodeDataRows). */
  readonly w = new BufferWriter();
  private mark = -1;

  /** Bytes serialized and not yet taken. */
  get length(): number {
    return this.w.length;
  }

  /** Returns everything serialized so far (never written to again) and empties the buffer. */
  take(): Buffer {
    return this.w.take();
  }

  // Low-level writers: begin(code) ... end() frames one message.
  begin(code: number): this {
    this.mark = this.w.beginMessage(code);
    return this;
  }

  end(): this {
    this.w.endMessage(this.mark);
    this.mark = -1;
    return this;
  }

  byte(v: number): this {
    this.w.byte(v);
    return this;
  }

  int16(v: number): this {
    this.w.int16(v);
    return this;
  }

  int32(v: number): this {
    this.w.int32(v | 0);
    return this;
  }

  uint32(v: number): this {
    this.w.ensure(4);
    this.w.buf.writeUInt32BE(v >>> 0, this.w.pos);
    this.w.pos += 4;
    return this;
  }

  /** A string without terminator. */
  string(s: string): this {
    this.w.string(s);
    return this;
  }

  /** A NUL-terminated string. */
  cstring(s: string): this {
    this.w.cstring(s);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.w.bytes(b);
    return this;
  }

  // Backend messages.

  /** The single-byte answer to SSLRequest / GSSENCRequest ('S' or 'N'); not a framed message. */
  sslResponse(accept: boolean): this {
    return this.byte(accept ? 0x53 : 0x4e);
  }

  authenticationOk(): this {
    return this.begin(BackendCode.Authentication).int32(AuthCode.Ok).end();
  }

  authenticationCleartextPassword(): this {
    return this.begin(BackendCode.Authentication).int32(AuthCode.CleartextPassword).end();
  }

  authenticationMd5Password(salt: Uint8Array): this {
    return this.begin(BackendCode.Authentication).int32(AuthCode.MD5Password).bytes(salt).end();
  }

  authenticationSasl(mechanisms: readonly string[]): this {
    this.begin(BackendCode.Authentication).int32(AuthCode.SASL);
    for (const m of mechanisms) this.cstring(m);
    return this.byte(0).end();
  }

  authenticationSaslContinue(data: string): this {
    return this.begin(BackendCode.Authentication).int32(AuthCode.SASLContinue).string(data).end();
  }

  authenticationSaslFinal(data: string): this {
    return this.begin(BackendCode.Authentication).int32(AuthCode.SASLFinal).string(data).end();
  }

  parameterStatus(name: string, value: string): this {
    return this.begin(BackendCode.ParameterStatus).cstring(name).cstring(value).end();
  }

  backendKeyData(processId: number, secretKey: number): this {
    return this.begin(BackendCode.BackendKeyData).int32(processId).int32(secretKey).end();
  }

  negotiateProtocolVersion(newestMinor: number, unrecognized: readonly string[]): this {
    this.begin(BackendCode.NegotiateProtocolVersion).int32(newestMinor).int32(unrecognized.length);
    for (const o of unrecognized) this.cstring(o);
    return this.end();
  }

  readyForQuery(status: "I" | "T" | "E"): this {
    return this.begin(BackendCode.ReadyForQuery).byte(status.charCodeAt(0)).end();
  }

  /** formats: per column 0 text / 1 binary; missing entries are 0. */
  rowDescription(columns: readonly ResultColumn[], formats: readonly number[] = []): this {
    this.begin(BackendCode.RowDescription).int16(columns.length);
    columns.forEach((c, i) => {
      this.cstring(c.name)
        .uint32(c.tableOid)
        .int16(c.columnNumber)
        .uint32(c.typeOid)
        .int16(c.typeSize)
        .int32(c.typeMod)
        .int16(formats[i] ?? 0);
    });
    return this.end();
  }

  parameterDescription(typeOids: readonly number[]): this {
    this.begin(BackendCode.ParameterDescription).int16(typeOids.length);
    for (const t of typeOids) this.uint32(t);
    return this.end();
  }

  /** One DataRow from already-encoded cells (null = SQL NULL). Bulk rows go through encodeDataRows. */
  dataRow(cells: ReadonlyArray<Uint8Array | null>): this {
    this.begin(BackendCode.DataRow).int16(cells.length);
    for (const c of cells) {
      if (c === null) this.int32(-1);
      else this.int32(c.byteLength).bytes(c);
    }
    return this.end();
  }

  commandComplete(tag: string): this {
    return this.begin(BackendCode.CommandComplete).cstring(tag).end();
  }

  emptyQueryResponse(): this {
    return this.begin(BackendCode.EmptyQueryResponse).end();
  }

  errorResponse(f: ErrorFieldsOut): this {
    return this.fields(BackendCode.ErrorResponse, f);
  }

  noticeResponse(f: ErrorFieldsOut): this {
    return this.fields(BackendCode.NoticeResponse, f);
  }

  private fields(code: number, f: ErrorFieldsOut): this {
    this.begin(code);
    this.byte(0x53).cstring(f.severity); // S: severity (localized)
    this.byte(0x56).cstring(f.severity); // V: severity (never localized)
    this.byte(0x43).cstring(f.code); // C: SQLSTATE
    this.byte(0x4d).cstring(f.message); // M: message
    if (f.detail !== undefined) this.byte(0x44).cstring(f.detail); // D: detail
    if (f.hint !== undefined) this.byte(0x48).cstring(f.hint); // H: hint
    if (f.position !== undefined) this.byte(0x50).cstring(String(f.position)); // P: position
    return this.byte(0).end();
  }

  parseComplete(): this {
    return this.begin(BackendCode.ParseComplete).end();
  }

  bindComplete(): this {
    return this.begin(BackendCode.BindComplete).end();
  }

  closeComplete(): this {
    return this.begin(BackendCode.CloseComplete).end();
  }

  noData(): this {
    return this.begin(BackendCode.NoData).end();
  }

  portalSuspended(): this {
    return this.begin(BackendCode.PortalSuspended).end();
  }
}
