// src/sql/ast/walk.ts
//! Generic traversal: the direct children of any node (exhaustive over Kind, so a new node kind
//! does not compile until it is listed here), a pre-order walk, and the highest $n parameter.

import type { Node } from "./index.js";

type Maybe = Node | undefined;

function out(...xs: (Maybe | readonly Maybe[])[]): Node[] {
  const r: Node[] = [];
  for (const x of xs) {
    if (x === undefined) continue;
    if (Array.isArray(x)) {
      for (const y of x as readonly Maybe[]) if (y !== undefined) r.push(y);
    } else r.push(x as Node);
  }
  return r;
}

/** The direct child nodes of `n`, in source order. */
export function children(n: Node): Node[] {
  switch (n.kind) {
    case "NumberLiteral":
    case "StringLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "IntervalLiteral":
    case "Param":
    case "DefaultValue":
    case "ColumnRef":
    case "Star":
    case "TypeName":
    case "ObjectName":
    case "Identity":
    case "SortKeySpec":
    case "SetValue":
    case "CreateSchema":
    case "Begin":
    case "Commit":
    case "Rollback":
    case "SetTransaction":
    case "Reset":
    case "Show":
    case "Deallocate":
    case "Cancel":
    case "CreateUser":
    case "AlterUser":
    case "DropUser":
    case "CreateGroup":
    case "AlterGroup":
    case "DropGroup":
    case "CreateRole":
    case "DropRole":
    case "GrantRole":
    case "RevokeRole":
    case "AlterDefaultPrivileges":
      return [];
    case "Grant":
    case "Revoke":
      return out(n.on.names, ...(n.on.argTypes ?? []));
    case "AlterOwner":
      return [n.name];
    case "CreateRlsPolicy":
      return out(
        n.columns.map((c) => c.type),
        n.using,
      );
    case "AlterRlsPolicy":
      return [n.using];
    case "DropRlsPolicy":
      return [];
    case "AttachRlsPolicy":
      return [...n.tables];
    case "AlterTableRls":
      return [n.table];
    case "TypedLiteral":
      return [n.type];
    case "Alias":
      return out(n.columnTypes);
    case "Unary":
      return [n.operand];
    case "Binary":
      return [n.left, n.right];
    case "Cast":
      return [n.expr, n.type];
    case "Extract":
      return [n.expr];
    case "Position":
      return [n.needle, n.haystack];
    case "Substring":
      return out(n.expr, n.start, n.length);
    case "Trim":
      return out(n.chars, n.expr);
    case "Case":
      return out(n.operand, n.whens, n.else);
    case "WhenClause":
      return [n.when, n.then];
    case "IsNull":
    case "IsBool":
      return [n.expr];
    case "IsDistinctFrom":
      return [n.left, n.right];
    case "Between":
      return [n.expr, n.low, n.high];
    case "InList":
      return out(n.expr, n.list);
    case "InSubquery":
      return [n.expr, n.query];
    case "Like":
      return out(n.expr, n.pattern, n.escape);
    case "QuantifiedSubquery":
      return [n.left, n.query];
    case "QuantifiedArray":
      return [n.left, n.array];
    case "Exists":
    case "Subquery":
      return [n.query];
    case "ArrayLiteral":
      return [...n.elements];
    case "Subscript":
      return out(n.expr, n.index, n.upper);
    case "FieldAccess":
      return [n.expr];
    case "RowExpr":
      return [...n.items];
    case "Collate":
      return [n.expr];
    case "AtTimeZone":
      return [n.expr, n.zone];
    case "FunctionCall":
      return out(n.args, n.withinGroup, n.over);
    case "OrderItem":
      return [n.expr];
    case "FrameBound":
      return out(n.offset);
    case "WindowFrame":
      return out(n.start, n.end);
    case "WindowSpec":
      return out(n.partitionBy, n.orderBy, n.frame);
    case "NamedWindow":
      return [n.spec];
    case "SelectItem":
      return [n.expr];
    case "TableName":
      return out(n.name, n.alias);
    case "DerivedTable":
      return out(n.query, n.alias);
    case "TableFunction":
      return out(n.call, n.alias);
    case "Join":
      return out(n.left, n.right, n.on);
    case "ParenJoin":
      return out(n.join, n.alias);
    case "Rollup":
    case "Cube":
      return [...n.exprs];
    case "GroupingSets":
      return n.sets.flat();
    case "Cte":
      return [n.query];
    case "With":
      return [...n.ctes];
    case "SelectInto":
      return [n.table];
    case "Assignment":
      return [n.value];
    case "ColumnDef":
      return out(n.type, n.default, n.identity, n.references);
    case "References":
      return [n.table];
    case "TableConstraint":
      return out(n.references);
    case "TableLike":
      return [n.table];
    case "Select":
      return out(
        n.with,
        n.distinctOn,
        n.items,
        n.into,
        n.from,
        n.where,
        n.groupBy,
        n.having,
        n.windows,
        n.qualify,
        n.orderBy,
        n.limit,
        n.offset,
      );
    case "SetOperation":
      return out(n.with, n.left, n.right, n.orderBy, n.limit, n.offset);
    case "Values":
      return out(n.with, n.rows.flat(), n.orderBy, n.limit, n.offset);
    case "Insert":
      return out(n.table, n.source);
    case "Update":
      return out(n.with, n.table, n.set, n.from, n.where);
    case "Delete":
      return out(n.with, n.table, n.using, n.where);
    case "CreateTable":
      return out(n.name, n.columns, n.constraints, n.like, n.attributes.sortKey, n.as);
    case "AlterTable": {
      const a = n.action;
      if (a.action === "add-column") return [n.name, a.column];
      if (a.action === "add-constraint") return [n.name, a.constraint];
      if (a.action === "column-type") return [n.name, a.type];
      if (a.action === "sortkey" && a.sortKey) return [n.name, a.sortKey];
      return [n.name];
    }
    case "CreateView":
      return [n.name, n.query];
    case "CreateFunction":
      return [n.name, ...n.argTypes, n.returns, n.body];
    case "DropFunction":
      return [n.name, ...n.argTypes];
    case "Drop":
      return [...n.names];
    case "Truncate":
      return [n.table];
    case "Vacuum":
    case "Analyze":
      return n.table ? [n.table] : [];
    case "CommentOn":
      return out(n.name, n.comment);
    case "SetVariable":
      return out(n.values);
    case "Copy":
      return [n.table];
    case "Unload":
      return [n.query];
    case "Explain":
      return [n.statement];
    case "Prepare":
      return [...n.paramTypes, n.statement];
    case "Execute":
      return [...n.params];
    default: {
      const never: never = n;
      throw new Error(`unknown node ${(never as Node).kind}`);
    }
  }
}

/**
 * Pre-order walk. `visit` returns false to skip a node's children. Subqueries are walked too;
 * callers that stop at query boundaries check `kind` themselves.
 */
export function walk(root: Node, visit: (n: Node, parent: Node | undefined) => boolean | undefined): void {
  const go = (n: Node, parent: Node | undefined): void => {
    if (visit(n, parent) === false) return;
    for (const c of children(n)) go(c, n);
  };
  go(root, undefined);
}

/** The highest positional parameter ($n) used anywhere in `root`; 0 when there is none. */
export function maxParamIndex(root: Node): number {
  let max = 0;
  walk(root, (n) => {
    if (n.kind === "Param" && n.index > max) max = n.index;
    return undefined;
  });
  return max;
}
