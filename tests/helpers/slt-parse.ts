// tests/helpers/slt-parse.ts
//! Parser for SQL logic test files (DuckDB / DataFusion style; see tests/slt/README.md).
//! Pure: text in, records out, plus the formatting rules for result values.

export type SortMode = "nosort" | "rowsort" | "valuesort";

interface RecordBase {
  /** 1-based line of the record header. */
  readonly line: number;
  /** Named connection (`connection <name>` line before the record); "default" otherwise. */
  readonly connection: string;
  readonly sql: string;
}

export interface StatementOk extends RecordBase {
  readonly kind: "statement-ok";
}

export interface StatementCount extends RecordBase {
  readonly kind: "statement-count";
  readonly count: number;
}

export interface StatementError extends RecordBase {
  readonly kind: "statement-error";
  /** Expected SQLSTATE (5 characters) or undefined for "any error". */
  readonly sqlstate?: string;
  /** Case-insensitive substring the error message must contain. */
  readonly message?: string;
}

export interface Query extends RecordBase {
  readonly kind: "query";
  /** One letter per column: I T R B D P Z or ? (see README). */
  readonly types: string;
  readonly sort: SortMode;
  /** Expected rows, values already split; empty for a query expecting no rows. */
  readonly expected: readonly (readonly string[])[];
  /** 0-based index of the header line, the `----` line (or -1), and one past the last result line. */
  readonly headerIndex: number;
  readonly separatorIndex: number;
  readonly endIndex: number;
}

export interface Halt {
  readonly kind: "halt";
  readonly line: number;
}

export type SltRecord = StatementOk | StatementCount | StatementError | Query | Halt;

export class SltParseError extends Error {}

const TYPE_LETTERS = /^[ITRBDPZ?]+$/;

/** Splits an expected result line into values (tab separated). */
export function splitRow(line: string): string[] {
  return line.split("\t");
}

/** How a value from the server is written in a result block. */
export function formatValue(v: string | null): string {
  if (v === null) return "NULL";
  if (v === "") return "(empty)";
  return v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

export function parseSlt(text: string, path = "<input>"): SltRecord[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const records: SltRecord[] = [];
  let connection = "default";
  let i = 0;
  const fail = (msg: string, at = i): never => {
    throw new SltParseError(`${path}:${at + 1}: ${msg}`);
  };
  while (i < lines.length) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) {
      i++;
      continue;
    }
    const words = line.split(/\s+/);
    const head = words[0]!;
    if (head === "halt") {
      records.push({ kind: "halt", line: i + 1 });
      i++;
      continue;
    }
    if (head === "hash-threshold") {
      i++;
      continue;
    }
    if (head === "connection") {
      if (words.length !== 2) fail("connection takes one name");
      connection = words[1]!;
      i++;
      continue;
    }
    const headerIndex = i;
    const headerLine = i + 1;
    i++;
    const sqlLines: string[] = [];
    if (head === "statement") {
      while (i < lines.length && lines[i]!.trim() !== "") sqlLines.push(lines[i++]!);
      if (sqlLines.length === 0) fail("statement without SQL", headerIndex);
      const sql = sqlLines.join("\n");
      const mode = words[1];
      if (mode === "ok") {
        records.push({ kind: "statement-ok", line: headerLine, connection, sql });
      } else if (mode === "count") {
        const n = Number(words[2]);
        if (!Number.isInteger(n)) fail("statement count needs an integer", headerIndex);
        records.push({ kind: "statement-count", line: headerLine, connection, sql, count: n });
      } else if (mode === "error") {
        const rest = line.replace(/^statement\s+error\s*/, "");
        const m = /^([0-9A-Z]{5})(?:\s+(.*))?$/.exec(rest);
        if (rest !== "" && !m) fail(`statement error expects a SQLSTATE first, got "${rest}"`, headerIndex);
        records.push({
          kind: "statement-error",
          line: headerLine,
          connection,
          sql,
          sqlstate: m?.[1],
          message: m?.[2]?.trim() || undefined,
        });
      } else {
        fail(`unknown statement mode "${mode}"`, headerIndex);
      }
    } else if (head === "query") {
      const types = words[1] ?? "";
      if (!TYPE_LETTERS.test(types)) fail(`query type letters must be of ITRBDPZ?, got "${types}"`, headerIndex);
      const sort = (words[2] ?? "nosort") as SortMode;
      if (sort !== "nosort" && sort !== "rowsort" && sort !== "valuesort")
        fail(`unknown sort mode "${sort}"`, headerIndex);
      while (i < lines.length && lines[i]!.trim() !== "----" && lines[i]!.trim() !== "") sqlLines.push(lines[i++]!);
      if (sqlLines.length === 0) fail("query without SQL", headerIndex);
      let separatorIndex = -1;
      const expected: string[][] = [];
      if (i < lines.length && lines[i]!.trim() === "----") {
        separatorIndex = i;
        i++;
        while (i < lines.length && lines[i]! !== "") expected.push(splitRow(lines[i++]!));
      }
      records.push({
        kind: "query",
        line: headerLine,
        connection,
        sql: sqlLines.join("\n"),
        types,
        sort,
        expected,
        headerIndex,
        separatorIndex,
        endIndex: i,
      });
    } else {
      fail(`unknown record "${head}"`, headerIndex);
    }
    connection = "default";
  }
  return records;
}

/** Counts the records that run SQL (the "cases" of a file). */
export function countCases(records: readonly SltRecord[]): number {
  return records.filter((r) => r.kind !== "halt").length;
}
