// tests/unit/security/password.test.ts
//! Password verifiers, checked against RFC 7677's SCRAM-SHA-256 example exchange and Postgres's md5 rule.

import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import {
  checkPassword,
  md5Hash,
  parsePasswordSpec,
  parseScramVerifier,
  passwordRuleViolation,
  scramVerifier,
  sha256Digest,
} from "../../../src/security/password.js";

// RFC 7677 section 3: user "user", password "pencil".
const RFC = {
  clientFirstBare: "n=user,r=rOprNGfwEbeRWgbNEkqO",
  serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
  clientFinalNoProof: "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
  proof: "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
  serverSignature: "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

test("SCRAM verifier verifies RFC 7677's client proof and yields its server signature", () => {
  const v = scramVerifier("pencil", { salt: "W22ZaJ0SNY7soEsUEjb6gQ==", iterations: 4096 });
  assert.match(v, /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
  const s = parseScramVerifier(v);
  assert.ok(s);
  const authMessage = `${RFC.clientFirstBare},${RFC.serverFirst},${RFC.clientFinalNoProof}`;
  const clientSignature = createHmac("sha256", s.storedKey).update(authMessage).digest();
  const proof = Buffer.from(RFC.proof, "base64");
  const clientKey = Buffer.from(proof.map((b, i) => b ^ (clientSignature[i] ?? 0)));
  assert.deepEqual(createHash("sha256").update(clientKey).digest(), s.storedKey);
  const serverSignature = createHmac("sha256", s.serverKey).update(authMessage).digest("base64");
  assert.equal(serverSignature, RFC.serverSignature);
});

test("same verifier as PostgreSQL 15 for the same salt", () => {
  // CREATE ROLE sc PASSWORD 'Pencil123' with password_encryption = 'scram-sha-256', read from pg_authid.
  const pg =
    "SCRAM-SHA-256$4096:rCRNG9TqicB5T4a8RXYPeg==$2PxZC3PPbYLTXm+lh6G7AaZJG77REs2H6K58w/7Pun4=:g27dFCFLxAUV4+gSujYnkzgMiLpC6A3eYZgWYyZOIyI=";
  assert.equal(scramVerifier("Pencil123", { salt: "rCRNG9TqicB5T4a8RXYPeg==" }), pg);
  assert.equal(checkPassword("Pencil123", { scramVerifier: pg }, "sc"), true);
});

test("random salts differ; defaults are 4096 iterations and 16 bytes", () => {
  const a = parseScramVerifier(scramVerifier("x"));
  const b = parseScramVerifier(scramVerifier("x"));
  assert.equal(a?.iterations, 4096);
  assert.equal(Buffer.from(a?.salt ?? "", "base64").length, 16);
  assert.notEqual(a?.salt, b?.salt);
  assert.equal(parseScramVerifier("md5abc"), undefined);
});

test("md5 hash is md5(password + user) with an md5 prefix", () => {
  // echo -n 'secretalice' | md5sum
  assert.equal(md5Hash("secret", "alice"), `md5${createHash("md5").update("secretalice").digest("hex")}`);
  assert.equal(md5Hash("pencil", "user").length, 35);
});

test("CREATE USER password forms", () => {
  const plain = parsePasswordSpec("Pencil123", "user");
  assert.equal(plain.form, "plain");
  assert.equal(plain.md5Hash, md5Hash("Pencil123", "user"));
  assert.ok(plain.scramVerifier && checkPassword("Pencil123", { scramVerifier: plain.scramVerifier }, "user"));

  const pre = parsePasswordSpec("md5153AA7F1B2B3D1E1C2F4A5B6C7D8E9F0", "user");
  assert.equal(pre.form, "md5");
  assert.equal(pre.md5Hash, "md5153aa7f1b2b3d1e1c2f4a5b6c7d8e9f0");
  assert.equal(pre.scramVerifier, undefined, "a pre-hashed md5 password cannot give a SCRAM verifier");

  const shaPlain = parsePasswordSpec("sha256|Mypassword1", "user");
  assert.equal(shaPlain.form, "sha256-plain");
  assert.ok(shaPlain.md5Hash && shaPlain.scramVerifier && shaPlain.sha256);
  assert.ok(checkPassword("Mypassword1", { sha256: shaPlain.sha256 }, "user"));

  const digest = sha256Digest("Mypassword1", "mysalt");
  const shaDigest = parsePasswordSpec(`sha256|${digest}`, "user");
  assert.equal(shaDigest.form, "sha256-digest");
  assert.equal(shaDigest.sha256, digest);
  assert.equal(shaDigest.md5Hash, undefined);
  assert.ok(checkPassword("Mypassword1", shaDigest, "user"));
  assert.equal(checkPassword("Mypassword2", shaDigest, "user"), false);
});

test("checkPassword against each stored form", () => {
  const stored = parsePasswordSpec("Secret99", "bob");
  assert.equal(checkPassword("Secret99", stored, "bob"), true);
  assert.equal(checkPassword("secret99", stored, "bob"), false);
  assert.equal(checkPassword("Secret99", { md5Hash: md5Hash("Secret99", "bob") }, "bob"), true);
  assert.equal(checkPassword("Secret99", { md5Hash: md5Hash("Secret99", "bob") }, "eve"), false);
  assert.equal(checkPassword("anything", {}, "bob"), false);
});

test("Redshift's clear-text password rules", () => {
  assert.equal(passwordRuleViolation("Abcdefg1"), undefined);
  assert.match(passwordRuleViolation("short1A") ?? "", /8 and 64/);
  assert.match(passwordRuleViolation("abcdefg1") ?? "", /uppercase/);
  assert.match(passwordRuleViolation("ABCDEFG1") ?? "", /lowercase/);
  assert.match(passwordRuleViolation("Abcdefgh") ?? "", /number/);
  assert.match(passwordRuleViolation("Abcdefg1@") ?? "", /invalid/);
});
