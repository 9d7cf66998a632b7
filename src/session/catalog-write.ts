// src/session/catalog-write.ts
//! Statements that change the catalog (DDL, users, grants, policies) run with their catalog rows
//! in one DuckDB transaction: the session's open block, or one of their own in autocommit. A
//! failure rolls their own transaction back, so nothing is left half-done.

import type { ClusterContext } from "./context.js";
import { mapEngineError } from "./engine-errors.js";
import type { LakeshiftSession } from "./session.js";

/** Runs `work` in a catalog-writing transaction; `own` tells whether it was a transaction of its own. */
export async function catalogWrite<T>(
  cluster: ClusterContext,
  session: LakeshiftSession,
  work: () => Promise<T>,
): Promise<{ value: T; own: boolean }> {
  const conn = session.conn;
  const own = !session.inTransactionBlock;
  let value: T;
  if (own) await conn.run("BEGIN TRANSACTION");
  try {
    value = await work();
    if (own) await conn.run("COMMIT");
  } catch (e) {
    if (own) {
      try {
        await conn.run("ROLLBACK");
      } catch {
        // the transaction may already be gone
      }
      cluster.afterRollback(session);
    }
    throw mapEngineError(e);
  }
  if (own) await cluster.ddlCommitted(session);
  return { value, own };
}
