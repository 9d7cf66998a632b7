// src/cli/serve.ts
//! `lakeshift serve`: opens the warehouse (one DuckDB file per database under --data-dir), makes
//! sure the superuser exists, and serves the Postgres wire protocol.

import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { nativeEncoderStatus, openCluster } from "../session/index.js";
import { startServer } from "../wire/index.js";
import { option, type ParsedArgs } from "./args.js";

export async function runServe(args: ParsedArgs): Promise<number> {
  const host = option(args, "host", "LAKESHIFT_HOST", "127.0.0.1");
  const port = Number(option(args, "port", "LAKESHIFT_PORT", "5439"));
  const dataDir = resolve(option(args, "data-dir", "LAKESHIFT_DATA_DIR", "data"));
  const lakeDir = resolve(option(args, "lake-dir", "LAKESHIFT_LAKE_DIR", "lake"));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`lakeshift serve: invalid port '${port}'\n`);
    return 2;
  }
  const native = nativeEncoderStatus();
  if (!native.loaded) {
    process.stderr.write(
      `WARNING: native DataRow encoder not loaded (${native.reason}); large results are served by the slower ` +
        "JavaScript encoder and COPY checks every field in SQL. Build it with `npm run build:native` " +
        "(needs g++, make, python3).\n",
    );
  }
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(lakeDir, { recursive: true });

  const { cluster, generatedAdminPassword } = await openCluster({
    dataDir,
    lakeDir,
    adminPassword: process.env.LAKESHIFT_ADMIN_PASSWORD,
  });
  if (generatedAdminPassword) {
    process.stdout.write(
      `Created superuser "admin" with password: ${generatedAdminPassword}\n` +
        "(shown once; it is stored hashed. Set LAKESHIFT_ADMIN_PASSWORD before the first start to choose it.)\n",
    );
  }
  // TLS when a certificate is configured; SSLRequest is answered 'N' otherwise.
  const certFile = args.flags.get("tls-cert") ?? process.env.LAKESHIFT_TLS_CERT;
  const keyFile = args.flags.get("tls-key") ?? process.env.LAKESHIFT_TLS_KEY;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    process.stderr.write("lakeshift serve: --tls-cert and --tls-key go together\n");
    return 2;
  }
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const server = await startServer(cluster, { host, port, ...(tls ? { tls } : {}) });
  process.stdout.write(
    `Lakeshift listening on ${host}:${server.port} (data ${dataDir}, lake ${lakeDir}${tls ? ", TLS" : ""})\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Lakeshift: ${signal}, shutting down\n`);
    await server.close().catch(() => {});
    await cluster.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return 0;
}
