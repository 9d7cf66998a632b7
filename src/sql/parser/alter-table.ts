// src/sql/parser/alter-table.ts
//! ALTER TABLE t <action> after ALTER TABLE name (OWNER TO and ROW LEVEL SECURITY are parsed by
//! security.ts before it comes here). https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html

import type { AlterTable, AlterTableAction, ObjectName } from "../ast/index.js";
import { parseColumnDef, parseTableConstraint } from "./create-table.js";
import type { Cursor } from "./cursor.js";
import { parseTypeName } from "./type-name.js";

const cascade = (p: Cursor): boolean => {
  if (p.acceptWord("cascade")) return true;
  p.acceptWord("restrict");
  return false;
};

function encoding(p: Cursor): string {
  p.expectWord("encode");
  return p.ident();
}

function alterAction(p: Cursor): AlterTableAction {
  if (p.acceptWord("add")) {
    if (
      p.isWord("constraint") ||
      p.isWord("primary") ||
      p.isWord("unique") ||
      p.isWord("foreign") ||
      p.isWord("check")
    ) {
      return { action: "add-constraint", constraint: parseTableConstraint(p) };
    }
    p.acceptWord("column");
    return { action: "add-column", column: parseColumnDef(p) };
  }
  if (p.acceptWord("drop")) {
    if (p.acceptWord("constraint")) return { action: "drop-constraint", name: p.ident(), cascade: cascade(p) };
    p.acceptWord("column");
    return { action: "drop-column", column: p.ident(), cascade: cascade(p) };
  }
  if (p.acceptWord("rename")) {
    if (p.acceptWord("to")) return { action: "rename", to: p.ident() };
    p.acceptWord("column");
    const column = p.ident();
    p.expectWord("to");
    return { action: "rename-column", column, to: p.ident() };
  }
  p.expectWord("alter");
  if (p.acceptWord("column")) {
    const column = p.ident();
    if (p.acceptWord("type")) return { action: "column-type", column, type: parseTypeName(p) };
    const columns = [{ column, encode: encoding(p) }];
    while (p.acceptOp(",")) {
      p.expectWord("alter");
      p.expectWord("column");
      const c = p.ident();
      columns.push({ column: c, encode: encoding(p) });
    }
    return { action: "column-encode", columns };
  }
  if (p.acceptWord("distkey")) return { action: "diststyle", style: "key", distKey: p.ident() };
  if (p.acceptWord("diststyle")) {
    if (p.acceptWord("key")) {
      p.expectWord("distkey");
      return { action: "diststyle", style: "key", distKey: p.ident() };
    }
    for (const style of ["all", "even", "auto"] as const)
      if (p.acceptWord(style)) return { action: "diststyle", style };
    throw p.error();
  }
  if (p.acceptWord("encode")) {
    p.expectWord("auto");
    return { action: "encode-auto" };
  }
  const t = p.tok;
  if (p.acceptWord("interleaved")) throw p.unsupported("ALTER INTERLEAVED SORTKEY", t);
  const compound = p.acceptWord("compound");
  p.expectWord("sortkey");
  if (!compound && p.acceptWord("none")) return { action: "sortkey", sortKey: null };
  if (!compound && p.acceptWord("auto")) {
    return {
      action: "sortkey",
      sortKey: { kind: "SortKeySpec", pos: t.start, style: "auto", explicitCompound: false, columns: [] },
    };
  }
  return {
    action: "sortkey",
    sortKey: {
      kind: "SortKeySpec",
      pos: t.start,
      style: "compound",
      explicitCompound: compound,
      columns: p.identList(),
    },
  };
}

export function parseAlterTable(p: Cursor, pos: number, name: ObjectName): AlterTable {
  return { kind: "AlterTable", pos, name, action: alterAction(p) };
}
