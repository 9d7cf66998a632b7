// src/session/backend-signals.ts
//! Cancelling another session's statement and ending another session: pg_cancel_backend(pid),
//! pg_terminate_backend(pid) and CANCEL pid ['message'].
//! https://docs.aws.amazon.com/redshift/latest/dg/PG_CANCEL_BACKEND.html
//! https://docs.aws.amazon.com/redshift/latest/dg/PG_TERMINATE_BACKEND.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CANCEL.html
//!
//! A user may signal their own sessions; a superuser any session. Cancelling takes the same path
//! as the protocol's CancelRequest (the target's engine connection is interrupted, its statement
//! ends with 57014 and DuckDB rolls its writes back); terminating also closes the target's
//! connection with FATAL 57P01 and rolls its open transaction back.

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { HostFunction } from "../engine/index.js";
import { SIGNAL_BACKEND_FUNCTION } from "../plan/functions/admin.js";
import type { UserInfo } from "./context.js";

export type BackendSignal = "cancel" | "terminate";

/** What a signal needs of a target session. */
export interface SignalTarget {
  readonly processId: number;
  readonly user: UserInfo;
  /** Interrupts the running statement, which fails with 57014 and `message` when given. */
  cancel(message?: string): void;
  /** Ends the session: its statement fails, its transaction rolls back, its connection closes. */
  terminate(): void;
}

/**
 * Sends `signal` from the session `caller` (undefined: an internal connection, allowed all) to
 * the session `targetPid`. Returns false when no session has that pid.
 */
export function signalBackend(
  sessions: ReadonlyMap<number, SignalTarget>,
  caller: { readonly user: UserInfo } | undefined,
  signal: BackendSignal,
  targetPid: number,
  message?: string,
): boolean {
  const target = sessions.get(targetPid);
  if (!target) return false;
  if (caller && !caller.user.superuser && caller.user.name !== target.user.name) {
    throw new LakeshiftError(
      SqlState.InsufficientPrivilege,
      signal === "cancel"
        ? `must be a superuser or the same user to cancel the query of process ${targetPid}`
        : `must be a superuser or the same user to terminate process ${targetPid}`,
    );
  }
  if (signal === "cancel") target.cancel(message);
  else target.terminate();
  return true;
}

/**
 * The engine host function pg_cancel_backend / pg_terminate_backend run as:
 * ls_signal_backend(signal, pid, caller pid) -> 1 when sent, 0 for no such session. The caller's
 * pid is the connection's ls_pid (NULL for internal connections, which may signal anyone).
 */
export function signalHostFunction(
  cluster: () => { signalFrom(callerPid: number | undefined, signal: BackendSignal, pid: number): boolean } | undefined,
): HostFunction {
  return {
    name: SIGNAL_BACKEND_FUNCTION,
    parameters: ["varchar", "integer", "integer"],
    returns: "integer",
    call: ([signal, pid, caller]) => {
      const c = cluster();
      if (!c || signal === null || pid === null) return null;
      return c.signalFrom(caller === null ? undefined : Number(caller), signal as BackendSignal, Number(pid)) ? 1 : 0;
    },
  };
}
