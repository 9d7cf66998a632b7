// src/wire/auth/md5.ts
//! md5: AuthenticationMD5Password with a random 4-byte salt; the client answers
//! 'md5' + md5hex(md5hex(password + user) + salt). Stored hash: 'md5' + md5hex(password + user).
//! https://www.postgresql.org/docs/current/auth-password.html

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ProtocolError } from "../../common/errors.js";
import type { Credentials } from "../../session/api.js";
import { BufferReader } from "../protocol/buffer-reader.js";
import type { Serializer } from "../protocol/serializer.js";
import { type AuthFlow, type AuthStep, passwordFailed } from "./flow.js";

/** The answer a client holding `md5Hash` ('md5' + 32 hex) gives for `salt`. */
export function md5Response(md5Hash: string, salt: Uint8Array): string {
  const h = createHash("md5");
  h.update(md5Hash.slice(3), "utf8");
  h.update(salt);
  return `md5${h.digest("hex")}`;
}

const VALID_HASH = /^md5[0-9a-f]{32}$/;

export function md5Flow(user: string, creds: Credentials, salt: Uint8Array = randomBytes(4)): AuthFlow {
  return {
    method: "md5",
    begin(out: Serializer): AuthStep {
      out.authenticationMd5Password(salt);
      return "continue";
    },
    answer(data: Uint8Array): AuthStep {
      const r = new BufferReader(data);
      const answer = r.cstring();
      if (r.remaining !== 0) throw new ProtocolError("invalid password packet size");
      // Without a usable stored hash (unknown user, or a SCRAM-only user) compare against a
      // random one, so the work done is the same and the answer cannot match.
      const random = `md5${randomBytes(16).toString("hex")}`;
      const stored = creds.md5Hash !== undefined && VALID_HASH.test(creds.md5Hash) ? creds.md5Hash : random;
      const expected = Buffer.from(md5Response(stored, salt), "utf8");
      const got = Buffer.from(answer, "utf8");
      const same = got.byteLength === expected.byteLength && timingSafeEqual(got, expected);
      if (!same || !creds.userExists || stored !== creds.md5Hash) throw passwordFailed(user);
      return "ok";
    },
  };
}
