// tests/unit/lake/http-direct.test.ts
//! The S3 client's own HTTP/1.1 transport against real servers on loopback (node:http, and a raw
//! TCP server for the framings node:http does not send): each body framing read as a stream and
//! written to a file, an interim 100 Continue, a body cut short, an abort mid-body, request bodies,
//! and query strings as the SDK escapes them (radosgw checks the signature over them in
//! store.test.ts; here the server echoes what it got).

import assert from "node:assert/strict";
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import {
  DirectBody,
  DirectHttpHandler,
  type SdkHttpRequest,
  queryString,
} from "../../../src/lake/store/http-direct.js";
import { isTransient } from "../../../src/lake/store/retry.js";

const BIG = Buffer.alloc(3 * 1024 * 1024 + 17);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 31 + (i >> 11)) % 251;

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function request(port: number, path: string, extra: Partial<SdkHttpRequest> = {}): SdkHttpRequest {
  return { method: "GET", protocol: "http:", hostname: "127.0.0.1", port, path, headers: {}, ...extra };
}

async function collect(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe("http-direct: the S3 client's HTTP/1.1 transport", () => {
  const handler = new DirectHttpHandler();
  let http: ReturnType<typeof createHttpServer>;
  let tcp: Server;
  let httpPort = 0;
  let tcpPort = 0;
  let work: string;
  const tcpSockets = new Set<Socket>();

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "ls-http-direct-"));
    http = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", "http://x");
      const got: Buffer[] = [];
      req.on("data", (c: Buffer) => got.push(c));
      req.on("end", () => {
        if (url.pathname === "/length") {
          res.writeHead(200, { "content-length": BIG.length, etag: '"abc"' });
          res.end(BIG);
        } else if (url.pathname === "/chunked") {
          // No length: node:http sends it chunked, in pieces of odd sizes.
          res.writeHead(200, { "content-type": "application/octet-stream" });
          let at = 0;
          const step = () => {
            while (at < BIG.length) {
              const n = Math.min(BIG.length - at, 1 + ((at * 7) % 70_001));
              const more = res.write(BIG.subarray(at, at + n));
              at += n;
              if (!more) {
                res.once("drain", step);
                return;
              }
            }
            res.end();
          };
          step();
        } else if (url.pathname === "/echo") {
          const body = JSON.stringify({
            method: req.method,
            url: req.url,
            headers: req.headers,
            body: Buffer.concat(got).toString(),
          });
          res.writeHead(200, { "content-length": Buffer.byteLength(body) });
          res.end(body);
        } else if (url.pathname === "/empty") {
          res.writeHead(204);
          res.end();
        } else if (url.pathname === "/stall") {
          res.writeHead(200, { "content-length": BIG.length });
          res.write(BIG.subarray(0, 100_000)); // and nothing more
        } else {
          res.writeHead(404, { "content-length": 9 });
          res.end("not found");
        }
      });
    });
    // Replies node:http would not send: close-delimited, interim 100, a body cut short.
    tcp = createTcpServer((s) => {
      tcpSockets.add(s);
      s.on("close", () => tcpSockets.delete(s));
      let head = "";
      s.on("data", (d: Buffer) => {
        head += d.toString("latin1");
        if (!head.includes("\r\n\r\n")) return;
        const path = head.split(" ")[1];
        if (path === "/close-delimited") {
          s.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
          s.end(BIG);
        } else if (path === "/continue") {
          s.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        } else if (path === "/cut") {
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BIG.length}\r\n\r\n`);
          s.write(BIG.subarray(0, 1_000_000), () => s.destroy());
        } else if (path === "/garbage") {
          s.end("SSH-2.0-OpenSSH\r\n\r\n");
        }
      });
    });
    httpPort = await listen(http);
    tcpPort = await listen(tcp);
  });
  after(async () => {
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
    for (const s of tcpSockets) s.destroy();
    await new Promise((r) => tcp.close(r));
    rmSync(work, { recursive: true, force: true });
  });

  /** The body written to a new file at `offset`, and the file's bytes from there. */
  async function toFile(body: Readable, offset: number): Promise<{ n: number; bytes: Buffer }> {
    assert.ok(body instanceof DirectBody);
    const path = join(work, `f${Math.random()}`);
    const fd = openSync(path, "w");
    try {
      const n = await body.writeTo(fd, offset);
      return { n, bytes: readFileSync(path).subarray(offset) };
    } finally {
      closeSync(fd);
    }
  }

  for (const [name, port, path] of [
    ["a Content-Length body", () => httpPort, "/length"],
    ["a chunked body", () => httpPort, "/chunked"],
    ["a close-delimited body", () => tcpPort, "/close-delimited"],
  ] as const) {
    test(`${name} reads whole as a stream and written to a file`, async () => {
      const a = await handler.handle(request(port(), path));
      assert.equal(a.response.statusCode, 200);
      assert.ok((await collect(a.response.body)).equals(BIG));
      const b = await handler.handle(request(port(), path));
      const { n, bytes } = await toFile(b.response.body, 12345);
      assert.equal(n, BIG.length);
      assert.ok(bytes.equals(BIG));
    });
  }

  test("headers come back lower-cased; HEAD, 204 and an error status", async () => {
    const head = await handler.handle(request(httpPort, "/length", { method: "HEAD" }));
    assert.equal(head.response.headers["content-length"], String(BIG.length));
    assert.equal(head.response.headers.etag, '"abc"');
    assert.equal((await collect(head.response.body)).length, 0);
    const empty = await handler.handle(request(httpPort, "/empty"));
    assert.equal(empty.response.statusCode, 204);
    assert.equal((await collect(empty.response.body)).length, 0);
    const missing = await handler.handle(request(httpPort, "/nothing"));
    assert.equal(missing.response.statusCode, 404);
    assert.equal((await collect(missing.response.body)).toString(), "not found");
  });

  test("an interim 100 Continue is skipped", async () => {
    const r = await handler.handle(request(tcpPort, "/continue"));
    assert.equal(r.response.statusCode, 200);
    assert.equal((await collect(r.response.body)).toString(), "hello");
  });

  test("a request body, the query as the SDK escapes it, no Expect sent", async () => {
    const r = await handler.handle(
      request(httpPort, "/echo", {
        method: "PUT",
        query: { prefix: "a b/c+d*(x)'!", "list-type": "2", uploads: null, tag: ["1", "2"] },
        headers: { "x-amz-meta-k": "v", expect: "100-continue" },
        body: Buffer.from("payload"),
      }),
    );
    const got = JSON.parse((await collect(r.response.body)).toString());
    assert.equal(got.method, "PUT");
    assert.equal(got.url, "/echo?list-type=2&prefix=a%20b%2Fc%2Bd%2A%28x%29%27%21&tag=1&tag=2&uploads");
    assert.equal(got.body, "payload");
    assert.equal(got.headers["x-amz-meta-k"], "v");
    assert.equal(got.headers["content-length"], "7");
    assert.equal(got.headers.expect, undefined);
    assert.equal(queryString({ a: "" }), "a=");
  });

  test("a body cut short fails the stream and the file write, as a transient error", async () => {
    const a = await handler.handle(request(tcpPort, "/cut"));
    await assert.rejects(collect(a.response.body), (e: unknown) => isTransient(e));
    const b = await handler.handle(request(tcpPort, "/cut"));
    await assert.rejects(toFile(b.response.body, 0), (e: unknown) => isTransient(e));
  });

  test("a refused connection and a reply that is not HTTP fail the request", async () => {
    const closed = createTcpServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    await assert.rejects(handler.handle(request(port, "/")), (e: unknown) => isTransient(e));
    await assert.rejects(handler.handle(request(tcpPort, "/garbage")), /not an HTTP\/1.1 response/);
    await assert.rejects(
      handler.handle(request(httpPort, "/echo", { headers: { "x-bad": "a\r\nb: c" } })),
      /invalid header/,
    );
  });

  test("an abort before the reply and one mid-body stop the request", async () => {
    const early = new AbortController();
    early.abort();
    await assert.rejects(
      handler.handle(request(httpPort, "/length", { method: "GET" }), { abortSignal: early.signal }),
      {
        name: "AbortError",
      },
    );
    const mid = new AbortController();
    const r = await handler.handle(request(httpPort, "/stall"), { abortSignal: mid.signal });
    const writing = toFile(r.response.body, 0);
    setTimeout(() => mid.abort(), 50);
    await assert.rejects(writing, { name: "AbortError" });
  });

  test("a body nobody reads is dropped with destroy()", async () => {
    const r = await handler.handle(request(httpPort, "/length"));
    r.response.body.destroy();
    await assert.rejects(toFile(r.response.body, 0), /already being read|aborted/);
  });
});
