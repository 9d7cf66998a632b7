// src/catalog/store/alter-writes.ts
//! Catalog rows for ALTER TABLE beyond rename/add/drop column (catalog-store.ts): a column's type
//! or encoding, the distribution and sort key, informational constraints added and dropped.

import type { ColumnDef, DistStyle, SortKind } from "../reader.js";
import type { SqlRunner } from "../runner.js";
import { sqlValue } from "../sql-text.js";
import { WellKnownOid } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";
import { insertColumns } from "./writes.js";

/** Replaces a column's row (same ordinal) with `column`: a new type or encoding. */
export async function replaceColumn(
  runner: SqlRunner,
  database: string,
  relOid: number,
  column: ColumnDef,
): Promise<void> {
  await runner.run(
    `DELETE FROM ${catalogSchemaOf(database)}.columns WHERE rel_oid = ${relOid} AND ordinal = ${column.ordinal}`,
  );
  await insertColumns(runner, database, relOid, [column]);
}

/** DISTSTYLE and, for KEY, the one DISTKEY column. */
export async function writeDistribution(
  runner: SqlRunner,
  database: string,
  relOid: number,
  style: DistStyle,
  distKey: string | undefined,
): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`UPDATE ${cat}.relations SET diststyle = ${sqlValue(style)} WHERE oid = ${relOid}`);
  await runner.run(
    `UPDATE ${cat}.columns SET distkey = (name IS NOT DISTINCT FROM ${sqlValue(distKey ?? null)}) WHERE rel_oid = ${relOid}`,
  );
}

/** The sort key: its kind and the columns' positions in it (none: no columns). */
export async function writeSortKey(
  runner: SqlRunner,
  database: string,
  relOid: number,
  kind: SortKind,
  columns: readonly string[],
): Promise<void> {
  const cat = catalogSchemaOf(database);
  await runner.run(`UPDATE ${cat}.relations SET sortkind = ${sqlValue(kind)} WHERE oid = ${relOid}`);
  await runner.run(`UPDATE ${cat}.columns SET sortkey_ord = 0 WHERE rel_oid = ${relOid}`);
  for (const [i, c] of columns.entries()) {
    await runner.run(
      `UPDATE ${cat}.columns SET sortkey_ord = ${i + 1} WHERE rel_oid = ${relOid} AND name = ${sqlValue(c)}`,
    );
  }
}

/** Deletes a named constraint; false when the table has none of that name. */
export async function deleteConstraint(
  runner: SqlRunner,
  database: string,
  relOid: number,
  name: string,
): Promise<boolean> {
  const cat = catalogSchemaOf(database);
  const found = await runner.all(
    `SELECT count(*) FROM ${cat}.constraints WHERE rel_oid = ${relOid} AND name = ${sqlValue(name)}`,
  );
  if (Number(found.rows[0]?.[0] ?? 0) === 0) return false;
  await runner.run(
    `DELETE FROM ${cat}.comments WHERE classoid = ${WellKnownOid.pgConstraint} AND objoid IN ` +
      `(SELECT oid FROM ${cat}.constraints WHERE rel_oid = ${relOid} AND name = ${sqlValue(name)})`,
  );
  await runner.run(`DELETE FROM ${cat}.constraints WHERE rel_oid = ${relOid} AND name = ${sqlValue(name)}`);
  return true;
}

/** The OID of a table's constraint, by name. */
export async function constraintOid(
  runner: SqlRunner,
  database: string,
  relOid: number,
  name: string,
): Promise<number | undefined> {
  const r = await runner.all(
    `SELECT oid FROM ${catalogSchemaOf(database)}.constraints WHERE rel_oid = ${relOid} AND name = ${sqlValue(name)}`,
  );
  const oid = r.rows[0]?.[0];
  return oid === undefined || oid === null ? undefined : Number(oid);
}

/** Column-level grants of a dropped column go with it. */
export async function deleteColumnAcl(
  runner: SqlRunner,
  database: string,
  relOid: number,
  column: string,
): Promise<void> {
  await runner.run(
    `DELETE FROM ${catalogSchemaOf(database)}.acl WHERE objkind = 'table' AND objoid = ${relOid} AND column_name = ${sqlValue(column)}`,
  );
}
