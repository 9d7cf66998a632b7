// src/wire/tls.ts
//! SSLRequest handling: answer 'N' unless a certificate and key are configured, then 'S' and
//! upgrade the same TCP socket with node:tls.
//! https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL

import type { Socket } from "node:net";
import { type SecureContext, TLSSocket, createSecureContext } from "node:tls";

export interface TlsOptions {
  /** PEM certificate (chain). */
  readonly cert: string | Buffer;
  /** PEM private key. */
  readonly key: string | Buffer;
}

export function createTlsContext(opts: TlsOptions): SecureContext {
  return createSecureContext({ cert: opts.cert, key: opts.key, minVersion: "TLSv1.2" });
}

/** Wraps a plain socket (whose data listeners were removed) in a server-side TLS socket. */
export function upgradeToTls(socket: Socket, context: SecureContext): TLSSocket {
  return new TLSSocket(socket, { isServer: true, secureContext: context });
}
