// src/cli/args.ts
//! Flag parsing for the CLI: `--name value` / `--name=value` / boolean `--flag`, with
//! environment fallbacks. No dependency.

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) {
        flags.set(a.slice(2, eq), a.slice(eq + 1));
      } else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (booleans.includes(name) || next === undefined || next.startsWith("--")) flags.set(name, "true");
        else {
          flags.set(name, next);
          i++;
        }
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

/** A flag's value, else the environment variable, else the default. */
export function option(args: ParsedArgs, flag: string, envName: string, fallback: string): string {
  return args.flags.get(flag) ?? process.env[envName] ?? fallback;
}
