// src/wire/auth/cleartext.ts
//! password: AuthenticationCleartextPassword, then a NUL-terminated password in 'p'.
//! https://www.postgresql.org/docs/current/auth-password.html

import { ProtocolError } from "../../common/errors.js";
import type { Credentials } from "../../session/api.js";
import { BufferReader } from "../protocol/buffer-reader.js";
import type { Serializer } from "../protocol/serializer.js";
import { type AuthFlow, type AuthStep, passwordFailed } from "./flow.js";

export function cleartextFlow(user: string, creds: Credentials): AuthFlow {
  return {
    method: "password",
    begin(out: Serializer): AuthStep {
      out.authenticationCleartextPassword();
      return "continue";
    },
    answer(data: Uint8Array): AuthStep {
      const r = new BufferReader(data);
      const password = r.cstring();
      if (r.remaining !== 0) throw new ProtocolError("invalid password packet size");
      // Check even for an unknown user (the cluster's dummy check) so both paths cost the same.
      const ok = password !== "" && (creds.checkPassword?.(password) ?? false);
      if (!ok || !creds.userExists) throw passwordFailed(user);
      return "ok";
    },
  };
}
