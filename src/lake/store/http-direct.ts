// src/lake/store/http-direct.ts
//! The S3 SDK's transport (its requestHandler) for plain http:// endpoints: the SDK still builds,
//! signs and parses every request; this sends it over HTTP/1.1 on a socket of its own and reads
//! the reply with one reusable buffer per connection (net's `onread`), so a large body costs no
//! allocation per chunk. Node's http client allocates a fresh 64 KiB buffer per socket read, and
//! the garbage collector then spends as long freeing them as the receive itself takes: 0.7-0.85
//! CPU-s to take in 752 MB, against 0.12-0.15 here (bench/results/2026-11-24-s3-download.md).
//! A body can be read as a stream (what the SDK's own readers do) or written straight from that
//! buffer to a file (DirectBody.writeTo), which the ranged download uses.
//! One connection per request (Connection: close): on loopback a connect costs less than the
//! bookkeeping of a pool, and a download has few, large requests.

import { write, writev } from "node:fs";
import { connect, type Socket } from "node:net";
import { Readable } from "node:stream";

/** What the SDK hands a request handler (a @smithy HttpRequest, structurally). */
export interface SdkHttpRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query?: Record<string, string | readonly string[] | null | undefined>;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly fragment?: string;
}

/** The SDK's abort signal: the DOM's, or @smithy's older one with only `onabort`. */
interface AbortLike {
  readonly aborted: boolean;
  addEventListener?(type: "abort", f: () => void, o?: { once: boolean }): void;
  removeEventListener?(type: "abort", f: () => void): void;
  onabort?: unknown;
}

/** What it expects back (a @smithy HttpResponse, structurally). */
export interface SdkHttpResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: Record<string, string>;
  readonly body: Readable;
}

const READ_BUFFER = 256 * 1024;
/** Most bytes of a status line and headers. */
const MAX_HEAD = 64 * 1024;

/** S3's URI escaping of query keys and values (RFC 3986 unreserved characters stay). */
function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function queryString(query: SdkHttpRequest["query"]): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const v = query?.[key];
    const k = escapeUri(key);
    if (Array.isArray(v)) for (const x of v) parts.push(`${k}=${escapeUri(String(x))}`);
    else if (typeof v === "string") parts.push(`${k}=${escapeUri(v)}`);
    else parts.push(k);
  }
  return parts.join("&");
}

function requestBody(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error("http-direct: only in-memory request bodies are supported");
}

function connectionError(message: string, code = "ECONNRESET"): Error {
  return Object.assign(new Error(message), { code });
}

function abortError(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" });
}

/** The head of a request: request line and headers, `connection: close` added, `expect` dropped. */
function requestHead(req: SdkHttpRequest, body: Buffer | undefined): string {
  const qs = queryString(req.query);
  const target = `${req.path}${qs ? `?${qs}` : ""}`;
  const lines = [`${req.method} ${target} HTTP/1.1`];
  let host = false;
  let length = false;
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    // Neither is signed (SigV4 never signs them): the connection closes after one exchange, and a
    // body goes with the head instead of after a 100 Continue.
    if (lower === "connection" || lower === "expect") continue;
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`http-direct: invalid header '${name}'`);
    host ||= lower === "host";
    length ||= lower === "content-length";
    lines.push(`${name}: ${value}`);
  }
  if (!host) lines.push(`host: ${req.hostname}${req.port ? `:${req.port}` : ""}`);
  if (body && !length) lines.push(`content-length: ${body.length}`);
  lines.push("connection: close", "", "");
  return lines.join("\r\n");
}

type Framing = { kind: "length"; left: number } | { kind: "chunked" } | { kind: "close" } | { kind: "none" };

/**
 * A response body read from the socket. Until a reader decides, bytes that came with the head are
 * kept (copied) and the socket is paused; then either it streams (each read copied into a new
 * Buffer, as any Readable), or writeTo() writes each read straight to a file from the socket's
 * buffer, pausing the socket while the write is in flight.
 */
export class DirectBody extends Readable {
  private mode: "undecided" | "stream" | "file" = "undecided";
  private pending: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;
  private file: { fd: number; pos: number; written: number; busy: boolean } | undefined;
  private settle: { resolve(n: number): void; reject(e: Error): void } | undefined;
  private observe: ((bytes: Uint8Array) => void) | undefined;

  constructor(private readonly socket: Socket) {
    super();
  }

  /** Body bytes (views of the socket's buffer, valid during this call); false pauses the socket. */
  deliver(segs: readonly Buffer[]): boolean {
    if (this.mode === "stream") {
      let more = true;
      for (const s of segs) more = this.push(Buffer.from(s));
      return more;
    }
    if (this.mode === "undecided") {
      for (const s of segs) this.pending.push(Buffer.from(s));
      return false;
    }
    this.writeOut(segs);
    return false;
  }

  /** The body is complete. */
  finish(): void {
    this.ended = true;
    if (this.mode === "stream") this.push(null);
    else if (this.mode === "file" && !this.file?.busy) this.settle?.resolve(this.file?.written ?? 0);
  }

