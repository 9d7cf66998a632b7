// src/cli/sql-prompt.ts
//! `lakeshift sql`: an interactive SQL prompt for those without psql. It connects to a running
//! server over the wire with node-postgres, reads statements ending in ';' and prints aligned
//! tables, as psql does.

import { createInterface } from "node:readline";
import pg from "pg";
import { option, type ParsedArgs } from "./args.js";

export async function runSqlPrompt(args: ParsedArgs): Promise<number> {
  const host = option(args, "host", "LAKESHIFT_HOST", "127.0.0.1");
  const port = Number(option(args, "port", "LAKESHIFT_PORT", "5439"));
  const user = option(args, "user", "LAKESHIFT_USER", "admin");
  const database = option(args, "database", "LAKESHIFT_DATABASE", "dev");
  const password = args.flags.get("password") ?? process.env.LAKESHIFT_PASSWORD ?? process.env.PGPASSWORD;
  const client = new pg.Client({
    host,
    port,
    user,
    database,
    password,
    types: { getTypeParser: () => (v: string) => v },
  });
  try {
    await client.connect();
  } catch (e) {
    process.stderr.write(`lakeshift sql: cannot connect to ${host}:${port}: ${(e as Error).message}\n`);
    return 2;
  }
  const command = args.flags.get("command");
  if (command !== undefined) {
    const ok = await runAndPrint(client, command);
    await client.end();
    return ok ? 0 : 1;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let buffer = "";
  const prompt = () => rl.setPrompt(buffer ? `${database}-# ` : `${database}=# `);
  prompt();
  rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (!buffer && (trimmed === "\\q" || trimmed === "quit" || trimmed === "exit")) break;
    buffer += (buffer ? "\n" : "") + line;
    if (trimmed.endsWith(";")) {
      await runAndPrint(client, buffer);
      buffer = "";
    }
    prompt();
    rl.prompt();
  }
  if (buffer.trim()) await runAndPrint(client, buffer);
  rl.close();
  await client.end();
  return 0;
}

async function runAndPrint(client: pg.Client, sql: string): Promise<boolean> {
  try {
    const res = await client.query({ text: sql, rowMode: "array" });
    const results = Array.isArray(res) ? (res as pg.QueryArrayResult[]) : [res as pg.QueryArrayResult];
    for (const r of results) printResult(r);
    return true;
  } catch (e) {
    const err = e as Error & { code?: string };
    process.stdout.write(`ERROR:  ${err.message}${err.code ? ` (SQLSTATE ${err.code})` : ""}\n`);
    return false;
  }
}

function printResult(r: pg.QueryArrayResult): void {
  if (!r.fields || r.fields.length === 0) {
    process.stdout.write(
      `${r.command ?? ""}${r.rowCount !== null && r.command !== "CREATE" ? ` ${r.rowCount}` : ""}\n`,
    );
    return;
  }
  const header = r.fields.map((f) => f.name);
  const cells = r.rows.map((row) => row.map((v) => (v === null ? "" : String(v))));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (vals: string[]) => ` ${vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")}`;
  const out = [line(header), `-${widths.map((w) => "-".repeat(w)).join("-+-")}-`, ...cells.map(line)];
  out.push(`(${cells.length} row${cells.length === 1 ? "" : "s"})`, "");
  process.stdout.write(`${out.join("\n")}\n`);
}
