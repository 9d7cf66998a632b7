// src/catalog/store/rls.ts
//! Row-level security in the catalog: policies (the predicate as Redshift SQL text, the columns
//! it names), their attachments to tables for users, roles or PUBLIC, and which tables have RLS
//! turned on (with how several policies combine). Per database, like Redshift's RLS catalog.
//! https://docs.aws.amazon.com/redshift/latest/dg/t_rls.html

import type { SqlRunner } from "../runner.js";
import { num, optStr, sqlValue, str } from "../sql-text.js";
import { catalogSchemaOf } from "./bootstrap.js";
import type { GranteeKind } from "./grants.js";

export interface RlsPolicyRecord {
  readonly name: string;
  /** WITH (c type, ...): column names and type text. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly alias?: string;
  /** The USING predicate as Redshift SQL; absent: true. */
  readonly usingSql?: string;
  readonly owner: string;
}

export interface RlsAttachment {
  readonly policy: string;
  readonly relOid: number;
  readonly granteeKind: GranteeKind;
  readonly grantee: string;
}

export interface RlsTable {
  readonly enabled: boolean;
  readonly conjunction: "and" | "or";
}

export interface RlsData {
  readonly policies: ReadonlyMap<string, RlsPolicyRecord>;
  readonly attachments: readonly RlsAttachment[];
  readonly tables: ReadonlyMap<number, RlsTable>;
}

export async function loadRls(runner: SqlRunner, database: string): Promise<RlsData> {
  const cat = catalogSchemaOf(database);
  const policies = new Map<string, RlsPolicyRecord>();
  for (const r of (await runner.all(`SELECT name, columns, alias, using_sql, owner FROM ${cat}.rls_policies`)).rows) {
    const alias = optStr(r[2]);
    const usingSql = optStr(r[3]);
    policies.set(str(r[0]), {
      name: str(r[0]),
      columns: JSON.parse(str(r[1]) || "[]"),
      ...(alias !== undefined ? { alias } : {}),
      ...(usingSql !== undefined ? { usingSql } : {}),
      owner: str(r[4]),
    });
  }
  const attachments = (
    await runner.all(`SELECT policy, rel_oid, grantee_kind, grantee FROM ${cat}.rls_attachments ORDER BY 1, 2, 3, 4`)
  ).rows.map((r) => ({
    policy: str(r[0]),
    relOid: num(r[1]),
    granteeKind: str(r[2]) as GranteeKind,
    grantee: str(r[3]),
  }));
  const tables = new Map<number, RlsTable>();
  for (const r of (await runner.all(`SELECT rel_oid, enabled, conjunction FROM ${cat}.rls_tables`)).rows) {
    tables.set(num(r[0]), { enabled: r[1] === true, conjunction: str(r[2]) === "or" ? "or" : "and" });
  }
  return { policies, attachments, tables };
}

export async function writeRlsPolicy(
  runner: SqlRunner,
  database: string,
  p: RlsPolicyRecord,
  replace: boolean,
): Promise<void> {
  const cat = catalogSchemaOf(database);
  if (replace) await runner.run(`DELETE FROM ${cat}.rls_policies WHERE name = ${sqlValue(p.name)}`);
  const values = [p.name, JSON.stringify(p.columns), p.alias ?? null, p.usingSql ?? null, p.owner];
  await runner.run(`INSERT INTO ${cat}.rls_policies VALUES (${values.map(sqlValue).join(", ")})`);
}

export async function writeDropRlsPolicy(runner: SqlRunner, database: string, name: string): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`DELETE FROM ${cat}.rls_policies WHERE name = ${sqlValue(name)}`);
  await runner.run(`DELETE FROM ${cat}.rls_attachments WHERE policy = ${sqlValue(name)}`);
}

export async function writeRlsAttachments(
  runner: SqlRunner,
  database: string,
  entries: readonly RlsAttachment[],
  detach: boolean,
): Promise<void> {
  const cat = catalogSchemaOf(database);
  for (const a of entries) {
    const where =
      `policy = ${sqlValue(a.policy)} AND rel_oid = ${a.relOid} AND grantee_kind = ${sqlValue(a.granteeKind)} ` +
      `AND grantee = ${sqlValue(a.grantee)}`;
    await runner.run(`DELETE FROM ${cat}.rls_attachments WHERE ${where}`);
    if (!detach) {
      const values = [a.policy, a.relOid, a.granteeKind, a.grantee];
      await runner.run(`INSERT INTO ${cat}.rls_attachments VALUES (${values.map(sqlValue).join(", ")})`);
    }
  }
}

export async function writeRlsTable(runner: SqlRunner, database: string, relOid: number, t: RlsTable): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`DELETE FROM ${cat}.rls_tables WHERE rel_oid = ${relOid}`);
  await runner.run(
    `INSERT INTO ${cat}.rls_tables VALUES (${relOid}, ${sqlValue(t.enabled)}, ${sqlValue(t.conjunction)})`,
  );
}
