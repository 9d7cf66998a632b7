// tests/helpers/wire-client.ts
//! A raw-socket protocol client for tests that need exact message sequences: it writes framed
//! bytes and reads backend messages one at a time.

import { type Socket, connect } from "node:net";
import { type BackendMessage, fe } from "./wire-bytes.js";

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on("close", () => {
      this.ended = true;
      this.wake();
    });
    socket.on("error", () => undefined);
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: "127.0.0.1", port }, () => resolve(new RawClient(s)));
      s.once("error", reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async need(n: number, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.buf.length < n) {
      if (this.ended) return false;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} bytes (have ${this.buf.length})`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return true;
  }

  write(...chunks: Buffer[]): void {
    this.socket.write(Buffer.concat(chunks));
  }

  /** One raw byte (the SSLRequest / GSSENCRequest answer). */
  async byte(timeoutMs = 3000): Promise<string | null> {
    if (!(await this.need(1, timeoutMs))) return null;
    const c = String.fromCharCode(this.buf[0]!);
    this.buf = this.buf.subarray(1);
    return c;
  }

  /** The next backend message, or null when the server closed the connection. */
  async next(timeoutMs = 3000): Promise<BackendMessage | null> {
    if (!(await this.need(5, timeoutMs))) return null;
    const len = this.buf.readInt32BE(1);
    if (!(await this.need(len + 1, timeoutMs))) return null;
    const msg = { code: String.fromCharCode(this.buf[0]!), body: Buffer.from(this.buf.subarray(5, len + 1)) };
    this.buf = this.buf.subarray(len + 1);
    return msg;
  }

  /** Messages up to and including the first with `code` (e.g. 'Z'). */
  async until(code: string, timeoutMs = 3000): Promise<BackendMessage[]> {
    const out: BackendMessage[] = [];
    for (;;) {
      const m = await this.next(timeoutMs);
      if (m === null) throw new Error(`connection closed before '${code}': got ${out.map((x) => x.code).join("")}`);
      out.push(m);
      if (m.code === code) return out;
    }
  }

  /** Resolves when the server has closed the connection. */
  async closed(timeoutMs = 3000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > until) throw new Error("server did not close the connection");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Startup with trust-free md5/cleartext handled by the caller; this sends the packet only. */
  startup(user: string, database = "dev", extra: Record<string, string> = {}): void {
    this.write(fe.startup({ user, database, ...extra }));
  }

  end(): void {
    this.socket.destroy();
  }
}

/** Codes of a message list as one string, e.g. '1t T2DDCZ'. */
export const codes = (msgs: readonly BackendMessage[]): string => msgs.map((m) => m.code).join("");
