// tests/helpers/wire-memory-sql.ts
//! The statements the in-memory cluster understands: a tiny key-value table `kv(k int4, v text)`
//! and a few fixed statements, enough to drive every path of the wire protocol. Each statement
//! compiles to a Plan that runs against the shared store with bound parameters.

import type { CellVector, EngineChunk } from "../../src/engine/types.js";
import { LakeshiftError, SqlState } from "../../src/common/errors.js";
import type { RowSlice } from "../../src/session/api.js";
import type { ResultColumn } from "../../src/session/result.js";

export const KV_TABLE_OID = 16384;
export const INT4 = 23;
export const TEXT = 25;
export const OID = 26;

export function column(name: string, typeOid: number, tableOid = 0, columnNumber = 0): ResultColumn {
  return {
    name,
    typeOid,
    typeSize: typeOid === TEXT ? -1 : 4,
    typeMod: -1,
    tableOid,
    columnNumber,
    binarySupported: true,
  };
}

type Cell = string | null;

/** A chunk of text cells; int4/oid columns also have a binary (big-endian) form. */
export class MemoryChunk implements EngineChunk {
  constructor(
    private readonly types: readonly number[],
    private readonly rows: readonly (readonly Cell[])[],
  ) {}
  get rowCount(): number {
    return this.rows.length;
  }
  get columnCount(): number {
    return this.types.length;
  }
  cells(c: number, form: "text" | "binary-be" = "text"): CellVector {
    const parts: Buffer[] = [];
    const offsets = new Int32Array(this.rows.length + 1);
    const nulls = new Uint8Array(this.rows.length);
    let at = 0;
    this.rows.forEach((row, r) => {
      const v = row[c] ?? null;
      offsets[r] = at;
      if (v === null) nulls[r] = 1;
      else {
        let b: Buffer;
        if (form === "binary-be" && this.types[c] !== TEXT) {
          b = Buffer.alloc(4);
          b.writeInt32BE(Number(v));
        } else b = Buffer.from(v, "utf8");
        parts.push(b);
        at += b.byteLength;
      }
    });
    offsets[this.rows.length] = at;
    return { bytes: Buffer.concat(parts), offsets, nulls };
  }
  values(c: number): readonly unknown[] {
    return this.rows.map((r) => r[c] ?? null);
  }
}

export interface Store {
  readonly kv: Map<number, string | null>;
  /** Chunks produced by series(): lets tests see that streaming respects backpressure. */
  chunksProduced: number;
}

export interface RunContext {
  readonly params: readonly Cell[];
  /** Throws 57014 when the session was cancelled. */
  checkCancel(): void;
  sleep(seconds: number): Promise<void>;
}

export type PlanResult =
  | { readonly kind: "rows"; readonly chunks: AsyncIterable<EngineChunk> | Iterable<EngineChunk> }
  | { readonly kind: "command"; readonly tag: string };

export interface Plan {
  readonly paramTypes: readonly number[];
  readonly columns: readonly ResultColumn[] | null;
  /** Transaction-control statements are run by the session itself. */
  readonly control?: "begin" | "commit" | "rollback" | { readonly set: string; readonly value: string };
  run(ctx: RunContext): Promise<PlanResult>;
}

export const SERIES_CHUNK_ROWS = 1000;

const KV_COLUMNS = [column("k", INT4, KV_TABLE_OID, 1), column("v", TEXT, KV_TABLE_OID, 2)];

function rows(types: readonly number[], data: readonly (readonly Cell[])[]): PlanResult {
  return { kind: "rows", chunks: [new MemoryChunk(types, data)] };
}

/** A literal or $n reference: its value at run time, and its parameter index if any. */
function operand(text: string): { param: number | null; value: (p: readonly Cell[]) => Cell } {
  const m = /^\$(\d+)$/.exec(text);
  if (m) {
    const i = Number(m[1]) - 1;
    return { param: i, value: (p) => p[i] ?? null };
  }
  if (/^null$/i.test(text)) return { param: null, value: () => null };
  const s = /^'(.*)'$/s.exec(text);
  return { param: null, value: () => (s ? s[1]!.replace(/''/g, "'") : text) };
}

