// src/security/password.ts
//! Password verifiers: Postgres's SCRAM-SHA-256 verifier (RFC 5802/7677, stored as
//! 'SCRAM-SHA-256$<iter>:<salt b64>$<StoredKey b64>:<ServerKey b64>'), the md5 hash
//! ('md5' + md5hex(password + user)), and Redshift's CREATE USER PASSWORD forms.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html
//! Passwords are used as UTF-8 bytes without SASLprep normalization (the same for ASCII).

import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import type { StoredPassword } from "../catalog/store/users.js";

export const SCRAM_DEFAULT_ITERATIONS = 4096;

export interface ScramSecret {
  readonly iterations: number;
  /** Base64 salt, as sent in the server-first message. */
  readonly salt: string;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, data: string | Buffer) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();

/** SaltedPassword, ClientKey, StoredKey and ServerKey for a password (RFC 5802 section 3). */
export function scramKeys(
  password: string,
  salt: Buffer,
  iterations: number,
): { saltedPassword: Buffer; clientKey: Buffer; storedKey: Buffer; serverKey: Buffer } {
  const saltedPassword = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = hmac(saltedPassword, "Client Key");
  return { saltedPassword, clientKey, storedKey: sha256(clientKey), serverKey: hmac(saltedPassword, "Server Key") };
}

/** A SCRAM-SHA-256 verifier in Postgres's format; salt (bytes or base64) defaults to 16 random bytes. */
export function scramVerifier(password: string, options: { salt?: Buffer | string; iterations?: number } = {}): string {
  const salt =
    options.salt === undefined
      ? randomBytes(16)
      : typeof options.salt === "string"
        ? Buffer.from(options.salt, "base64")
        : options.salt;
  const iterations = options.iterations ?? SCRAM_DEFAULT_ITERATIONS;
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** Parses a verifier; undefined when it is not one. */
export function parseScramVerifier(verifier: string): ScramSecret | undefined {
  const m = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(verifier);
  if (!m) return undefined;
  const storedKey = Buffer.from(m[3] ?? "", "base64");
  const serverKey = Buffer.from(m[4] ?? "", "base64");
  if (storedKey.length !== 32 || serverKey.length !== 32) return undefined;
  return { iterations: Number(m[1]), salt: m[2] ?? "", storedKey, serverKey };
}

/** 'md5' + md5hex(password + user), as Postgres and Redshift store it. */
export function md5Hash(password: string, user: string): string {
  return `md5${createHash("md5")
    .update(password + user, "utf8")
    .digest("hex")}`;
}

/** Redshift's sha256 form: '<hex digest>|<salt>' with digest = sha256hex(password + salt). */
export function sha256Digest(password: string, salt: string): string {
  return `${createHash("sha256")
    .update(password + salt, "utf8")
    .digest("hex")}|${salt}`;
}

export interface ParsedPassword extends StoredPassword {
  /** Which CREATE USER form it was. */
  readonly form: "plain" | "md5" | "sha256-plain" | "sha256-digest";
}

/**
 * Reads CREATE/ALTER USER ... PASSWORD '<spec>' and returns what can be stored:
 * - plain text: md5 hash and SCRAM verifier;
 * - 'md5<32 hex>' (already hashed with the user name): the md5 hash only. A SCRAM verifier
 *   cannot be derived from it, so that user can log in with md5 or cleartext auth only;
 * - 'sha256|<plain>': a random salt's digest, plus md5 and SCRAM (the password is known);
 * - 'sha256|<64 hex digest>|<salt>': the digest only (cleartext auth only).
 */
export function parsePasswordSpec(spec: string, user: string): ParsedPassword {
  if (/^md5[0-9a-f]{32}$/i.test(spec)) return { form: "md5", md5Hash: spec.toLowerCase() };
  if (spec.startsWith("sha256|")) {
    const rest = spec.slice("sha256|".length);
    const digest = /^([0-9a-f]{64})\|(.+)$/i.exec(rest);
    if (digest) return { form: "sha256-digest", sha256: `${digest[1]?.toLowerCase()}|${digest[2]}` };
    return {
      form: "sha256-plain",
      sha256: sha256Digest(rest, randomBytes(12).toString("hex")),
      md5Hash: md5Hash(rest, user),
      scramVerifier: scramVerifier(rest),
    };
  }
  return { form: "plain", md5Hash: md5Hash(spec, user), scramVerifier: scramVerifier(spec) };
}

/**
 * Redshift's rules for a clear-text password: 8 to 64 characters, an upper-case letter, a
 * lower-case letter and a digit, printable ASCII except ' " \ / @. Returns the complaint, if any.
 */
export function passwordRuleViolation(password: string): string | undefined {
  if (password.length < 8 || password.length > 64) return "password must be between 8 and 64 characters";
  if (!/[A-Z]/.test(password)) return "password must contain an uppercase character";
  if (!/[a-z]/.test(password)) return "password must contain a lowercase character";
  if (!/[0-9]/.test(password)) return "password must contain a number";
  if (/[^\x21-\x7e]|['"\\/@]/.test(password)) return "password contains an invalid character";
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a clear-text password (auth method 'password') against whatever is stored. */
export function checkPassword(password: string, stored: StoredPassword, user: string): boolean {
  if (stored.scramVerifier) {
    const s = parseScramVerifier(stored.scramVerifier);
    if (s) {
      const keys = scramKeys(password, Buffer.from(s.salt, "base64"), s.iterations);
      return timingSafeEqual(keys.storedKey, s.storedKey);
    }
  }
  if (stored.md5Hash) return sameText(md5Hash(password, user), stored.md5Hash);
  if (stored.sha256) {
    const bar = stored.sha256.indexOf("|");
    if (bar > 0) return sameText(sha256Digest(password, stored.sha256.slice(bar + 1)), stored.sha256);
  }
  return false;
}
