// tests/helpers/wire-psql.ts
//! Runs /usr/bin/psql against a test server: -X (no psqlrc), -A -t (bare rows), ON_ERROR_STOP.

import { execFile } from "node:child_process";

export const PSQL = "/usr/bin/psql";

export interface PsqlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function psql(
  conninfo: string,
  sqlText: string,
  password?: string,
  extraEnv: Record<string, string> = {},
): Promise<PsqlResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...extraEnv };
  if (password !== undefined) env.PGPASSWORD = password;
  return new Promise((resolve) => {
    execFile(
      PSQL,
      ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-w", "-d", conninfo, "-c", sqlText],
      { env, timeout: 15_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      },
    );
  });
}