function paramTypesOf(sql: string, known: Record<number, number>): number[] {
  let max = 0;
  for (const m of sql.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return Array.from({ length: max }, (_, i) => known[i] ?? TEXT);
}

function syntaxError(sql: string): LakeshiftError {
  const trimmed = sql.trimStart();
  const token = /^[^\s(),;]+/.exec(trimmed)?.[0] ?? trimmed.slice(0, 1);
  return new LakeshiftError(SqlState.SyntaxError, `syntax error at or near "${token}"`, {
    position: sql.length - trimmed.length + 1,
  });
}

function toInt(v: Cell): number {
  if (v === null || !/^\s*-?\d+\s*$/.test(v)) {
    throw new LakeshiftError(SqlState.InvalidTextRepresentation, `invalid input syntax for type integer: "${v}"`);
  }
  return Number(v);
}

/** Compiles one statement (no trailing ';'). Throws the error Postgres would give at Parse. */
export function compile(sql: string, store: Store): Plan {
  const s = sql.trim().replace(/\s+/g, " ");
  const lower = s.toLowerCase();
  const noParams = { paramTypes: [] as number[] };
  let m: RegExpExecArray | null;
  if (lower === "begin" || lower === "start transaction" || lower === "begin transaction")
    return { ...noParams, columns: null, control: "begin", run: async () => ({ kind: "command", tag: "BEGIN" }) };
  if (lower === "commit" || lower === "end")
    return { ...noParams, columns: null, control: "commit", run: async () => ({ kind: "command", tag: "COMMIT" }) };
  if (lower === "rollback" || lower === "abort")
    return { ...noParams, columns: null, control: "rollback", run: async () => ({ kind: "command", tag: "ROLLBACK" }) };
  if ((m = /^set (?:session )?(\w+) ?(?:=| to ) ?'?([^']*)'?$/i.exec(s))) {
    const set = { set: m[1]!.toLowerCase(), value: m[2]! };
    return { ...noParams, columns: null, control: set, run: async () => ({ kind: "command", tag: "SET" }) };
  }
  if ((m = /^select (?:\*|k, ?v) from kv(?: where k ?= ?(\$1|-?\d+))?(?: order by k)?$/i.exec(s))) {
    const key = m[1] ? operand(m[1]) : null;
    return {
      paramTypes: paramTypesOf(s, { 0: INT4 }),
      columns: KV_COLUMNS,
      run: async ({ params }) => {
        const want = key ? toInt(key.value(params)) : null;
        const data = [...store.kv.entries()]
          .filter(([k]) => want === null || k === want)
          .sort((a, b) => a[0] - b[0])
          .map(([k, v]) => [String(k), v]);
        return rows([INT4, TEXT], data);
      },
    };
  }
  if (
    (m = /^insert into kv(?: ?\(k, ?v\))? values ?\((\$\d+|-?\d+|null) ?, ?(\$\d+|'(?:[^']|'')*'|null)\)$/i.exec(s))
  ) {
    const k = operand(m[1]!);
    const v = operand(m[2]!);
    return {
      paramTypes: paramTypesOf(s, { 0: INT4 }),
      columns: null,
      run: async ({ params }) => {
        const key = toInt(k.value(params));
        if (store.kv.has(key)) {
          throw new LakeshiftError(
            SqlState.UniqueViolation,
            'duplicate key value violates unique constraint "kv_pkey"',
            {
              detail: `Key (k)=(${key}) already exists.`,
            },
          );
        }
        store.kv.set(key, v.value(params));
        return { kind: "command", tag: "INSERT 0 1" };
      },
    };
  }
  if (lower === "delete from kv") {
    return {
      ...noParams,
      columns: null,
      run: async () => {
        const n = store.kv.size;
        store.kv.clear();
        return { kind: "command", tag: `DELETE ${n}` };
      },
    };
  }
  if ((m = /^select n from series\((\$1|\d+)\)$/i.exec(s))) {
    const count = operand(m[1]!);
    return {
      paramTypes: paramTypesOf(s, { 0: INT4 }),
      columns: [column("n", INT4)],
      run: async (ctx) => {
        const total = toInt(count.value(ctx.params));
        async function* gen(): AsyncGenerator<EngineChunk> {
          for (let start = 1; start <= total; start += SERIES_CHUNK_ROWS) {
            ctx.checkCancel();
            const end = Math.min(total, start + SERIES_CHUNK_ROWS - 1);
            const data: Cell[][] = [];
            for (let i = start; i <= end; i++) data.push([String(i)]);
            store.chunksProduced++;
            yield new MemoryChunk([INT4], data);
          }
        }
        return { kind: "rows", chunks: gen() };
      },
    };
  }
  if ((m = /^select pg_sleep\((\d+(?:\.\d+)?)\)$/i.exec(s))) {
    const seconds = Number(m[1]);
    return {
      ...noParams,
      columns: [column("pg_sleep", TEXT)],
      run: async (ctx) => {
        await ctx.sleep(seconds);
        return rows([TEXT], [[""]]);
      },
    };
  }
  if ((m = /^select ((?:\$\d+(?:::\w+)?(?: as \w+)?)(?:, ?\$\d+(?:::\w+)?(?: as \w+)?)*)$/i.exec(s))) {
    const items = m[1]!.split(/, ?/).map((item) => {
      const im = /^\$(\d+)(?:::\w+)?(?: as (\w+))?$/i.exec(item)!;
      return { index: Number(im[1]) - 1, name: im[2]?.toLowerCase() ?? "?column?" };
    });
    return {
      paramTypes: paramTypesOf(s, {}),
      columns: items.map((it) => column(it.name, TEXT)),
      run: async ({ params }) =>
        rows(
          items.map(() => TEXT),
          [items.map((it) => params[it.index] ?? null)],
        ),
    };
  }
  if ((m = /^select (-?\d+)(?: as (\w+))?$/i.exec(s))) {
    const value = m[1]!;
    return {
      ...noParams,
      columns: [column(m[2]?.toLowerCase() ?? "?column?", INT4)],
      run: async () => rows([INT4], [[value]]),
    };
  }
  if (lower === "select 1/0") {
    return {
      ...noParams,
      columns: [column("?column?", INT4)],
      run: async () => {
        throw new LakeshiftError(SqlState.DivisionByZero, "division by zero");
      },
    };
  }
  if (lower === "select crash()") {
    // A bug in the pipeline: a plain Error, not a LakeshiftError.
    return {
      ...noParams,
      columns: null,
      run: async () => {
        throw new TypeError("cannot read properties of undefined");
      },
    };
  }
  if (lower === "select fail_fatal()") {
    return {
      ...noParams,
      columns: null,
      run: async () => {
        throw new LakeshiftError(SqlState.AdminShutdown, "terminating connection due to administrator command", {
          severity: "FATAL",
        });
      },
    };
  }
  if (/from pg_catalog\.pg_type/i.test(s) && /typarray/i.test(s)) {
    // postgres.js's array-type probe: no array types here.
    return {
      ...noParams,
      columns: [column("oid", OID), column("typarray", OID)],
      run: async () => rows([OID, OID], []),
    };
  }
  if ((m = /^(select \* from )(\w+)$/i.exec(sql.trim()))) {
    const name = m[2]!;
    const position = sql.indexOf(name) + 1;
    throw new LakeshiftError(SqlState.UndefinedTable, `relation "${name.toLowerCase()}" does not exist`, { position });
  }
  throw syntaxError(sql);
}

/** Splits a query string into statements at ';' outside quotes; blank pieces are dropped. */
export function splitStatements(sql: string): string[] {
  return splitWithOffsets(sql).map((p) => p.text);
}

/** Statements with the character offset of each in the whole string (for error positions). */
export function splitWithOffsets(sql: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  let quote: string | null = null;
  const chars = [...sql];
  chars.forEach((ch, i) => {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ";") {
      out.push({ text: chars.slice(start, i).join(""), offset: start });
      start = i + 1;
    }
  });
  out.push({ text: chars.slice(start).join(""), offset: start });
  return out.filter((p) => p.text.trim() !== "");
}