  /** The connection failed before the body was complete. */
  fail(e: Error): void {
    if (this.ended || this.failure) return;
    this.failure = e;
    if (this.mode === "stream") this.destroy(e);
    else if (this.mode === "file" && !this.file?.busy) this.settle?.reject(e);
  }

  override _read(): void {
    if (this.mode === "file") return;
    if (this.mode === "undecided") {
      this.mode = "stream";
      for (const b of this.pending) this.push(b);
      this.pending = [];
      if (this.failure) {
        this.destroy(this.failure);
        return;
      }
      if (this.ended) {
        this.push(null);
        return;
      }
    }
    this.socket.resume();
  }

  override _destroy(e: Error | null, cb: (e?: Error | null) => void): void {
    this.socket.destroy();
    if (!this.ended) this.fail(e ?? abortError());
    cb(e);
  }

  /**
   * Writes the whole body to `fd` from `position` on; resolves to the number of bytes written.
   * Only before the body has been read as a stream. `observe` sees each piece before it is written.
   */
  writeTo(fd: number, position: number, observe?: (bytes: Uint8Array) => void): Promise<number> {
    if (this.mode !== "undecided") return Promise.reject(new Error("http-direct: the body is already being read"));
    this.mode = "file";
    this.observe = observe;
    this.file = { fd, pos: position, written: 0, busy: false };
    return new Promise<number>((resolve, reject) => {
      this.settle = { resolve, reject };
      const first = this.pending;
      this.pending = [];
      if (first.length > 0) this.writeOut(first);
      else this.afterWrite();
    });
  }

  private writeOut(segs: readonly Buffer[]): void {
    const f = this.file as { fd: number; pos: number; written: number; busy: boolean };
    if (this.observe) for (const s of segs) this.observe(s);
    const n = segs.reduce((a, s) => a + s.length, 0);
    f.busy = true;
    const done = (e: Error | null) => {
      f.busy = false;
      if (e) {
        this.socket.destroy();
        this.failure ??= e;
      } else {
        f.pos += n;
        f.written += n;
      }
      this.afterWrite();
    };
    if (segs.length === 1) write(f.fd, segs[0] as Buffer, 0, n, f.pos, (e) => done(e));
    else writev(f.fd, segs as Buffer[], f.pos, (e) => done(e));
  }

  private afterWrite(): void {
    if (this.failure) this.settle?.reject(this.failure);
    else if (this.ended) this.settle?.resolve(this.file?.written ?? 0);
    else this.socket.resume();
  }
}

/** Reads one response off the socket: the head, then the body as its framing says. */
class Exchange {
  private head: Buffer = Buffer.alloc(0);
  private framing: Framing | undefined;
  private body: DirectBody | undefined;
  /** Chunked framing: bytes left in this chunk, or the state between chunks. */
  private chunk = { left: 0, state: "size" as "size" | "data" | "crlf" | "trailer", line: "" };

  constructor(
    private readonly socket: Socket,
    private readonly method: string,
    private readonly respond: (r: SdkHttpResponse) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  get started(): boolean {
    return this.body !== undefined;
  }

  /** Bytes read into the socket's buffer; false pauses the socket. */
  onData(buf: Buffer): boolean {
    if (this.body) return this.onBody(buf);
    this.head = this.head.length === 0 ? Buffer.from(buf) : Buffer.concat([this.head, buf]);
    for (;;) {
      const end = this.head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (this.head.length > MAX_HEAD)
          this.socket.destroy(connectionError("http-direct: response head too large", "EPROTO"));
        return true;
      }
      const text = this.head.subarray(0, end).toString("latin1");
      const rest = this.head.subarray(end + 4);
      const [status = "", ...lines] = text.split("\r\n");
      const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(status);
      if (!m) {
        this.socket.destroy(
          connectionError(`http-direct: not an HTTP/1.1 response: '${status.slice(0, 80)}'`, "EPROTO"),
        );
        return false;
      }
      const code = Number(m[1]);
      if (code >= 100 && code < 200) {
        this.head = Buffer.from(rest); // an interim response (100 Continue): the real one follows
        continue;
      }
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        if (i <= 0) continue;
        const name = line.slice(0, i).trim().toLowerCase();
        const value = line.slice(i + 1).trim();
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      this.framing = framingOf(this.method, code, headers);
      this.head = Buffer.alloc(0);
      this.body = new DirectBody(this.socket);
      this.respond({ statusCode: code, ...(m[2] ? { reason: m[2] } : {}), headers, body: this.body });
      if (this.framing.kind === "none" || (this.framing.kind === "length" && this.framing.left === 0)) {
        this.complete();
        return false;
      }
      return rest.length > 0 ? this.onBody(rest) : true;
    }
  }

