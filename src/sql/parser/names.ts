// src/sql/parser/names.ts
//! Object names ([db.][schema.]name, #temp) and table aliases.

import type { Alias, ObjectName, TypeName } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseTypeName } from "./type-name.js";

/** [database.][schema.]name; a `#name` (adjacent) is a temp-table name. */
export function parseObjectName(p: Cursor): ObjectName {
  const t = p.tok;
  if (t.kind === "op" && t.value === "#") {
    const n = p.peek(1);
    if (n.start === t.end && (n.kind === "word" || n.kind === "qident")) {
      p.i += 2;
      return { kind: "ObjectName", pos: t.start, name: "#" + n.value };
    }
    throw p.error();
  }
  const parts = [p.ident()];
  while (p.isOp(".") && p.isLabel(1)) {
    p.next();
    parts.push(p.label());
  }
  if (parts.length > 3) throw p.error(t);
  if (parts.length === 3)
    return { kind: "ObjectName", pos: t.start, database: parts[0], schema: parts[1], name: parts[2]! };
  if (parts.length === 2) return { kind: "ObjectName", pos: t.start, schema: parts[0], name: parts[1]! };
  return { kind: "ObjectName", pos: t.start, name: parts[0]! };
}

/** [AS] alias [(col, ...)]; `stop` lists unreserved words that may not be a bare alias here (e.g. SET). */
export function parseAlias(p: Cursor, stop?: ReadonlySet<string>): Alias | undefined {
  const t = p.tok;
  let name: string;
  if (p.acceptWord("as")) name = p.label();
  else if (p.isIdent() && !(t.kind === "word" && stop?.has(t.value))) name = p.ident();
  else return undefined;
  if (p.isOp("(") && p.isLabel(1)) {
    p.next();
    const columns: string[] = [];
    const types: TypeName[] = [];
    do {
      columns.push(p.ident());
      if (!p.isOp(",") && !p.isOp(")")) types.push(parseTypeName(p));
    } while (p.acceptOp(","));
    p.expectOp(")");
    if (types.length === 0) return { kind: "Alias", pos: t.start, name, columns };
    if (types.length !== columns.length) throw p.error(t);
    return { kind: "Alias", pos: t.start, name, columns, columnTypes: types };
  }
  return { kind: "Alias", pos: t.start, name };
}
