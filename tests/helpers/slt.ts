// tests/helpers/slt.ts
//! Runs one SQL logic test file over the wire with node-postgres. Values are read as Postgres
//! text (every type parser is the identity), compared with the expected block, and column types
//! are checked against the record's type letters. SLT_COMPLETE=1 rewrites expected results in
//! place for review instead of failing. See tests/slt/README.md for the file format.

import { readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import { formatValue, parseSlt, type Query, type SltRecord } from "./slt-parse.js";

/** Type letter for a result column's type OID; "?" when the type has no letter. */
export function typeLetter(oid: number): string {
  switch (oid) {
    case 20:
    case 21:
    case 23:
      return "I";
    case 700:
    case 701:
    case 1700:
      return "R";
    case 16:
      return "B";
    case 1082:
      return "D";
    case 1114:
    case 1184:
      return "P";
    case 1083:
    case 1266:
      return "Z";
    case 18:
    case 19:
    case 25:
    case 705:
    case 1042:
    case 1043:
      return "T";
    default:
      return "?";
  }
}

export interface SltTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface SltFailure {
  readonly line: number;
  readonly sql: string;
  readonly message: string;
}

export interface SltResult {
  readonly cases: number;
  readonly failures: readonly SltFailure[];
  /** True when SLT_COMPLETE rewrote the file. */
  readonly rewritten: boolean;
}

const TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

interface Outcome {
  readonly ok: boolean;
  readonly error?: { code: string; message: string };
  readonly rows: (string | null)[][];
  readonly oids: number[];
  readonly rowCount: number | null;
}

async function execute(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const res = (await client.query({ text: sql, rowMode: "array", types: TEXT_TYPES })) as
      | pg.QueryArrayResult
      | pg.QueryArrayResult[];
    const last = Array.isArray(res) ? res[res.length - 1]! : res;
    return {
      ok: true,
      rows: last.rows as (string | null)[][],
      oids: (last.fields ?? []).map((f) => f.dataTypeID),
      rowCount: last.rowCount,
    };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      ok: false,
      error: { code: err.code ?? "?????", message: err.message ?? String(e) },
      rows: [],
      oids: [],
      rowCount: null,
    };
  }
}

