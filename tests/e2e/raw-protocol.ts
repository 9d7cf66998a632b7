// tests/e2e/raw-protocol.ts
//! Just enough of the Postgres frontend protocol over a raw socket to reach ReadyForQuery
//! (cleartext, MD5 and SCRAM-SHA-256 auth) and then send arbitrary, possibly malformed bytes.

import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export const PROTOCOL_3 = 196608;

/** A frontend message: type byte, int32 length (including itself), body. */
export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, "utf8"), Buffer.from([0])]);
}

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0, 0);
  return b;
}

export function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n, 0);
  return b;
}

/** StartupMessage (no type byte). */
export function startup(params: Record<string, string>, version = PROTOCOL_3): Buffer {
  const parts: Buffer[] = [int32(version)];
  for (const [k, v] of Object.entries(params)) parts.push(cstr(k), cstr(v));
  parts.push(Buffer.from([0]));
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length + 4), body]);
}

export interface BackendMessage {
  readonly type: string;
  readonly body: Buffer;
}

/** A socket with a buffered reader of backend messages. */
export class RawConnection {
  private buf = Buffer.alloc(0);
  private wakers: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    socket.on("error", () => {});
  }

  static open(host: string, port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => {
        s.off("error", reject);
        resolve(new RawConnection(s));
      });
      s.once("error", reject);
    });
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  private waitChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wakers.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** Next backend message, or null if the server closed the connection first. */
  async next(timeoutMs = 5000): Promise<BackendMessage | null> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.buf.length >= 5) {
        const len = this.buf.readInt32BE(1);
        if (this.buf.length >= len + 1) {
          const msg = { type: String.fromCharCode(this.buf[0]!), body: this.buf.subarray(5, len + 1) };
          this.buf = this.buf.subarray(len + 1);
          return msg;
        }
      }
      if (this.closed) return null;
      const left = until - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a backend message");
      await this.waitChange(left);
    }
  }

  /** Resolves true when the server closes the connection within `ms`, false otherwise. */
  async closedWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.closed) {
      const left = until - Date.now();
      if (left <= 0) return false;
      await this.waitChange(left);
    }
    return true;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function errorText(body: Buffer): string {
  const fields: string[] = [];
  let i = 0;
  while (i < body.length && body[i] !== 0) {
    const code = String.fromCharCode(body[i]!);
    const end = body.indexOf(0, i + 1);
    fields.push(`${code}=${body.toString("utf8", i + 1, end)}`);
    i = end + 1;
  }
  return fields.join(" ");
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Startup + authentication until ReadyForQuery. Throws on an ErrorResponse. */
export async function authenticate(
  conn: RawConnection,
  user: string,
  password: string,
  database: string,
): Promise<void> {
  conn.write(startup({ user, database }));
  let scram: { nonce: string; clientFirstBare: string; serverSignature?: Buffer } | undefined;
  for (;;) {
    const m = await conn.next();
    if (!m) throw new Error("server closed the connection during startup");
    if (m.type === "E") throw new Error(`startup failed: ${errorText(m.body)}`);
    if (m.type === "Z") return;
    if (m.type !== "R") continue;
    const code = m.body.readInt32BE(0);
    if (code === 0) continue;
    if (code === 3) {
      conn.write(message("p", cstr(password)));
    } else if (code === 5) {
      const salt = m.body.subarray(4, 8);
      const inner = createHash("md5")
        .update(password + user)
        .digest("hex");
      const outer = createHash("md5")
        .update(Buffer.concat([Buffer.from(inner), salt]))
        .digest("hex");
      conn.write(message("p", cstr(`md5${outer}`)));
    } else if (code === 10) {
      const nonce = randomBytes(18).toString("base64");
      const clientFirstBare = `n=*,r=${nonce}`;
      const first = Buffer.from(`n,,${clientFirstBare}`);
      conn.write(message("p", Buffer.concat([cstr("SCRAM-SHA-256"), int32(first.length), first])));
      scram = { nonce, clientFirstBare };
    } else if (code === 11 && scram) {
      const serverFirst = m.body.subarray(4).toString("utf8");
      const attrs = Object.fromEntries(serverFirst.split(",").map((kv) => [kv[0], kv.slice(2)]));
      const salted = pbkdf2Sync(password, Buffer.from(attrs.s!, "base64"), Number(attrs.i), 32, "sha256");
      const clientKey = createHmac("sha256", salted).update("Client Key").digest();
      const storedKey = createHash("sha256").update(clientKey).digest();
      const withoutProof = `c=biws,r=${attrs.r}`;
      const authMessage = `${scram.clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = createHmac("sha256", storedKey).update(authMessage).digest();
      const serverKey = createHmac("sha256", salted).update("Server Key").digest();
      scram.serverSignature = createHmac("sha256", serverKey).update(authMessage).digest();
      conn.write(message("p", Buffer.from(`${withoutProof},p=${xor(clientKey, signature).toString("base64")}`)));
    } else if (code === 12) {
      // SASLFinal: v=<server signature>; checked for completeness.
      const v = m.body.subarray(4).toString("utf8");
      if (scram?.serverSignature && v !== `v=${scram.serverSignature.toString("base64")}`) {
        throw new Error("bad SCRAM server signature");
      }
    } else {
      throw new Error(`unsupported auth request ${code}`);
    }
  }
}

/** Deterministic PRNG (mulberry32) so a failing input can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ExtendedResult {
  /** Per column: type OID and format code from RowDescription. */
  readonly fields: readonly { readonly name: string; readonly oid: number; readonly format: number }[];
  /** Cells as sent (null for SQL NULL). */
  readonly rows: readonly (readonly (Buffer | null)[])[];
  /** ErrorResponse fields ("C=22P02 M=..."), or "" when none came. */
  readonly error: string;
}

function rowDescription(body: Buffer): ExtendedResult["fields"] {
  const n = body.readInt16BE(0);
  const fields: { name: string; oid: number; format: number }[] = [];
  let off = 2;
  for (let i = 0; i < n; i++) {
    const end = body.indexOf(0, off);
    const name = body.toString("utf8", off, end);
    off = end + 1;
    fields.push({ name, oid: body.readInt32BE(off + 6), format: body.readInt16BE(off + 16) });
    off += 18;
  }
  return fields;
}

function dataRow(body: Buffer): (Buffer | null)[] {
  const n = body.readInt16BE(0);
  const cells: (Buffer | null)[] = [];
  let off = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(off);
    off += 4;
    cells.push(len < 0 ? null : body.subarray(off, off + len));
    if (len > 0) off += len;
  }
  return cells;
}

/**
 * Parse/Bind/Describe(portal)/Execute/Sync with one result format code for every column (0 text,
 * 1 binary) and text-format parameters (null for SQL NULL), typed by `paramOids` (0: unspecified).
 */
export async function extendedQuery(
  conn: RawConnection,
  sql: string,
  resultFormat: 0 | 1,
  params: readonly (string | null)[] = [],
  paramOids: readonly number[] = [],
): Promise<ExtendedResult> {
  const values = params.map((p) =>
    p === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(p)), Buffer.from(p)]),
  );
  conn.write(
    Buffer.concat([
      message("P", Buffer.concat([cstr(""), cstr(sql), int16(paramOids.length), ...paramOids.map(int32)])),
      message(
        "B",
        Buffer.concat([cstr(""), cstr(""), int16(0), int16(params.length), ...values, int16(1), int16(resultFormat)]),
      ),
      message("D", Buffer.concat([Buffer.from("P"), cstr("")])),
      message("E", Buffer.concat([cstr(""), int32(0)])),
      message("S"),
    ]),
  );
  let fields: ExtendedResult["fields"] = [];
  const rows: (Buffer | null)[][] = [];
  let error = "";
  for (;;) {
    const m = await conn.next();
    if (!m) throw new Error("server closed the connection");
    if (m.type === "T") fields = rowDescription(m.body);
    else if (m.type === "D") rows.push(dataRow(m.body));
    else if (m.type === "E") error = errorText(m.body);
    else if (m.type === "Z") return { fields, rows, error };
  }
}
