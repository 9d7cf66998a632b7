// src/wire: the Postgres wire protocol v3 server. protocol/ (codes, reader, serializer, typed
// messages), auth/ (one flow per file), connection.ts (state machine), query.ts (simple and
// extended query), tls.ts, server.ts. Imports only src/session, src/common and node built-ins.
export { type RunningServer, type ServerOptions, startServer } from "./server.js";
export type { TlsOptions } from "./tls.js";
