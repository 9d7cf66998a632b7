// src/translate/duckdb/functions/admin.ts
//! Session administration functions: calls of the engine's host function that signals sessions.

import { SIGNAL_BACKEND_FUNCTION } from "../../../plan/functions/admin.js";
import type { Emission, EmitContext } from "./entry.js";
import { arg, custom } from "./entry.js";

const signal = (action: "cancel" | "terminate") => (c: EmitContext) =>
  `${SIGNAL_BACKEND_FUNCTION}(${c.str(action)}, CAST(${arg(c, 0)} AS INTEGER), getvariable('ls_pid'))`;

export const ADMIN_EMISSIONS: readonly Emission[] = [
  custom("pg_cancel_backend", "PG_CANCEL_BACKEND.html", signal("cancel")),
  custom("pg_terminate_backend", "PG_TERMINATE_BACKEND.html", signal("terminate")),
];
