// src/lake/copy/avro-types.ts
//! How an Avro value is staged for COPY: the DuckDB type of its staging column and its JSON form
//! in the staged NDJSON, from the writer's schema. Primitives keep their types (int INTEGER, long
//! BIGINT, float/double DOUBLE, boolean BOOLEAN, string/enum VARCHAR); logical types become what
//! they mean (decimal DECIMAL(p,s), date DATE, time-* TIME, timestamp-* TIMESTAMP); bytes and
//! fixed become VARBYTE-ready bytes; records, arrays and maps become JSON (SUPER-ready); a union
//! of null and one type is that type, a wider union its value as JSON text. The conversion to the
//! target columns then runs as for Parquet (typed values cast to the column types).
//! https://avro.apache.org/docs/1.11.1/specification/

import { DATETIME_RANGE } from "../../sql/types.js";

/** An Avro schema as JSON (a name, a list for unions, or an object). */
export type AvroSchema = string | AvroSchema[] | { readonly type: AvroSchema; readonly [k: string]: unknown };

export interface Stager {
  /** DuckDB type of the staging column read from the NDJSON. */
  readonly duck: string;
  /** SQL applied to the read column (`c`) to give the staged value. */
  readonly post?: (c: string) => string;
  /** The value's JSON text in the NDJSON line (null: "null"). */
  json(v: unknown): string;
  /**
   * The raw text of a value that is no Redshift value of its type (a date or timestamp out of
   * range), for stl_load_errors; undefined for a value that is. Absent: every value is.
   */
  readonly unfit?: (v: unknown) => string | undefined;
  /** The load error of an unfit value (1205 date, 1206 timestamp), whatever the target column. */
  readonly unfitCode?: number;
}

/** Named types of a schema by full and short name, to resolve references. */
export type Named = Map<string, AvroSchema>;

export function collectNamed(s: AvroSchema, named: Named, ns = ""): Named {
  if (Array.isArray(s)) {
    for (const b of s) collectNamed(b, named, ns);
  } else if (typeof s === "object" && s !== null) {
    const o = s as Record<string, unknown>;
    if (typeof o.name === "string" && ["record", "enum", "fixed", "error"].includes(String(o.type))) {
      const space = typeof o.namespace === "string" ? o.namespace : ns;
      const full = o.name.includes(".") || !space ? o.name : `${space}.${o.name}`;
      named.set(full, s);
      named.set(o.name.split(".").pop() as string, s);
      for (const f of (o.fields as { type: AvroSchema }[] | undefined) ?? []) collectNamed(f.type, named, space);
    } else {
      collectNamed(o.type as AvroSchema, named, ns);
      if (o.items !== undefined) collectNamed(o.items as AvroSchema, named, ns);
      if (o.values !== undefined) collectNamed(o.values as AvroSchema, named, ns);
    }
  }
  return named;
}

/** A schema with references and `{"type": <name>}` wrappers resolved one level. */
export function resolve(s: AvroSchema, named: Named): AvroSchema {
  let cur = s;
  for (let i = 0; i < 64; i++) {
    if (typeof cur === "string") {
      const n = named.get(cur);
      if (!n) return cur;
      cur = n;
    } else if (!Array.isArray(cur) && typeof cur.type !== "string" && cur.logicalType === undefined) {
      cur = cur.type;
    } else if (!Array.isArray(cur) && typeof cur.type === "string" && named.has(cur.type) && !cur.name) {
      cur = cur.type;
    } else return cur;
  }
  return cur;
}

export function kindOf(s: AvroSchema): string {
  if (Array.isArray(s)) return "union";
  return typeof s === "string" ? s : String(s.type);
}

/** The name avsc gives a union branch holding `s` (the key of a wrapped union value). */
export function branchName(s: AvroSchema): string {
  if (typeof s === "string") return s;
  if (Array.isArray(s)) return "union";
  const o = s as Record<string, unknown>;
  if (typeof o.name === "string") {
    return o.name.includes(".") || typeof o.namespace !== "string" || !o.namespace
      ? o.name
      : `${o.namespace}.${o.name}`;
  }
  return String(o.type);
}

