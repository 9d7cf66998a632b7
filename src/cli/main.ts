#!/usr/bin/env node
// src/cli/main.ts
//! `lakeshift serve | sql | gen | iam`. The entry point `npm start` runs.

import { parseArgs } from "./args.js";
import { runServe } from "./serve.js";
import { runSqlPrompt } from "./sql-prompt.js";

const USAGE = `usage: lakeshift <command> [options]
  serve   [--host H] [--port P] [--data-dir D] [--lake-dir L] [--tls-cert F --tls-key F]
          run the server (default 127.0.0.1:5439)
  sql     [--host H] [--port P] [--user U] [--database D] [--password X] [--command SQL]
          an interactive SQL prompt against a running server
  gen     tpch --sf N --out DIR [--gzip]                        generate TPC-H data
  iam     <command> [--data-dir D] ...                          edit IAM roles and policies (iam help)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve":
      return runServe(parseArgs(rest));
    case "sql":
      return runSqlPrompt(parseArgs(rest));
    case "gen": {
      const { runGenCommand, TPCH_SCHEMA } = await import("../gen/index.js");
      const { delimitedToParquet } = await import("../session/index.js");
      return runGenCommand(rest, {
        toParquet: (tables) =>
          delimitedToParquet(
            tables.map((t) => ({
              source: t.file,
              target: t.file.replace(/\.tbl(\.gz)?$/, ".parquet"),
              columns: TPCH_SCHEMA.find((d) => d.name === t.table)?.columns ?? [],
              delimiter: "|",
              trailingDelimiter: true,
            })),
          ),
      });
    }
    case "iam": {
      const { runIam } = await import("./iam.js");
      try {
        return runIam(rest);
      } catch (e) {
        process.stderr.write(`lakeshift iam: ${(e as Error).message}\n`);
        return 1;
      }
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`lakeshift: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`lakeshift: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
