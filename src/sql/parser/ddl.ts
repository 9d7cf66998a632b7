// src/sql/parser/ddl.ts
//! CREATE (dispatch), CREATE VIEW, CREATE SCHEMA, DROP, TRUNCATE, COMMENT ON.

import type {
  CommentOn,
  CreateSchema,
  CreateView,
  Drop,
  DropFunction,
  ObjectName,
  Statement,
  Truncate,
} from "../ast/index.js";
import { parseCreateTable } from "./create-table.js";
import { parseCreateFunction, parseDropFunction } from "./function.js";
import type { Cursor } from "./cursor.js";
import { parseObjectName } from "./names.js";
import { parseQuery } from "./query.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Names CREATE kinds we recognise but do not support, for the error message. */
function unsupportedCreate(p: Cursor): never {
  const t = p.tok;
  const words: string[] = [];
  for (let k = 0; k < 3; k++) {
    const w = p.peek(k);
    if (w.kind !== "word") break;
    words.push(w.value.toUpperCase());
    if (!["materialized", "external", "or", "replace", "unique", "local", "global"].includes(w.value)) break;
  }
  if (words.length === 0) throw p.error();
  throw p.unsupported(`CREATE ${words.filter((w) => w !== "OR" && w !== "REPLACE").join(" ")}`, t);
}

export function parseCreate(p: Cursor): Statement {
  const start = p.expectWord("create");
  const save = p.i;
  const orReplace = p.acceptWords("or", "replace");
  let temp = false;
  if (p.acceptWord("local") || p.acceptWord("global")) {
    if (!(p.isWord("temp") || p.isWord("temporary"))) throw p.error();
  }
  if (p.acceptWord("temp") || p.acceptWord("temporary")) temp = true;
  if (p.isWord("table") && !orReplace) return parseCreateTable(p, start.start, temp);
  if (p.isWord("view")) return parseCreateView(p, start.start, orReplace, temp);
  if (p.isWord("schema") && !orReplace && !temp) return parseCreateSchema(p, start.start);
  if (p.isWord("function") && !temp) return parseCreateFunction(p, start.start, orReplace);
  p.i = save;
  return unsupportedCreate(p);
}

function parseCreateView(p: Cursor, pos: number, orReplace: boolean, temp: boolean): CreateView {
  p.expectWord("view");
  const name = parseObjectName(p);
  const v: Mutable<CreateView> = {
    kind: "CreateView",
    pos,
    orReplace,
    temp,
    name,
    query: undefined as never,
    noSchemaBinding: false,
  };
  if (p.isOp("(")) v.columns = p.identList();
  p.expectWord("as");
  v.query = parseQuery(p);
  if (p.acceptWord("with")) {
    p.expectWord("no");
    p.expectWord("schema");
    p.expectWord("binding");
    v.noSchemaBinding = true;
  }
  return v;
}

function parseCreateSchema(p: Cursor, pos: number): CreateSchema {
  p.expectWord("schema");
  const ifNotExists = p.acceptWords("if", "not", "exists");
  const s: Mutable<CreateSchema> = { kind: "CreateSchema", pos, name: "", ifNotExists };
  if (p.isWord("authorization")) {
    p.next();
    const user = p.label();
    s.name = user;
    s.authorization = user;
    return s;
  }
  const n = parseObjectName(p);
  if (n.database !== undefined) throw p.error();
  if (n.schema !== undefined) {
    s.database = n.schema;
  }
  s.name = n.name;
  if (p.acceptWord("authorization")) s.authorization = p.label();
  if (p.isWord("quota")) throw p.unsupported("QUOTA");
  return s;
}

/** Object kinds Redshift can DROP that this front end refuses by name. */
const DROP_UNSUPPORTED: ReadonlySet<string> = new Set([
  "materialized",
  "procedure",
  "user",
  "group",
  "role",
  "database",
  "library",
  "model",
  "datashare",
  "identity",
  "masking",
  "rls",
]);

export function parseDrop(p: Cursor): Drop | DropFunction {
  const start = p.expectWord("drop");
  if (p.isWord("function")) return parseDropFunction(p, start.start);
  const t = p.tok;
  let objectType: Drop["objectType"];
  if (p.acceptWord("table")) objectType = "table";
  else if (p.acceptWord("view")) objectType = "view";
  else if (p.acceptWord("schema")) objectType = "schema";
  else {
    if (t.kind !== "word" || !DROP_UNSUPPORTED.has(t.value)) throw p.error();
    const second = p.peek(1);
    const what = t.value === "materialized" && second.kind === "word" ? `${t.value} ${second.value}` : t.value;
    throw p.unsupported(`DROP ${what.toUpperCase()}`, t);
  }
  const ifExists = p.acceptWords("if", "exists");
  const names: ObjectName[] = p.commaList(() => parseObjectName(p));
  let behavior: Drop["behavior"];
  if (p.acceptWord("cascade")) behavior = "cascade";
  else if (p.acceptWord("restrict")) behavior = "restrict";
  return behavior
    ? { kind: "Drop", pos: start.start, objectType, ifExists, names, behavior }
    : { kind: "Drop", pos: start.start, objectType, ifExists, names };
}

export function parseTruncate(p: Cursor): Truncate {
  const start = p.expectWord("truncate");
  p.acceptWord("table");
  const table = parseObjectName(p);
  if (p.isOp(",")) throw p.unsupported("TRUNCATE of several tables");
  return { kind: "Truncate", pos: start.start, table };
}

export function parseCommentOn(p: Cursor): CommentOn {
  const start = p.expectWord("comment");
  p.expectWord("on");
  const t = p.tok;
  if (t.kind !== "word") throw p.error();
  const objectType = t.value;
  if (
    objectType !== "table" &&
    objectType !== "view" &&
    objectType !== "column" &&
    objectType !== "schema" &&
    objectType !== "database" &&
    objectType !== "constraint"
  ) {
    throw p.unsupported(`COMMENT ON ${objectType.toUpperCase()}`);
  }
  p.next();
  const c: Mutable<CommentOn> = { kind: "CommentOn", pos: start.start, objectType, name: undefined as never };
  if (objectType === "column") {
    const pos = p.tok.start;
    const parts = [p.ident()];
    while (p.acceptOp(".")) parts.push(p.label());
    if (parts.length < 2 || parts.length > 4) throw p.error();
    const column = parts.pop()!;
    c.name =
      parts.length === 3
        ? { kind: "ObjectName", pos, database: parts[0], schema: parts[1], name: parts[2]! }
        : parts.length === 2
          ? { kind: "ObjectName", pos, schema: parts[0], name: parts[1]! }
          : { kind: "ObjectName", pos, name: parts[0]! };
    c.column = column;
  } else if (objectType === "constraint") {
    // COMMENT ON CONSTRAINT name ON table
    c.constraint = p.ident();
    p.expectWord("on");
    c.name = parseObjectName(p);
  } else c.name = parseObjectName(p);
  p.expectWord("is");
  const s = p.tok;
  if (s.kind === "string") {
    p.next();
    c.comment = { kind: "StringLiteral", pos: s.start, value: s.value };
  } else p.expectWord("null");
  return c;
}