/** A wrapped union value → [branch schema, inner value]; null → [null schema, null]. */
export function unwrap(branches: readonly AvroSchema[], v: unknown, named: Named): [AvroSchema, unknown] {
  if (v === null || v === undefined) return ["null", null];
  const [key, inner] = Object.entries(v as Record<string, unknown>)[0] ?? ["null", null];
  const branch = branches.find((b) => {
    const r = resolve(b, named);
    return (
      branchName(r) === key || branchName(b) === key || (typeof r === "object" && !Array.isArray(r) && r.name === key)
    );
  });
  return [branch ?? "null", inner];
}

const pad = (n: number | bigint, w: number) => String(n).padStart(w, "0");
const q = (s: string) => JSON.stringify(s);

/** 'YYYY-MM-DD' of a day count since 1970-01-01 (proleptic Gregorian, civil-from-days arithmetic). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 0 ? "-" : ""}${pad(Math.abs(y), 4)}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/**
 * Redshift's DATE and TIMESTAMP range (DATETIME_RANGE): an Avro value outside it is a load error,
 * as a text field would be, never DuckDB's infinity (an Avro date of 2^31-1 days is DuckDB's
 * 'infinity').
 */
const { minDay: MIN_DAY, maxDay: MAX_DAY, minMicros: MIN_US, maxMicros: MAX_US } = DATETIME_RANGE;
const DAY_US = 86_400_000_000n;

/** Load error codes of unfit values (src/translate/duckdb/copy.ts: LoadErrorCode). */
const INVALID_DATE = 1205;
const INVALID_TIMESTAMP = 1206;

/** A timestamp stager; `scale` turns the Avro long into microseconds. The raw value of one out of range is the long. */
function timestampStager(scale: bigint): Stager {
  const us = (v: unknown) => big(v) * scale;
  return {
    duck: "TIMESTAMP",
    json: (v) => (v === null || v === undefined ? "null" : timestampText(us(v))),
    unfit: (v) => {
      if (v === null || v === undefined) return undefined;
      const x = us(v);
      return x < MIN_US || x > MAX_US ? String(v) : undefined;
    },
    unfitCode: INVALID_TIMESTAMP,
  };
}

/** The date stager: an Avro int of days since 1970-01-01. The raw value of one out of range is the int. */
const DATE_STAGER: Stager = {
  duck: "DATE",
  json: (v) => (v === null || v === undefined ? "null" : `"${dayText(v as number)}"`),
  unfit: (v) => {
    if (v === null || v === undefined) return undefined;
    return (v as number) < MIN_DAY || (v as number) > MAX_DAY ? String(v) : undefined;
  },
  unfitCode: INVALID_DATE,
};

function timestampText(micros: bigint): string {
  let days = micros / DAY_US;
  let rest = micros % DAY_US;
  if (rest < 0n) {
    rest += DAY_US;
    days -= 1n;
  }
  return `"${dayText(Number(days))} ${clock(Number(rest))}"`;
}

/** 'HH:MM:SS.ffffff' of microseconds into a day. */
function clock(us: number): string {
  const s = Math.floor(us / 1_000_000);
  const h = Math.floor(s / 3600);
  const mi = Math.floor(s / 60) % 60;
  const se = s % 60;
  return `${h < 10 ? "0" : ""}${h}:${mi < 10 ? "0" : ""}${mi}:${se < 10 ? "0" : ""}${se}.${pad(us % 1_000_000, 6)}`;
}

function timeText(micros: bigint): string {
  return `"${clock(Number(((micros % DAY_US) + DAY_US) % DAY_US))}"`;
}

/** Two's-complement big-endian bytes → a decimal string with `scale` digits after the point. */
function decimalText(b: Uint8Array, scale: number): string {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  if (b.length > 0 && ((b[0] as number) & 0x80) !== 0) n -= 1n << BigInt(8 * b.length);
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return q(neg ? `-${text}` : text);
}

const big = (v: unknown) => (typeof v === "bigint" ? v : BigInt(v as number));

