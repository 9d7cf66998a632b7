// src/session/rls.ts
//! Row-level security statements: CREATE/ALTER/DROP RLS POLICY, ATTACH/DETACH RLS POLICY and
//! ALTER TABLE ... ROW LEVEL SECURITY. Superusers and sys:secadmin manage policies; a table's
//! owner may also switch RLS on or off for it. The binder applies the filters (security/rls.ts).

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { RelationDef } from "../catalog/reader.js";
import type { ObjectName, SecurityStatement } from "../sql/ast/index.js";
import { objectName, printExpr, typeName } from "../sql/index.js";
import type { ClusterContext } from "./context.js";
import type { LakeshiftSession } from "./session.js";
import { denied } from "./security.js";
import type { SecurityRun } from "./security-run.js";

function table(cluster: ClusterContext, session: LakeshiftSession, n: ObjectName): RelationDef {
  const rel = cluster.readerFor(session).relation({ database: n.database, schema: n.schema, name: n.name });
  if (!rel || rel.kind === "system") {
    throw new LakeshiftError(SqlState.UndefinedTable, `relation "${objectName(n)}" does not exist`);
  }
  if (rel.kind !== "table") throw new LakeshiftError(SqlState.WrongObjectType, `"${rel.name}" is not a table`);
  return rel;
}

export async function runRlsStatement(run: SecurityRun, stmt: SecurityStatement): Promise<string> {
  const { cluster, session, me, store, conn } = run;
  const db = session.database;
  const manage = (what: string) => {
    if (!me.userAdmin) throw denied(`permission denied to ${what}`);
  };
  switch (stmt.kind) {
    case "CreateRlsPolicy":
      manage("create RLS policy");
      await store.putRlsPolicy(
        conn,
        db,
        {
          name: stmt.name,
          columns: stmt.columns.map((c) => ({ name: c.name, type: typeName(c.type) })),
          ...(stmt.alias !== undefined ? { alias: stmt.alias } : {}),
          ...(stmt.using ? { usingSql: printExpr(stmt.using) } : {}),
          owner: me.name,
        },
        false,
      );
      return "CREATE RLS POLICY";
    case "AlterRlsPolicy": {
      manage("alter RLS policy");
      const old = store.rlsPolicy(conn, db, stmt.name);
      if (!old) throw new LakeshiftError(SqlState.UndefinedObject, `policy "${stmt.name}" does not exist`);
      await store.putRlsPolicy(conn, db, { ...old, usingSql: printExpr(stmt.using) }, true);
      return "ALTER RLS POLICY";
    }
    case "DropRlsPolicy":
      manage("drop RLS policy");
      await store.dropRlsPolicy(conn, db, stmt.name, stmt.cascade, stmt.ifExists);
      return "DROP RLS POLICY";
    case "AttachRlsPolicy": {
      manage(`${stmt.detach ? "detach" : "attach"} RLS policy`);
      const policy = store.rlsPolicy(conn, db, stmt.name);
      if (!policy) throw new LakeshiftError(SqlState.UndefinedObject, `policy "${stmt.name}" does not exist`);
      const entries = stmt.tables.flatMap((n) => {
        const rel = table(cluster, session, n);
        for (const c of policy.columns) {
          if (!stmt.detach && !rel.columns.some((col) => col.name === c.name)) {
            throw new LakeshiftError(
              SqlState.UndefinedColumn,
              `column "${c.name}" of policy "${policy.name}" does not exist in relation "${rel.name}"`,
            );
          }
        }
        return stmt.grantees.map((g) => ({
          policy: stmt.name,
          relOid: rel.oid,
          granteeKind: g.type === "group" ? ("group" as const) : g.type,
          grantee: g.type === "public" ? "" : (g.name ?? ""),
        }));
      });
      await store.attachRlsPolicy(conn, db, entries, stmt.detach);
      return stmt.detach ? "DETACH RLS POLICY" : "ATTACH RLS POLICY";
    }
    case "AlterTableRls": {
      const rel = table(cluster, session, stmt.table);
      if (!me.userAdmin && rel.owner !== me.name) throw denied(`must be owner of relation ${rel.name}`);
      await store.setTableRls(conn, rel.database, rel.oid, {
        enabled: stmt.enabled,
        conjunction: stmt.conjunction ?? "and",
      });
      return "ALTER TABLE";
    }
    default:
      throw new LakeshiftError(SqlState.FeatureNotSupported, `${stmt.kind} is not supported`);
  }
}