function sortRows(rows: string[][], mode: Query["sort"]): string[][] {
  if (mode === "rowsort") return [...rows].sort((a, b) => cmp(a.join("\t"), b.join("\t")));
  if (mode === "valuesort") {
    return rows
      .flat()
      .sort(cmp)
      .map((v) => [v]);
  }
  return rows;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function render(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "    (no rows)";
  return rows.map((r) => `    ${r.join("\t")}`).join("\n");
}

function checkQuery(q: Query, out: Outcome): { message?: string; actual?: string[][]; letters?: string } {
  if (!out.ok) return { message: `query failed: ${out.error!.code} ${out.error!.message}` };
  const letters = out.oids.map(typeLetter).join("");
  const actual = out.rows.map((r) => r.map(formatValue));
  const problems: string[] = [];
  if (letters.length !== q.types.length) {
    problems.push(`expected ${q.types.length} column(s) (${q.types}), got ${letters.length} (${letters})`);
  } else {
    for (let c = 0; c < letters.length; c++) {
      const want = q.types[c]!;
      if (want !== "?" && want !== letters[c]) {
        problems.push(`column ${c + 1}: expected type ${want}, got ${letters[c]} (oid ${out.oids[c]})`);
      }
    }
  }
  const want = sortRows(
    q.expected.map((r) => [...r]),
    q.sort,
  );
  const got = sortRows(actual, q.sort);
  if (render(want) !== render(got))
    problems.push(`results differ\n  expected:\n${render(want)}\n  got:\n${render(got)}`);
  return { message: problems.length ? problems.join("\n  ") : undefined, actual, letters };
}

/** Runs every record of `path` against `target`, each named connection its own session. */
export async function runSltFile(path: string, target: SltTarget): Promise<SltResult> {
  const text = readFileSync(path, "utf8");
  const records = parseSlt(text, path);
  const complete = process.env.SLT_COMPLETE === "1";
  const clients = new Map<string, pg.Client>();
  const failures: SltFailure[] = [];
  const rewrites: { q: Query; rows: string[][]; letters: string }[] = [];
  let cases = 0;
  const clientFor = async (name: string): Promise<pg.Client> => {
    let c = clients.get(name);
    if (!c) {
      // query_timeout: a hung statement fails its record instead of hanging the file.
      c = new pg.Client({ ...target, connectionTimeoutMillis: 10_000, query_timeout: 60_000 });
      c.on("error", () => {});
      await c.connect();
      clients.set(name, c);
    }
    return c;
  };
  try {
    for (const r of records) {
      if (r.kind === "halt") break;
      cases++;
      const message = await runRecord(r, await clientFor(r.connection), rewrites, complete);
      if (message) failures.push({ line: r.line, sql: r.sql, message });
    }
  } finally {
    for (const c of clients.values()) await c.end().catch(() => {});
  }
  let rewritten = false;
  if (complete && rewrites.length > 0) {
    writeFileSync(path, rewrite(text, rewrites));
    rewritten = true;
  }
  return { cases, failures, rewritten };
}

async function runRecord(
  r: Exclude<SltRecord, { kind: "halt" }>,
  client: pg.Client,
  rewrites: { q: Query; rows: string[][]; letters: string }[],
  complete: boolean,
): Promise<string | undefined> {
  const out = await execute(client, r.sql);
  switch (r.kind) {
    case "statement-ok":
      return out.ok ? undefined : `expected success, got error ${out.error!.code}: ${out.error!.message}`;
    case "statement-count":
      if (!out.ok) return `expected success, got error ${out.error!.code}: ${out.error!.message}`;
      return out.rowCount === r.count ? undefined : `expected row count ${r.count}, got ${out.rowCount}`;
    case "statement-error": {
      if (out.ok) return `expected error ${r.sqlstate ?? ""}${r.message ? ` "${r.message}"` : ""}, statement succeeded`;
      const e = out.error!;
      if (r.sqlstate && e.code !== r.sqlstate) return `expected SQLSTATE ${r.sqlstate}, got ${e.code}: ${e.message}`;
      if (r.message && !e.message.toLowerCase().includes(r.message.toLowerCase())) {
        return `expected message containing "${r.message}", got ${e.code}: ${e.message}`;
      }
      return undefined;
    }
    case "query": {
      const res = checkQuery(r, out);
      if (complete && res.actual && res.message) {
        rewrites.push({ q: r, rows: res.actual, letters: res.letters! });
        return undefined;
      }
      return res.message;
    }
  }
}

/** Replaces the header letters and the result block of each rewritten query, bottom-up. */
export function rewrite(text: string, rewrites: readonly { q: Query; rows: string[][]; letters: string }[]): string {
  const lines = text.split("\n");
  const sorted = [...rewrites].sort((a, b) => b.q.headerIndex - a.q.headerIndex);
  for (const { q, rows, letters } of sorted) {
    const header = lines[q.headerIndex]!.replace(/^(\s*query\s+)\S+/, `$1${letters}`);
    lines[q.headerIndex] = header;
    const body = sortRows(rows, q.sort).map((r) => r.join("\t"));
    if (q.separatorIndex >= 0) {
      lines.splice(q.separatorIndex + 1, q.endIndex - q.separatorIndex - 1, ...body);
    } else {
      lines.splice(q.endIndex, 0, "----", ...body);
    }
  }
  return lines.join("\n");
}

/** Formats failures for a test assertion message: file:line, the SQL, and what differed. */
export function describeFailures(path: string, failures: readonly SltFailure[]): string {
  return failures
    .map((f) => `${path}:${f.line}\n  SQL: ${f.sql.split("\n").join("\n       ")}\n  ${f.message}`)
    .join("\n\n");
}
