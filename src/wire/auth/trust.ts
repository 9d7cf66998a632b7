// src/wire/auth/trust.ts
//! trust: no password asked. An unknown user still fails, as Postgres's role check does.
//! https://www.postgresql.org/docs/current/auth-trust.html

import { AuthError, SqlState } from "../../common/errors.js";
import type { Credentials } from "../../session/api.js";
import type { AuthFlow, AuthStep } from "./flow.js";

export function trustFlow(user: string, creds: Credentials): AuthFlow {
  return {
    method: "trust",
    begin(): AuthStep {
      if (!creds.userExists) {
        throw new AuthError(SqlState.InvalidAuthorizationSpecification, `role "${user}" does not exist`, {
          severity: "FATAL",
        });
      }
      return "ok";
    },
    answer(): AuthStep {
      return "ok";
    },
  };
}
