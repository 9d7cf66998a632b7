// src/sql/parser/type-name.ts
//! Type names: Redshift types with their synonyms folded, other catalog types kept as spelled.
//! https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html

import type { TypeName } from "../ast/index.js";
import type { SqlType, TypeId } from "../types.js";
import type { Cursor } from "./cursor.js";

/** Single-word spellings of Redshift types -> canonical name. */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["int", "integer"],
  ["int4", "integer"],
  ["integer", "integer"],
  ["int2", "smallint"],
  ["smallint", "smallint"],
  ["int8", "bigint"],
  ["bigint", "bigint"],
  ["numeric", "decimal"],
  ["decimal", "decimal"],
  ["real", "real"],
  ["float4", "real"],
  ["float", "double precision"],
  ["float8", "double precision"],
  ["double precision", "double precision"],
  ["bool", "boolean"],
  ["boolean", "boolean"],
  ["char", "char"],
  ["character", "char"],
  ["nchar", "char"],
  ["bpchar", "char"],
  ["varchar", "varchar"],
  ["nvarchar", "varchar"],
  ["text", "text"],
  ["date", "date"],
  ["time", "time"],
  ["timetz", "timetz"],
  ["timestamp", "timestamp"],
  ["timestamptz", "timestamptz"],
  ["interval", "interval"],
  ["super", "super"],
  ["varbyte", "varbyte"],
  ["varbinary", "varbyte"],
]);

/**
 * Type words that make `word 'string'` a typed literal (DATE '2020-01-01', INT '1', BOOL 't').
 * INTERVAL has its own syntax; DOUBLE PRECISION and other multi-word names are written with CAST.
 */
export const LITERAL_TYPES: ReadonlySet<string> = new Set(
  [...SYNONYMS.keys()].filter((k) => k !== "interval" && !k.includes(" ")),
);

function sqlTypeOf(name: string, mods: readonly (number | "max")[]): SqlType | undefined {
  const num = (k: number): number | undefined => {
    const m = mods[k];
    return m === "max" ? 65535 : m;
  };
  switch (name) {
    case "char":
      return { id: "char", length: num(0) ?? 1 };
    case "varchar":
      return mods.length ? { id: "varchar", length: num(0) } : { id: "varchar", length: 256 };
    case "text":
      return { id: "varchar", length: 256 };
    case "varbyte":
      return mods.length ? { id: "varbyte", length: num(0) } : { id: "varbyte" };
    case "decimal": {
      const precision = num(0);
      const scale = num(1);
      if (precision === undefined) return { id: "decimal", precision: 18, scale: 0 };
      return { id: "decimal", precision, scale: scale ?? 0 };
    }
    case "integer":
    case "smallint":
    case "bigint":
    case "real":
    case "double precision":
    case "boolean":
    case "date":
    case "time":
    case "timetz":
    case "timestamp":
    case "timestamptz":
    case "interval":
    case "super":
      return { id: name as TypeId };
    default:
      return undefined;
  }
}

/** Builds a TypeName from a canonical/spelled name (used by the parser and tests). */
export function makeTypeName(
  pos: number,
  spelled: string,
  modifiers: readonly (number | "max")[] = [],
  arrayDims = 0,
  schema?: string,
): TypeName {
  let name = SYNONYMS.get(spelled) ?? spelled;
  let mods = modifiers;
  // FLOAT(p): p <= 24 is REAL.
  if (spelled === "float" && mods.length === 1) {
    name = typeof mods[0] === "number" && mods[0] <= 24 ? "real" : "double precision";
    mods = [];
  }
  const sql = arrayDims === 0 && SYNONYMS.has(spelled) ? sqlTypeOf(name, mods) : undefined;
  const t: { -readonly [K in keyof TypeName]: TypeName[K] } = {
    kind: "TypeName",
    pos,
    name,
    modifiers: mods,
    arrayDims,
  };
  if (sql) t.sql = sql;
  else if (schema !== undefined) t.schema = schema;
  return t;
}

function modifierList(p: Cursor): (number | "max")[] {
  const mods: (number | "max")[] = [];
  if (!p.acceptOp("(")) return mods;
  do {
    const t = p.tok;
    if (t.kind === "number") {
      mods.push(Number(t.value));
      p.next();
    } else if (t.kind === "word" && t.value === "max") {
      mods.push("max");
      p.next();
    } else throw p.error();
  } while (p.acceptOp(","));
  p.expectOp(")");
  return mods;
}

/** with|without time zone after time/timestamp. */
function zoneSuffix(p: Cursor): "with" | "without" | undefined {
  if (p.isWord("with") && p.isWord("time", 1) && p.isWord("zone", 2)) {
    p.i += 3;
    return "with";
  }
  if (p.isWord("without") && p.isWord("time", 1) && p.isWord("zone", 2)) {
    p.i += 3;
    return "without";
  }
  return undefined;
}

export function parseTypeName(p: Cursor): TypeName {
  const start = p.tok;
  let schema: string | undefined;
  let spelled: string;
  if (start.kind === "qident") {
    p.next();
    spelled = start.value === "char" ? '"char"' : start.value;
  } else if (start.kind === "word") {
    p.next();
    spelled = start.value;
  } else throw p.error();
  if (p.isOp(".") && p.isLabel(1)) {
    p.next();
    schema = spelled;
    const t = p.next();
    spelled = t.kind === "qident" && t.value === "char" ? '"char"' : t.value;
  }
  let mods: (number | "max")[] = [];
  switch (spelled) {
    case "double":
      p.expectWord("precision");
      spelled = "double precision";
      break;
    case "character":
    case "char":
    case "nchar":
      if (p.acceptWord("varying")) spelled = "varchar";
      mods = modifierList(p);
      break;
    case "binary":
      if (!p.acceptWord("varying")) throw p.error();
      spelled = "varbyte";
      mods = modifierList(p);
      break;
    case "time":
    case "timestamp": {
      mods = modifierList(p);
      if (zoneSuffix(p) === "with") spelled = spelled === "time" ? "timetz" : "timestamptz";
      break;
    }
    case "interval":
      break;
    default:
      mods = modifierList(p);
  }
  let dims = 0;
  while (p.isOp("[")) {
    p.next();
    if (p.tok.kind === "number") p.next();
    p.expectOp("]");
    dims++;
  }
  // Redshift types drop a pg_catalog qualifier (meaning, not spelling).
  if (schema !== undefined && SYNONYMS.has(spelled) && dims === 0) schema = undefined;
  return makeTypeName(start.start, spelled, mods, dims, schema);
}