/** Hands out rows [start, end) across chunks, remembering where the portal stopped. */
export class RowCursor {
  private current: EngineChunk | null = null;
  private pos = 0;
  private exhausted = false;
  private readonly it: AsyncIterator<EngineChunk> | Iterator<EngineChunk>;
  constructor(chunks: AsyncIterable<EngineChunk> | Iterable<EngineChunk>) {
    this.it = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
  }
  /** Loads the next non-empty chunk when the current one is used up; false at the end. */
  private async fill(): Promise<boolean> {
    while (!this.current || this.pos >= this.current.rowCount) {
      if (this.exhausted) return false;
      const n = await this.it.next();
      if (n.done) {
        this.exhausted = true;
        this.current = null;
        return false;
      }
      this.current = n.value;
      this.pos = 0;
    }
    return true;
  }
  async *take(max: number, counter: { n: number }): AsyncGenerator<RowSlice> {
    let left = max > 0 ? max : Number.POSITIVE_INFINITY;
    while (left > 0 && (await this.fill())) {
      const chunk = this.current!;
      const n = Math.min(left, chunk.rowCount - this.pos);
      const slice = { chunk, start: this.pos, end: this.pos + n };
      this.pos += n;
      left -= n;
      counter.n += n;
      yield slice;
    }
  }
  hasMore(): Promise<boolean> {
    return this.fill();
  }
}
