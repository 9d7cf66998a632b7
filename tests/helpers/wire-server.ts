// tests/helpers/wire-server.ts
//! Starts the wire server over an in-memory cluster on a free loopback port.

import { type RunningServer, type ServerOptions, startServer } from "../../src/wire/server.js";
import { MemoryCluster, type MemoryClusterOptions } from "./memory-cluster.js";

export interface MemoryServer {
  readonly cluster: MemoryCluster;
  readonly server: RunningServer;
  readonly port: number;
  close(): Promise<void>;
}

export const USER = "alice";
export const PASSWORD = "s3cret-pw";

export async function startMemoryServer(
  clusterOpts: MemoryClusterOptions = {},
  serverOpts: Partial<ServerOptions> = {},
): Promise<MemoryServer> {
  const cluster = new MemoryCluster({ users: { [USER]: { password: PASSWORD } }, method: "md5", ...clusterOpts });
  const server = await startServer(cluster, { host: "127.0.0.1", port: 0, ...serverOpts });
  return {
    cluster,
    server,
    port: server.port,
    async close() {
      await server.close();
      await cluster.close();
    },
  };
}

/** Polls until cond() holds (or fails after timeoutMs). */
export async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error("timed out waiting for condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}
