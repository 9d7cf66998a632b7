// src/sql/parser/create-table.ts
//! CREATE [TEMP] TABLE: column definitions, constraints, LIKE, table attributes in any order,
//! and CREATE TABLE ... AS (CTAS).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html

import type {
  ColumnDef,
  CreateTable,
  Identity,
  References,
  SortKeySpec,
  TableAttributes,
  TableConstraint,
  TableLike,
} from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseBinary } from "./expr.js";
import { parseObjectName } from "./names.js";
import { Prec } from "./precedence.js";
import { parseQuery } from "./query.js";
import { parseTypeName } from "./type-name.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function signedInt(p: Cursor): number {
  const neg = p.acceptOp("-");
  const t = p.tok;
  if (t.kind !== "number") throw p.error();
  p.next();
  return neg ? -Number(t.value) : Number(t.value);
}

function parseIdentityArgs(p: Cursor, pos: number, generatedByDefault: boolean): Identity {
  p.expectOp("(");
  const seed = signedInt(p);
  p.expectOp(",");
  const step = signedInt(p);
  p.expectOp(")");
  return { kind: "Identity", pos, seed, step, generatedByDefault };
}

function parseReferences(p: Cursor): References {
  const t = p.expectWord("references");
  const table = parseObjectName(p);
  if (p.isOp("(")) return { kind: "References", pos: t.start, table, columns: p.identList() };
  return { kind: "References", pos: t.start, table };
}

export function parseColumnDef(p: Cursor): ColumnDef {
  const t = p.tok;
  const name = p.ident();
  const type = parseTypeName(p);
  const c: Mutable<ColumnDef> = {
    kind: "ColumnDef",
    pos: t.start,
    name,
    type,
    distKey: false,
    sortKey: false,
    primaryKey: false,
    unique: false,
  };
  for (;;) {
    const o = p.tok;
    if (o.kind !== "word") return c;
    switch (o.value) {
      case "default":
        p.next();
        c.default = parseBinary(p, Prec.Is + 1);
        break;
      case "identity":
        p.next();
        c.identity = parseIdentityArgs(p, o.start, false);
        break;
      case "generated":
        p.next();
        if (p.acceptWord("always")) throw p.unsupported("GENERATED ALWAYS", o);
        p.expectWord("by");
        p.expectWord("default");
        p.expectWord("as");
        p.expectWord("identity");
        c.identity = parseIdentityArgs(p, o.start, true);
        break;
      case "encode":
        p.next();
        c.encode = p.label();
        break;
      case "distkey":
        p.next();
        c.distKey = true;
        break;
      case "sortkey":
        p.next();
        c.sortKey = true;
        break;
      case "not":
        p.next();
        p.expectWord("null");
        c.notNull = true;
        break;
      case "null":
        p.next();
        c.notNull = false;
        break;
      case "primary":
        p.next();
        p.expectWord("key");
        c.primaryKey = true;
        break;
      case "unique":
        p.next();
        c.unique = true;
        break;
      case "references":
        c.references = parseReferences(p);
        break;
      case "collate":
        p.next();
        c.collate = p.label().toLowerCase();
        break;
      case "check":
        throw p.unsupported("CHECK constraint");
      case "constraint":
        p.next();
        p.ident();
        break;
      default:
        return c;
    }
  }
}

export function parseTableConstraint(p: Cursor): TableConstraint {
  const t = p.tok;
  let name: string | undefined;
  if (p.acceptWord("constraint")) name = p.ident();
  const base =
    name !== undefined
      ? { kind: "TableConstraint" as const, pos: t.start, name }
      : { kind: "TableConstraint" as const, pos: t.start };
  if (p.acceptWords("primary", "key")) return { ...base, type: "primary key", columns: p.identList() };
  if (p.acceptWord("unique")) return { ...base, type: "unique", columns: p.identList() };
  if (p.acceptWords("foreign", "key")) {
    const columns = p.identList();
    return { ...base, type: "foreign key", columns, references: parseReferences(p) };
  }
  if (p.isWord("check")) throw p.unsupported("CHECK constraint");
  throw p.error();
}

