// src/wire/auth/index.ts
//! Picks the authentication flow for the method the cluster chose for this user.

import type { Credentials } from "../../session/api.js";
import { cleartextFlow } from "./cleartext.js";
import type { AuthFlow } from "./flow.js";
import { md5Flow } from "./md5.js";
import { scramSha256Flow } from "./scram-sha-256.js";
import { trustFlow } from "./trust.js";

export type { AuthFlow, AuthStep } from "./flow.js";
export { passwordFailed } from "./flow.js";

export function createAuthFlow(user: string, creds: Credentials): AuthFlow {
  switch (creds.method) {
    case "trust":
      return trustFlow(user, creds);
    case "password":
      return cleartextFlow(user, creds);
    case "md5":
      return md5Flow(user, creds);
    case "scram-sha-256":
      return scramSha256Flow(user, creds);
  }
}
