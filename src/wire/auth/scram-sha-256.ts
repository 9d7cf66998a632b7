// src/wire/auth/scram-sha-256.ts
//! SCRAM-SHA-256 (RFC 5802, RFC 7677) as Postgres runs it: AuthenticationSASL offers only
//! SCRAM-SHA-256 (no channel binding, so no -PLUS), the user name in client-first is ignored
//! (the startup user counts), and an unknown user runs the whole exchange against a dummy
//! verifier before failing with the same 28P01 as a wrong password.
//! https://www.postgresql.org/docs/current/sasl-authentication.html

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { LakeshiftError, ProtocolError, SqlState } from "../../common/errors.js";
import type { Credentials } from "../../session/api.js";
import { BufferReader, decodeUtf8 } from "../protocol/buffer-reader.js";
import type { Serializer } from "../protocol/serializer.js";
import { type AuthFlow, type AuthStep, passwordFailed } from "./flow.js";

export const SCRAM_MECHANISM = "SCRAM-SHA-256";

export interface ScramVerifier {
  readonly iterations: number;
  readonly salt: string;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/** Parses 'SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>'; null when malformed. */
export function parseScramVerifier(v: string | undefined): ScramVerifier | null {
  const m = v ? /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(v) : null;
  if (!m) return null;
  const storedKey = Buffer.from(m[3]!, "base64");
  const serverKey = Buffer.from(m[4]!, "base64");
  const iterations = Number(m[1]);
  if (storedKey.length !== 32 || serverKey.length !== 32 || !(iterations > 0)) return null;
  return { iterations, salt: m[2]!, storedKey, serverKey };
}

// Per-process secret for dummy verifiers: an unknown user gets a stable salt across attempts, as
// Postgres's scram_mock_salt does, so repeated probes cannot tell it from a real user.
const MOCK_SECRET = randomBytes(32);

/**
 * The verifier text an unknown user is checked against: a salt derived from the name (distinct per
 * name, stable per name, like a real user's), random keys that no proof matches, and the default
 * iteration count. Parsed the same way as a real verifier, so both paths do the same work.
 */
function mockVerifier(user: string): string {
  const salt = createHmac("sha256", MOCK_SECRET).update(`salt:${user}`).digest().subarray(0, 16);
  const key = () => randomBytes(32).toString("base64");
  return `SCRAM-SHA-256$4096:${salt.toString("base64")}$${key()}:${key()}`;
}

function malformed(detail: string): LakeshiftError {
  return new LakeshiftError(SqlState.ProtocolViolation, "malformed SCRAM message", { detail, severity: "FATAL" });
}

const hmac = (key: Uint8Array, text: string): Buffer => createHmac("sha256", key).update(text, "utf8").digest();

export interface ScramOptions {
  /** Server nonce (base64-safe printable); random 18 bytes by default. Tests pin it to RFC 7677's. */
  readonly serverNonce?: string;
}

export function scramSha256Flow(user: string, creds: Credentials, opts: ScramOptions = {}): AuthFlow {
  // The mock is made for every user, so a known and an unknown name cost the same before the
  // first message (a client times AuthenticationSASL as well as the final answer).
  const mock = mockVerifier(user);
  const real = creds.userExists ? parseScramVerifier(creds.scramVerifier) : null;
  const verifier = real ?? (parseScramVerifier(mock) as ScramVerifier);
  const serverNonce = opts.serverNonce ?? randomBytes(18).toString("base64");
  let stage: "initial" | "final" | "done" = "initial";
  let gs2Header = "";
  let clientFirstBare = "";
  let serverFirst = "";
  let nonce = "";

  function first(data: Uint8Array, out: Serializer): AuthStep {
    const r = new BufferReader(data);
    const mechanism = r.cstring();
    if (mechanism !== SCRAM_MECHANISM) {
      throw new ProtocolError("client selected an invalid SASL authentication mechanism");
    }
    const len = r.int32();
    if (len < 0 || len !== r.remaining) throw malformed("The SASL initial response has an invalid length.");
    const msg = decodeUtf8(r.bytes(len));
    // gs2-header: cbind-flag "," [authzid] ","
    const m = /^([npy])(=[^,]*)?,(a=[^,]*)?,(.*)$/s.exec(msg);
    if (!m) throw malformed("Unexpected channel-binding flag.");
    if (m[1] === "p") {
      throw malformed("The client selected SCRAM-SHA-256-PLUS, but the server did not offer channel binding.");
    }
    if (m[2] !== undefined) throw malformed("Unexpected channel-binding flag.");
    if (m[3] !== undefined) {
      throw new LakeshiftError(
        SqlState.FeatureNotSupported,
        "client uses authorization identity, but it is not supported",
        {
          severity: "FATAL",
        },
      );
    }
    gs2Header = `${m[1]},,`;
    clientFirstBare = m[4]!;
    const bare = /^(m=[^,]*,)?n=[^,]*,r=([\x21-\x2b\x2d-\x7e]+)(,.*)?$/s.exec(clientFirstBare);
    if (!bare) throw malformed('Expected attribute "r" with a printable nonce.');
    if (bare[1] !== undefined) throw malformed("Mandatory extensions are not supported.");
    nonce = bare[2]! + serverNonce;
    serverFirst = `r=${nonce},s=${verifier.salt},i=${verifier.iterations}`;
    out.authenticationSaslContinue(serverFirst);
    stage = "final";
    return "continue";
  }

  function final(data: Uint8Array, out: Serializer): AuthStep {
    const msg = decodeUtf8(data);
    const m = /^c=([A-Za-z0-9+/=]*),r=([^,]*)((?:,[^,]*)*?),p=([A-Za-z0-9+/=]+)$/s.exec(msg);
    if (!m) throw malformed("Malformed SCRAM client-final-message.");
    if (Buffer.from(m[1]!, "base64").toString("latin1") !== gs2Header) {
      throw malformed("SCRAM channel binding check failed.");
    }
    if (m[2] !== nonce) throw malformed("Nonce does not match.");
    const proof = Buffer.from(m[4]!, "base64");
    if (proof.length !== 32) throw malformed("Malformed proof in client-final-message.");
    const withoutProof = msg.slice(0, msg.lastIndexOf(",p="));
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
    const clientSignature = hmac(verifier.storedKey, authMessage);
    const clientKey = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    const computed = createHash("sha256").update(clientKey).digest();
    const ok = timingSafeEqual(computed, verifier.storedKey);
    stage = "done";
    if (!ok || real === null || !creds.userExists) throw passwordFailed(user);
    out.authenticationSaslFinal(`v=${hmac(verifier.serverKey, authMessage).toString("base64")}`);
    return "ok";
  }

  return {
    method: "scram-sha-256",
    begin(out: Serializer): AuthStep {
      out.authenticationSasl([SCRAM_MECHANISM]);
      return "continue";
    },
    answer(data: Uint8Array, out: Serializer): AuthStep {
      if (stage === "initial") return first(data, out);
      if (stage === "final") return final(data, out);
      throw new ProtocolError("unexpected SASL message");
    },
  };
}
