// src/wire/server.ts
//! The TCP listener: one Connection per socket, optional TLS via SSLRequest, and a close() that
//! stops listening and ends every connection (their sessions are closed by the connections).

import { type Server, type Socket, createServer } from "node:net";
import { logger } from "../common/log.js";
import type { Cluster } from "../session/api.js";
import { Connection } from "./connection.js";
import { type TlsOptions, createTlsContext } from "./tls.js";

export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port; the chosen one is in the result. */
  readonly port: number;
  /** Certificate and key (PEM): SSLRequest is then answered 'S' and the socket upgraded. */
  readonly tls?: TlsOptions;
  /** Largest frontend message accepted (default 256 MiB). */
  readonly maxMessageBytes?: number;
}

export interface RunningServer {
  readonly port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

const log = logger("wire");

export async function startServer(cluster: Cluster, opts: ServerOptions): Promise<RunningServer> {
  const tls = opts.tls ? createTlsContext(opts.tls) : undefined;
  const connections = new Set<Connection>();
  const server: Server = createServer((socket: Socket) => {
    try {
      const conn = new Connection(socket, cluster, { tls, maxMessageBytes: opts.maxMessageBytes });
      connections.add(conn);
      void conn.closed.then(() => connections.delete(conn));
    } catch (e) {
      log.error(`connection setup failed: ${e instanceof Error ? e.message : String(e)}`);
      socket.destroy();
    }
  });
  server.on("error", (e) => log.error(`server error: ${e.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : opts.port;
  return {
    port,
    async close(): Promise<void> {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      const all = [...connections];
      for (const c of all) c.destroy();
      await Promise.all(all.map((c) => c.closed));
      await stopped;
    },
  };
}