/** Any decoded value (unions still wrapped) as JSON text. */
export function jsonText(s: AvroSchema, v: unknown, named: Named): string {
  const r = resolve(s, named);
  if (v === null || v === undefined) return "null";
  switch (kindOf(r)) {
    case "union": {
      const [b, inner] = unwrap(r as AvroSchema[], v, named);
      return jsonText(b, inner, named);
    }
    case "record":
    case "error": {
      const fields = ((r as { fields?: { name: string; type: AvroSchema }[] }).fields ?? []).map(
        (f) => `${q(f.name)}:${jsonText(f.type, (v as Record<string, unknown>)[f.name], named)}`,
      );
      return `{${fields.join(",")}}`;
    }
    case "array":
      return `[${(v as unknown[]).map((x) => jsonText((r as unknown as { items: AvroSchema }).items, x, named)).join(",")}]`;
    case "map":
      return `{${Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${q(k)}:${jsonText((r as unknown as { values: AvroSchema }).values, x, named)}`)
        .join(",")}}`;
    default:
      return stagerFor(r, named).json(v);
  }
}

/** The stager of a value of schema `s`. */
export function stagerFor(s: AvroSchema, named: Named): Stager {
  const r = resolve(s, named);
  const o = (typeof r === "object" && !Array.isArray(r) ? r : {}) as Record<string, unknown>;
  const logical = typeof o.logicalType === "string" ? o.logicalType : undefined;
  const kind = kindOf(r);
  const num = (v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? q(Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf") : String(v);
  const nul = (f: (v: unknown) => string) => (v: unknown) => (v === null || v === undefined ? "null" : f(v));
  if (kind === "union") {
    const branches = r as AvroSchema[];
    const others = branches.filter((b) => kindOf(resolve(b, named)) !== "null");
    if (others.length === 1) {
      const inner = stagerFor(others[0] as AvroSchema, named);
      const value = (v: unknown) => unwrap(branches, v, named)[1];
      const unfit = inner.unfit;
      return {
        ...inner,
        json: (v) => (v === null || v === undefined ? "null" : inner.json(value(v))),
        ...(unfit ? { unfit: (v: unknown) => (v === null || v === undefined ? undefined : unfit(value(v))) } : {}),
      };
    }
    return { duck: "VARCHAR", json: nul((v) => q(textOf(branches, v, named))) };
  }
  if ((kind === "bytes" || kind === "fixed") && logical === "decimal") {
    const precision = Number(o.precision ?? 38);
    const scale = Number(o.scale ?? 0);
    return {
      duck: precision <= 38 ? `DECIMAL(${precision},${scale})` : "VARCHAR",
      json: nul((v) => decimalText(v as Uint8Array, scale)),
    };
  }
  switch (kind) {
    case "null":
      return { duck: "VARCHAR", json: () => "null" };
    case "boolean":
      return { duck: "BOOLEAN", json: nul((v) => (v ? "true" : "false")) };
    case "int":
      if (logical === "date") return DATE_STAGER;
      if (logical === "time-millis") return { duck: "TIME", json: nul((v) => timeText(BigInt(v as number) * 1000n)) };
      return { duck: "INTEGER", json: nul(String) };
    case "long":
      if (logical === "timestamp-millis" || logical === "local-timestamp-millis") return timestampStager(1000n);
      if (logical === "timestamp-micros" || logical === "local-timestamp-micros") return timestampStager(1n);
      if (logical === "time-micros") return { duck: "TIME", json: nul((v) => timeText(big(v))) };
      return { duck: "BIGINT", json: nul(String) };
    case "float":
    case "double":
      return { duck: "DOUBLE", json: nul(num) };
    case "string":
    case "enum":
      return { duck: "VARCHAR", json: nul((v) => q(String(v))) };
    case "bytes":
    case "fixed":
      return {
        duck: "VARCHAR",
        post: (c) => `unhex(${c})`,
        json: nul((v) => q(Buffer.from(v as Uint8Array).toString("hex"))),
      };
    case "record":
    case "error":
    case "array":
    case "map":
      return { duck: "JSON", json: (v) => jsonText(r, v, named) };
    default:
      throw new Error(`unsupported Avro type ${JSON.stringify(kind)}`);
  }
}

/** A wide union's value as text: strings as they are, other values as JSON. */
function textOf(branches: readonly AvroSchema[], v: unknown, named: Named): string {
  const [b, inner] = unwrap(branches, v, named);
  if (typeof inner === "string") return inner;
  const t = jsonText(b, inner, named);
  return t.startsWith('"') ? (JSON.parse(t) as string) : t;
}
