// src/catalog/store/functions.ts
//! Catalog rows of scalar SQL UDFs (CREATE / DROP FUNCTION): one row in "functions" per
//! overload; EXECUTE goes to PUBLIC on creation, as Redshift grants it by default.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html

import type { FunctionDef } from "../reader.js";
import type { SqlRunner } from "../runner.js";
import { sqlValue } from "../sql-text.js";
import { catalogSchemaOf } from "./bootstrap.js";
import { deleteObjectAcl, writeGrants } from "./grants.js";
import { nextOid } from "./writes.js";

export type NewFunction = Omit<FunctionDef, "oid">;

/** Writes a new function (or, with `replaceOid`, a new definition under the same oid and grants). */
export async function writeFunction(
  runner: SqlRunner,
  schemaOid: number,
  def: NewFunction,
  replaceOid?: number,
): Promise<number> {
  const cat = catalogSchemaOf(def.database);
  if (replaceOid !== undefined) await runner.run(`DELETE FROM ${cat}.functions WHERE oid = ${replaceOid}`);
  const oid = replaceOid ?? (await nextOid(runner, def.database));
  const values = [
    oid,
    schemaOid,
    sqlValue(def.name),
    sqlValue(JSON.stringify(def.argTypes)),
    sqlValue(def.returns),
    sqlValue(def.volatility),
    sqlValue(def.body),
    sqlValue(def.owner),
  ];
  await runner.run(`INSERT INTO ${cat}.functions VALUES (${values.join(", ")}, now()::TIMESTAMP)`);
  if (replaceOid === undefined) {
    await writeGrants(runner, def.database, [
      {
        objkind: "function",
        objoid: oid,
        objname: `${def.schema}.${def.name}(${def.argTypes.join(", ")})`,
        granteeKind: "public",
        grantee: "",
        privilege: "execute",
        grantable: false,
        grantor: def.owner,
      },
    ]);
  }
  return oid;
}

/** Deletes a function's row, grants and comments. */
export async function deleteFunction(runner: SqlRunner, database: string, oid: number): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`DELETE FROM ${cat}.functions WHERE oid = ${oid}`);
  await runner.run(`DELETE FROM ${cat}.comments WHERE objoid = ${oid}`);
  await deleteObjectAcl(runner, database, "function", oid);
}