  /** The peer closed the connection (or it failed). */
  onClose(e: Error | undefined): void {
    if (!this.body) {
      this.reject(e ?? connectionError("http-direct: connection closed before a response"));
      return;
    }
    if (this.framing?.kind === "close" && !e) this.body.finish();
    else this.body.fail(e ?? connectionError("http-direct: connection closed before the end of the response body"));
  }

  private complete(): void {
    this.framing = { kind: "none" };
    this.body?.finish();
    this.socket.destroy();
  }

  private onBody(buf: Buffer): boolean {
    const body = this.body as DirectBody;
    const f = this.framing as Framing;
    if (f.kind === "close") return body.deliver([buf]);
    if (f.kind === "length") {
      const take = Math.min(f.left, buf.length);
      f.left -= take;
      const more = take > 0 ? body.deliver([buf.subarray(0, take)]) : true;
      if (f.left === 0) this.complete();
      return more && f.left > 0;
    }
    if (f.kind === "chunked") return this.onChunked(buf, body);
    return false;
  }

  private onChunked(buf: Buffer, body: DirectBody): boolean {
    const segs: Buffer[] = [];
    const c = this.chunk;
    let i = 0;
    while (i < buf.length) {
      if (c.state === "data") {
        const take = Math.min(c.left, buf.length - i);
        segs.push(buf.subarray(i, i + take));
        i += take;
        c.left -= take;
        if (c.left === 0) c.state = "crlf";
        continue;
      }
      const nl = buf.indexOf(0x0a, i);
      const part = buf.toString("latin1", i, nl < 0 ? buf.length : nl);
      i = nl < 0 ? buf.length : nl + 1;
      c.line += part;
      if (nl < 0) continue;
      const line = c.line.replace(/\r$/, "");
      c.line = "";
      if (c.state === "crlf") {
        c.state = "size";
      } else if (c.state === "size") {
        const size = Number.parseInt(line.split(";")[0] ?? "", 16);
        if (!Number.isFinite(size)) {
          this.socket.destroy(connectionError("http-direct: bad chunk size", "EPROTO"));
          return false;
        }
        if (size === 0) c.state = "trailer";
        else [c.state, c.left] = ["data", size];
      } else if (line === "") {
        // the empty line after the trailers: the body is complete
        if (segs.length > 0) body.deliver(segs);
        this.complete();
        return false;
      }
    }
    return segs.length > 0 ? body.deliver(segs) : true;
  }
}

function framingOf(method: string, status: number, headers: Record<string, string>): Framing {
  if (method === "HEAD" || status === 204 || status === 304) return { kind: "none" };
  if (/\bchunked\b/i.test(headers["transfer-encoding"] ?? "")) return { kind: "chunked" };
  const length = headers["content-length"];
  if (length !== undefined && /^\d+$/.test(length)) return { kind: "length", left: Number(length) };
  return { kind: "close" };
}

/** The SDK's requestHandler for http:// endpoints. */
export class DirectHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };

  handle(
    request: SdkHttpRequest,
    options: { abortSignal?: AbortLike; requestTimeout?: number } = {},
  ): Promise<{ response: SdkHttpResponse }> {
    return new Promise((resolve, reject) => {
      const { abortSignal } = options;
      if (abortSignal?.aborted) {
        reject(abortError());
        return;
      }
      if (request.protocol !== "http:") {
        reject(new Error(`http-direct: ${request.protocol} is not supported`));
        return;
      }
      let head: string;
      let body: Buffer | undefined;
      try {
        body = requestBody(request.body);
        head = requestHead(request, body);
      } catch (e) {
        reject(e);
        return;
      }
      const hostname = request.hostname.replace(/^\[(.*)\]$/, "$1");
      let exchange: Exchange | undefined;
      const socket = connect({
        host: hostname,
        port: request.port ?? 80,
        onread: {
          buffer: Buffer.allocUnsafe(READ_BUFFER),
          callback: (n: number, buf: Uint8Array) => exchange?.onData((buf as Buffer).subarray(0, n)) ?? false,
        },
      });
      socket.setNoDelay(true);
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => socket.destroy(abortError());
      exchange = new Exchange(
        socket,
        request.method,
        (response) => {
          if (timer) clearTimeout(timer);
          resolve({ response });
        },
        reject,
      );
      if (options.requestTimeout) {
        timer = setTimeout(
          () => socket.destroy(Object.assign(new Error("http-direct: request timed out"), { name: "TimeoutError" })),
          options.requestTimeout,
        );
      }
      if (abortSignal?.addEventListener) abortSignal.addEventListener("abort", onAbort, { once: true });
      else if (abortSignal) abortSignal.onabort = onAbort;
      let failure: Error | undefined;
      socket.on("error", (e) => {
        failure = e;
      });
      socket.on("close", () => {
        if (timer) clearTimeout(timer);
        abortSignal?.removeEventListener?.("abort", onAbort);
        exchange?.onClose(failure);
      });
      // Flowing, so the end of the stream is seen (reads themselves go to `onread`).
      socket.resume();
      socket.write(head, "latin1");
      if (body && body.length > 0) socket.write(body);
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