function parseLike(p: Cursor): TableLike {
  const t = p.expectWord("like");
  const table = parseObjectName(p);
  if (p.acceptWord("including")) {
    p.expectWord("defaults");
    return { kind: "TableLike", pos: t.start, table, includingDefaults: true };
  }
  if (p.acceptWord("excluding")) {
    p.expectWord("defaults");
    return { kind: "TableLike", pos: t.start, table, includingDefaults: false };
  }
  return { kind: "TableLike", pos: t.start, table };
}

function parseSortKey(p: Cursor, pos: number, style: "compound" | "interleaved" | undefined): SortKeySpec {
  p.expectWord("sortkey");
  if (style === undefined && p.acceptWord("auto")) {
    return { kind: "SortKeySpec", pos, style: "auto", explicitCompound: false, columns: [] };
  }
  const columns = p.identList();
  return { kind: "SortKeySpec", pos, style: style ?? "compound", explicitCompound: style === "compound", columns };
}

/** Table attributes in any order; each may appear once. */
function parseAttributes(p: Cursor): TableAttributes {
  const a: Mutable<TableAttributes> = {};
  for (;;) {
    const t = p.tok;
    if (t.kind !== "word") return a;
    const dup = () => p.error(t);
    switch (t.value) {
      case "backup": {
        if (a.backup !== undefined) throw dup();
        p.next();
        if (p.acceptWord("yes")) a.backup = true;
        else if (p.acceptWord("no")) a.backup = false;
        else throw p.error();
        break;
      }
      case "diststyle": {
        if (a.distStyle !== undefined) throw dup();
        p.next();
        const s = p.tok;
        if (
          s.kind !== "word" ||
          !(s.value === "auto" || s.value === "even" || s.value === "key" || s.value === "all")
        ) {
          throw p.error();
        }
        p.next();
        a.distStyle = s.value;
        break;
      }
      case "distkey":
        if (a.distKey !== undefined) throw dup();
        p.next();
        p.expectOp("(");
        a.distKey = p.ident();
        p.expectOp(")");
        break;
      case "compound":
      case "interleaved":
        if (a.sortKey !== undefined) throw dup();
        p.next();
        a.sortKey = parseSortKey(p, t.start, t.value);
        break;
      case "sortkey":
        if (a.sortKey !== undefined) throw dup();
        a.sortKey = parseSortKey(p, t.start, undefined);
        break;
      case "encode":
        if (a.encodeAuto !== undefined) throw dup();
        p.next();
        p.expectWord("auto");
        a.encodeAuto = true;
        break;
      default:
        return a;
    }
  }
}

/** After CREATE [LOCAL] [TEMP] (already consumed): TABLE ... */
export function parseCreateTable(p: Cursor, pos: number, temp: boolean): CreateTable {
  p.expectWord("table");
  const ifNotExists = p.acceptWords("if", "not", "exists");
  const name = parseObjectName(p);
  const ct: Mutable<CreateTable> = {
    kind: "CreateTable",
    pos,
    name,
    temp: temp || name.name.startsWith("#"),
    ifNotExists,
    columns: [],
    constraints: [],
    attributes: {},
  };
  if (p.isOp("(")) {
    // CTAS name list: ( a, b ) — a column definition always has a type after its name
    if (p.isIdent(1) && (p.isOp(",", 2) || p.isOp(")", 2)) && !p.isWord("like", 1)) {
      ct.asColumns = p.identList();
    } else {
      p.next();
      const columns: ColumnDef[] = [];
      const constraints: TableConstraint[] = [];
      do {
        const t = p.tok;
        if (t.kind === "word" && t.value === "like") {
          if (ct.like) throw p.error();
          ct.like = parseLike(p);
        } else if (
          t.kind === "word" &&
          (t.value === "constraint" ||
            t.value === "primary" ||
            t.value === "unique" ||
            t.value === "foreign" ||
            t.value === "check")
        ) {
          constraints.push(parseTableConstraint(p));
        } else columns.push(parseColumnDef(p));
      } while (p.acceptOp(","));
      p.expectOp(")");
      ct.columns = columns;
      ct.constraints = constraints;
    }
  }
  ct.attributes = parseAttributes(p);
  if (p.acceptWord("as")) {
    if (ct.columns.length || ct.like || ct.constraints.length) throw p.error(p.peek(-1));
    ct.as = parseQuery(p);
  } else if (ct.asColumns) throw p.error();
  else if (ct.columns.length === 0 && !ct.like) throw p.error();
  return ct;
}
