// src/sql/ast/index.ts
//! The Redshift AST: readonly nodes with a string-literal `kind` and a `pos` (0-based offset into
//! the statement text). `Kind` is the union of every node kind, so dispatch through
//! `Record<Kind, ...>` or a switch with a `never` check is exhaustive at compile time.
//! Imports nothing outside src/sql.

import type { Copy, Unload } from "./copy.js";
import type {
  AlterTable,
  CommentOn,
  CreateSchema,
  CreateTable,
  CreateView,
  ColumnDef,
  Drop,
  Identity,
  References,
  SortKeySpec,
  TableConstraint,
  TableLike,
  Truncate,
} from "./ddl.js";
import type { Assignment, Delete, Insert, Update } from "./dml.js";
import type { CreateFunction, DropFunction } from "./function.js";
import type { Expr, TypeName, WhenClause } from "./expr.js";
import type {
  Alias,
  Cte,
  Cube,
  FrameBound,
  GroupingSets,
  NamedWindow,
  ObjectName,
  OrderItem,
  Query,
  Rollup,
  SelectInto,
  SelectItem,
  TableRef,
  WindowFrame,
  WindowSpec,
  With,
} from "./query.js";
import type { Analyze, Vacuum } from "./maintenance.js";
import type { SecurityStatement } from "./security.js";
import type {
  Begin,
  Commit,
  Cancel,
  Deallocate,
  Execute,
  Explain,
  Prepare,
  Reset,
  Rollback,
  SetTransaction,
  SetValue,
  SetVariable,
  Show,
} from "./utility.js";

export type * from "./copy.js";
export type * from "./ddl.js";
export type * from "./dml.js";
export type * from "./function.js";
export type * from "./maintenance.js";
export type * from "./expr.js";
export type * from "./query.js";
export type * from "./security.js";
export type * from "./utility.js";

/** Every top-level statement. A query (Select, SetOperation, Values) is a statement too. */
export type Statement =
  | Query
  | Copy
  | Unload
  | Insert
  | Update
  | Delete
  | CreateTable
  | AlterTable
  | CreateView
  | CreateSchema
  | CreateFunction
  | DropFunction
  | Drop
  | Truncate
  | CommentOn
  | Begin
  | Commit
  | Rollback
  | SetVariable
  | SetTransaction
  | Reset
  | Show
  | Explain
  | Prepare
  | Execute
  | Deallocate
  | Cancel
  | Vacuum
  | Analyze
  | SecurityStatement;

/** Every node that is neither a statement nor an expression. */
export type Part =
  | TypeName
  | WhenClause
  | ObjectName
  | OrderItem
  | FrameBound
  | WindowFrame
  | WindowSpec
  | NamedWindow
  | SelectItem
  | Alias
  | TableRef
  | Rollup
  | Cube
  | GroupingSets
  | Cte
  | With
  | SelectInto
  | Assignment
  | ColumnDef
  | Identity
  | References
  | TableConstraint
  | TableLike
  | SortKeySpec
  | SetValue;

export type Node = Statement | Expr | Part;

/** The string-literal union of every node kind. */
export type Kind = Node["kind"];

/** The node type for a kind: NodeOf<"Cast"> is Cast. */
export type NodeOf<K extends Kind> = Extract<Node, { readonly kind: K }>;

/** Statement kinds, for quick dispatch on the leading node. */
export type StatementKind = Statement["kind"];
export type ExprKind = Expr["kind"];
