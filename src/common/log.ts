// src/common/log.ts
//! A tiny leveled logger writing to stderr. LAKESHIFT_LOG=debug|info|warn|error (default info).

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

function threshold(): number {
  const v = (process.env.LAKESHIFT_LOG ?? "info") as Level;
  return LEVELS[v] ?? LEVELS.info;
}

function emit(level: Level, scope: string, msg: string): void {
  if (LEVELS[level] < threshold()) return;
  process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}\n`);
}

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function logger(scope: string): Logger {
  return {
    debug: (m) => emit("debug", scope, m),
    info: (m) => emit("info", scope, m),
    warn: (m) => emit("warn", scope, m),
    error: (m) => emit("error", scope, m),
  };
}
