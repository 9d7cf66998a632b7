// src/catalog/store/users.ts
//! Users are cluster-wide: their rows live in dev's "_lakeshift".users. Passwords are stored only
//! as verifiers (md5 hash, SCRAM verifier, Redshift sha256 digest|salt); src/security/password.ts
//! derives them from CREATE USER's PASSWORD forms.

import type { SqlRunner } from "../runner.js";
import { num, sqlValue } from "../sql-text.js";
import { CLUSTER_DATABASE, FIRST_USER_SYSID } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";

/** What can be stored for a password; all absent = no password (DISABLE). */
export interface StoredPassword {
  readonly md5Hash?: string;
  readonly scramVerifier?: string;
  readonly sha256?: string;
}

export interface NewUser {
  readonly name: string;
  readonly password?: StoredPassword;
  readonly superuser?: boolean;
  readonly createdb?: boolean;
  readonly validUntil?: Date | null;
  /** -1 (default) = unlimited. */
  readonly connectionLimit?: number;
}

export interface UserChanges {
  /** null disables the password. */
  readonly password?: StoredPassword | null;
  readonly superuser?: boolean;
  readonly createdb?: boolean;
  readonly validUntil?: Date | null;
  readonly connectionLimit?: number;
  /** RENAME TO: clears an md5 hash, which is salted with the user name (as Postgres does). */
  readonly renameTo?: string;
}

const users = () => `${catalogSchemaOf(CLUSTER_DATABASE)}.users`;

function timestamp(d: Date | null | undefined): string {
  return d ? `${sqlValue(d.toISOString())}::TIMESTAMPTZ` : "NULL";
}

export async function writeCreateUser(runner: SqlRunner, u: NewUser): Promise<number> {
  const r = await runner.all(`SELECT coalesce(max(usesysid), 0) FROM ${users()}`);
  const id = Math.max(num(r.rows[0]?.[0]) + 1, FIRST_USER_SYSID);
  const values = [
    sqlValue(id),
    sqlValue(u.name),
    sqlValue(u.superuser ?? false),
    sqlValue(u.createdb ?? false),
    sqlValue(u.password?.md5Hash ?? null),
    sqlValue(u.password?.scramVerifier ?? null),
    sqlValue(u.password?.sha256 ?? null),
    timestamp(u.validUntil),
    sqlValue(u.connectionLimit ?? -1),
    "now()::TIMESTAMP",
  ];
  await runner.run(`INSERT INTO ${users()} VALUES (${values.join(", ")})`);
  return id;
}

export async function writeAlterUser(runner: SqlRunner, name: string, c: UserChanges): Promise<void> {
  const sets: string[] = [];
  if (c.password !== undefined) {
    sets.push(
      `md5 = ${sqlValue(c.password?.md5Hash ?? null)}`,
      `scram = ${sqlValue(c.password?.scramVerifier ?? null)}`,
      `sha256 = ${sqlValue(c.password?.sha256 ?? null)}`,
    );
  }
  if (c.superuser !== undefined) sets.push(`superuser = ${sqlValue(c.superuser)}`);
  if (c.createdb !== undefined) sets.push(`createdb = ${sqlValue(c.createdb)}`);
  if (c.validUntil !== undefined) sets.push(`valid_until = ${timestamp(c.validUntil)}`);
  if (c.connectionLimit !== undefined) sets.push(`connection_limit = ${sqlValue(c.connectionLimit)}`);
  if (c.renameTo !== undefined) {
    sets.push(`name = ${sqlValue(c.renameTo)}`);
    if (c.password === undefined) sets.push("md5 = NULL");
  }
  if (sets.length === 0) return;
  await runner.run(`UPDATE ${users()} SET ${sets.join(", ")} WHERE name = ${sqlValue(name)}`);
}

export async function writeDropUser(runner: SqlRunner, name: string): Promise<void> {
  await runner.run(`DELETE FROM ${users()} WHERE name = ${sqlValue(name)}`);
}
