// src/wire/auth/flow.ts
//! The contract every authentication flow implements (one flow per file, chosen by
//! createAuthFlow in index.ts). A flow writes Authentication* requests into the output and
//! judges the client's 'p' answers. Failure throws: AuthError 28P01 (FATAL) for a wrong
//! password or unknown user, ProtocolError 08P01 for a malformed answer.

import { AuthError, SqlState } from "../../common/errors.js";
import type { AuthMethod } from "../../session/api.js";
import type { Serializer } from "../protocol/serializer.js";

/** 'continue': wait for the next 'p' message; 'ok': authenticated (AuthenticationOk not yet written). */
export type AuthStep = "continue" | "ok";

export interface AuthFlow {
  readonly method: AuthMethod;
  /** Writes the first request to the client. */
  begin(out: Serializer): AuthStep;
  /** Handles one PasswordMessage / SASLInitialResponse / SASLResponse body. */
  answer(data: Uint8Array, out: Serializer): AuthStep;
}

/** The one failure message for a wrong password and for an unknown user alike, as Postgres words it. */
export function passwordFailed(user: string): AuthError {
  return new AuthError(SqlState.InvalidPassword, `password authentication failed for user "${user}"`, {
    severity: "FATAL",
  });
}
