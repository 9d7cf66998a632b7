// src/plan/bind/statement.ts
//! bindStatement: the binder's entry point, one binder per statement family.

import type { CatalogReader } from "../../catalog/reader.js";
import { UnsupportedError } from "../../common/errors.js";
import type { Query, Statement } from "../../sql/ast/index.js";
import { isSecurityStatement } from "../../sql/parser/security.js";
import { T } from "../../sql/types.js";
import type { BoundStatement } from "../bound/statement.js";
import type { BindContext } from "./context.js";
import { BindState } from "./context.js";
import { bindAlterTable } from "./alter-table.js";
import { bindMaintenance } from "./maintenance.js";
import { bindCreateSchema, bindCreateTable, bindCreateView, bindDrop, bindTruncate } from "./ddl.js";
import { bindCopy, bindUnload } from "./copy.js";
import { bindDelete, bindInsert, bindUpdate } from "./dml.js";
import { bindQuery } from "./query.js";

export function bindStatement(stmt: Statement, catalog: CatalogReader, ctx: BindContext): BoundStatement {
  const state = new BindState(catalog, ctx);
  const bound = bindWith(stmt, state);
  if (state.paramTypes.length === 0 && !state.timeDependent) return bound;
  const extra = {
    ...(state.paramTypes.length > 0 ? { paramTypes: Array.from(state.paramTypes, (t) => t ?? T.unknown) } : {}),
    ...(state.timeDependent ? { timeDependent: true } : {}),
  };
  switch (bound.kind) {
    case "query":
    case "insert":
    case "update":
    case "delete":
      return { ...bound, ...extra };
    default:
      return bound;
  }
}

function bindTopQuery(stmt: Query, state: BindState): BoundStatement {
  state.topQuery = stmt;
  const query = bindQuery(stmt, state, undefined);
  return { kind: "query", query, columns: query.columns };
}

function bindWith(stmt: Statement, state: BindState): BoundStatement {
  switch (stmt.kind) {
    case "Select":
      if (stmt.into) {
        const { into, ...query } = stmt;
        return bindCreateTable(
          {
            kind: "CreateTable",
            pos: stmt.pos,
            name: into.table,
            temp: into.temp,
            ifNotExists: false,
            columns: [],
            constraints: [],
            attributes: {},
            as: query,
          },
          state,
        );
      }
      return bindTopQuery(stmt, state);
    case "SetOperation":
    case "Values":
      return bindTopQuery(stmt, state);
    case "Insert":
      return bindInsert(stmt, state);
    case "Copy":
      return bindCopy(stmt, state);
    case "Unload":
      return bindUnload(stmt, state);
    case "Update":
      return bindUpdate(stmt, state);
    case "Delete":
      return bindDelete(stmt, state);
    case "CreateTable":
      return bindCreateTable(stmt, state);
    case "AlterTable":
      return bindAlterTable(stmt, state);
    case "CreateView":
      return bindCreateView(stmt, state);
    case "CreateSchema":
      return bindCreateSchema(stmt, state);
    case "Drop":
      return bindDrop(stmt, state);
    case "Truncate":
      return bindTruncate(stmt, state);
    case "CommentOn":
      return { kind: "utility", utility: "comment", statement: stmt };
    case "CreateFunction":
    case "DropFunction":
      return { kind: "utility", utility: "function", statement: stmt };
    case "Begin":
    case "Commit":
    case "Rollback":
    case "SetTransaction":
      return { kind: "utility", utility: "transaction", statement: stmt };
    case "SetVariable":
      return { kind: "utility", utility: "set", statement: stmt };
    case "Reset":
      return { kind: "utility", utility: "reset", statement: stmt };
    case "Show":
      return { kind: "utility", utility: "show", statement: stmt };
    case "Explain":
      return { kind: "utility", utility: "explain", statement: stmt, explained: bindWith(stmt.statement, state) };
    case "Prepare":
      return { kind: "utility", utility: "prepare", statement: stmt };
    case "Execute":
      return { kind: "utility", utility: "execute", statement: stmt };
    case "Deallocate":
      return { kind: "utility", utility: "deallocate", statement: stmt };
    case "Cancel":
      return { kind: "utility", utility: "cancel", statement: stmt };
    case "Vacuum":
    case "Analyze":
      return bindMaintenance(stmt, state);
    default: {
      if (isSecurityStatement(stmt)) return { kind: "utility", utility: "security", statement: stmt };
      const never: never = stmt;
      throw new UnsupportedError(`statement ${(never as Statement).kind}`);
    }
  }
}
