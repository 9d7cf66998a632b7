// src/sql/printer/lexical.ts
//! Identifiers, strings and type names as canonical Redshift text.

import type { ObjectName, TypeName } from "../ast/index.js";
import { needsQuotes } from "../dialect/redshift.js";

/** An identifier, double-quoted only when needed (not a lower-case simple name, or reserved). */
export function ident(name: string): string {
  return needsQuotes(name) ? `"${name.replaceAll('"', '""')}"` : name;
}

export function objectName(n: ObjectName): string {
  let last: string;
  if (n.name.startsWith("#") && n.name.length > 1 && !needsQuotes(n.name.slice(1))) last = n.name;
  else last = ident(n.name);
  if (n.database !== undefined) return `${ident(n.database)}.${ident(n.schema ?? "")}.${last}`;
  if (n.schema !== undefined) return `${ident(n.schema)}.${last}`;
  return last;
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

/** A string literal: '...' with '' doubling, or E'...' when it holds control characters. */
export function quoteString(s: string): string {
  if (!hasControl(s)) return `'${s.replaceAll("'", "''")}'`;
  let out = "E'";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "''";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 32 || c === 127) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + "'";
}

export function typeName(t: TypeName): string {
  const redshift = t.sql !== undefined || t.name === "text";
  let s = redshift ? t.name.toUpperCase() : t.name.startsWith('"') ? t.name : ident(t.name);
  if (t.schema !== undefined) s = `${ident(t.schema)}.${s}`;
  if (t.modifiers.length) s += `(${t.modifiers.map((m) => (m === "max" ? "MAX" : String(m))).join(",")})`;
  for (let i = 0; i < t.arrayDims; i++) s += "[]";
  return s;
}
