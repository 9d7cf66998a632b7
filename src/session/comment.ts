// src/session/comment.ts
//! COMMENT ON { TABLE | VIEW | COLUMN | CONSTRAINT c ON | SCHEMA | DATABASE } name IS 'text' | NULL: the comment is
//! a catalog row (pg_description), written in the statement's transaction, removed by IS NULL
//! and dropped with its object. Only the object's owner or a superuser may comment.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COMMENT.html

import type { RelationDef } from "../catalog/reader.js";
import { AuthError, LakeshiftError, SqlState } from "../common/errors.js";
import type { CommentOn } from "../sql/ast/index.js";
import type { ExecuteOutcome } from "./api.js";
import { catalogWrite } from "./catalog-write.js";
import type { ClusterContext } from "./context.js";
import type { LakeshiftSession } from "./session.js";

type Target = Parameters<ClusterContext["store"]["setComment"]>[2];

export async function runComment(
  cluster: ClusterContext,
  session: LakeshiftSession,
  stmt: CommentOn,
): Promise<ExecuteOutcome> {
  const reader = session.catalog();
  const text = stmt.comment?.value ?? null;
  const n = stmt.name;
  let target: Target;
  let owner: string;
  let what: string;
  switch (stmt.objectType) {
    case "database": {
      // Redshift: a comment on another (or an unknown) database is a warning, not an error.
      const name = n.schema === undefined ? n.name : undefined;
      const db = name === session.database ? cluster.store.getDatabase(name) : undefined;
      if (!db) {
        return {
          kind: "command",
          tag: "COMMENT",
          notices: [
            {
              severity: "WARNING",
              sqlstate: SqlState.FeatureNotSupported,
              message: "database comments may only be applied to the current database",
            },
          ],
        };
      }
      target = { kind: "database", oid: db.oid };
      owner = db.owner;
      what = `database ${db.name}`;
      break;
    }
    case "schema": {
      const database = n.schema ?? session.database;
      const schema = reader.schema(database, n.name);
      if (!schema || database !== session.database) {
        throw new LakeshiftError(SqlState.InvalidSchemaName, `schema "${n.name}" does not exist`);
      }
      target = { kind: "schema", oid: schema.oid };
      owner = schema.owner;
      what = `schema ${schema.name}`;
      break;
    }
    default: {
      const rel = relationOf(session, stmt);
      if (stmt.objectType === "column") {
        const col = rel.columns.find((c) => c.name === stmt.column);
        if (!col) {
          throw new LakeshiftError(
            SqlState.UndefinedColumn,
            `column "${stmt.column}" of relation "${rel.name}" does not exist`,
          );
        }
        target = { kind: "column", oid: rel.oid, column: col.ordinal };
      } else if (stmt.objectType === "constraint") {
        const oid = await cluster.store.constraintOid(session.conn, rel.database, rel.oid, stmt.constraint ?? "");
        if (oid === undefined) {
          throw new LakeshiftError(
            SqlState.UndefinedObject,
            `constraint "${stmt.constraint}" for table "${rel.name}" does not exist`,
          );
        }
        target = { kind: "constraint", oid };
      } else target = { kind: "relation", oid: rel.oid };
      owner = rel.owner;
      what = `relation ${rel.name}`;
    }
  }
  if (!session.user.superuser && session.user.name !== owner) {
    throw new AuthError(SqlState.InsufficientPrivilege, `must be owner of ${what}`);
  }
  await catalogWrite(cluster, session, () => cluster.store.setComment(session.conn, session.database, target, text));
  return { kind: "command", tag: "COMMENT" };
}

/** The table or view a COMMENT ON TABLE / VIEW / COLUMN names, of the kind it names. */
function relationOf(session: LakeshiftSession, stmt: CommentOn): RelationDef {
  const n = stmt.name;
  if (n.database !== undefined && n.database !== session.database) {
    throw new LakeshiftError(
      SqlState.FeatureNotSupported,
      `cross-database references are not implemented: "${n.database}.${n.schema}.${n.name}"`,
    );
  }
  const rel = session.catalog().relation({ schema: n.schema, name: n.name });
  const shown = n.schema ? `${n.schema}.${n.name}` : n.name;
  if (!rel || rel.kind === "system")
    throw new LakeshiftError(SqlState.UndefinedTable, `relation "${shown}" does not exist`);
  if (stmt.objectType === "view" && rel.kind !== "view") {
    throw new LakeshiftError(SqlState.WrongObjectType, `"${shown}" is not a view`);
  }
  if (stmt.objectType === "table" && rel.kind !== "table") {
    throw new LakeshiftError(SqlState.WrongObjectType, `"${shown}" is not a table`);
  }
  if (stmt.objectType === "column" && rel.lateBinding) {
    throw new LakeshiftError(
      SqlState.FeatureNotSupported,
      "comments on columns of late-binding views are not supported",
    );
  }
  return rel;
}
