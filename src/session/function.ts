// src/session/function.ts
//! CREATE [OR REPLACE] FUNCTION and DROP FUNCTION for scalar SQL UDFs. The body is bound once at
//! CREATE ($n as a NULL of the n-th parameter type) to check it; calls inline it (plan/bind/udf.ts).
//! Only the owner or a superuser may replace or drop a function; EXECUTE goes to PUBLIC. DROP
//! FUNCTION refuses (2BP01) while a schema-bound view calls it; CASCADE drops those views too.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_FUNCTION.html

import type { CatalogReader, FunctionDef, RelationDef } from "../catalog/reader.js";
import { splitQualifiedName } from "../security/has-privilege.js";
import { AuthError, LakeshiftError, SqlState } from "../common/errors.js";
import { checkUdfBody, storedType } from "../plan/index.js";
import type { CreateFunction, DropFunction, ObjectName, Statement, TypeName } from "../sql/ast/index.js";
import { parseType, printExpr, typeName } from "../sql/index.js";
import { formatType } from "../sql/types.js";
import type { ExecuteOutcome } from "./api.js";
import { catalogWrite } from "./catalog-write.js";
import type { ClusterContext } from "./context.js";
import { dependentViews } from "./dependents.js";
import { sessionAccess } from "./security.js";
import type { LakeshiftSession } from "./session.js";

/** Binds a statement with $n standing for NULLs of the given types (the CREATE-time body check). */
export type BodyBinder = (stmt: Statement, args: readonly TypeName[]) => void;

/** Binds a view's body, telling `used` of every SQL UDF it calls (throws when it no longer binds). */
export type CallFinder = (view: RelationDef, used: (f: FunctionDef) => void) => void;

/** The canonical text a parameter or return type is stored and shown as ("integer", "character varying(20)"). */
export function canonicalType(t: TypeName): string {
  return formatType(storedType(typeName(t)));
}

function sameSignature(f: FunctionDef, types: readonly string[]): boolean {
  return (
    f.argTypes.length === types.length &&
    f.argTypes.every((a, i) => storedType(a).id === storedType(types[i] as string).id)
  );
}

function schemaOf(session: LakeshiftSession, n: ObjectName): string {
  if (n.database !== undefined && n.database !== session.database) {
    throw new LakeshiftError(SqlState.FeatureNotSupported, "cross-database references are not implemented");
  }
  if (n.schema !== undefined) return n.schema;
  const reader = session.catalog();
  const first = reader.searchPath.find((s) => reader.schema(session.database, s));
  if (!first) throw new LakeshiftError(SqlState.InvalidSchemaName, "no schema has been selected to create in");
  return first;
}

/** The overload `name(types)` names, if any. */
export function findFunction(
  session: LakeshiftSession,
  n: ObjectName,
  types: readonly string[],
): FunctionDef | undefined {
  const fns = session
    .catalog()
    .userFunctions({ ...(n.schema !== undefined ? { schema: n.schema } : {}), name: n.name });
  return fns.find((f) => sameSignature(f, types));
}

function requireOwner(session: LakeshiftSession, f: FunctionDef): void {
  if (!session.user.superuser && session.user.name !== f.owner) {
    throw new AuthError(SqlState.InsufficientPrivilege, `must be owner of function ${f.name}`);
  }
}

export async function runCreateFunction(
  cluster: ClusterContext,
  session: LakeshiftSession,
  stmt: CreateFunction,
  bindBody: BodyBinder,
): Promise<ExecuteOutcome> {
  const schema = schemaOf(session, stmt.name);
  const argTypes = stmt.argTypes.map(canonicalType);
  const returns = canonicalType(stmt.returns);
  checkUdfBody(stmt.body, argTypes.length);
  bindBody(
    {
      kind: "Select",
      pos: stmt.body.pos,
      distinct: false,
      items: [
        {
          kind: "SelectItem",
          pos: stmt.body.pos,
          expr: { kind: "Cast", pos: stmt.body.pos, expr: stmt.body, type: stmt.returns },
        },
      ],
      from: [],
    },
    stmt.argTypes,
  );
  const existing = findFunction(session, { ...stmt.name, schema }, argTypes);
  if (existing) {
    if (!stmt.orReplace) {
      throw new LakeshiftError(
        SqlState.DuplicateFunction,
        `function "${stmt.name.name}" already exists with same argument types`,
      );
    }
    requireOwner(session, existing);
    if (storedType(existing.returns).id !== storedType(returns).id) {
      throw new LakeshiftError(SqlState.InvalidFunctionDefinition, "cannot change return type of existing function");
    }
  } else {
    // Creating needs CREATE on the schema, as for tables.
    sessionAccess(cluster, session)?.schema(session.database, schema, "create");
  }
  const def = {
    database: session.database,
    schema,
    name: stmt.name.name,
    argTypes,
    returns,
    volatility: stmt.volatility,
    body: printExpr(stmt.body),
    owner: existing?.owner ?? session.user.name,
  };
  await catalogWrite(cluster, session, () => cluster.store.createFunction(session.conn, def, existing?.oid));
  return { kind: "command", tag: "CREATE FUNCTION" };
}

export async function runDropFunction(
  cluster: ClusterContext,
  session: LakeshiftSession,
  stmt: DropFunction,
  findCalls: CallFinder,
): Promise<ExecuteOutcome> {
  const argTypes = stmt.argTypes.map(canonicalType);
  const f = findFunction(session, stmt.name, argTypes);
  if (!f) {
    const shown = `${stmt.name.name}(${argTypes.join(", ")})`;
    if (stmt.ifExists) {
      return {
        kind: "command",
        tag: "DROP FUNCTION",
        notices: [{ severity: "NOTICE", sqlstate: "00000", message: `function ${shown} does not exist, skipping` }],
      };
    }
    throw new LakeshiftError(SqlState.UndefinedFunction, `function ${shown} does not exist`);
  }
  requireOwner(session, f);
  const views = viewsCalling(cluster, session, f, findCalls);
  if (views.length > 0 && stmt.behavior !== "cascade") {
    const shown = `function ${f.name}(${f.argTypes.join(", ")})`;
    const direct = views.filter((v) => v.direct).map((v) => `view ${v.view.name} depends on ${shown}`);
    throw new LakeshiftError(
      SqlState.DependentObjectsStillExist,
      `cannot drop ${shown} because other objects depend on it`,
      {
        detail: direct.join("\n"),
        hint: "Use DROP ... CASCADE to drop the dependent objects too.",
      },
    );
  }
  await catalogWrite(cluster, session, async () => {
    for (const { view } of views) {
      await session.conn.run(`DROP VIEW IF EXISTS ${view.engineName}`);
      await cluster.store.dropRelation(session.conn, view.database, view.oid);
    }
    await cluster.store.dropFunction(session.conn, session.database, f.oid);
  });
  return { kind: "command", tag: "DROP FUNCTION" };
}

/**
 * The views that call `f` (direct) and the views built on those, in an order they can be dropped
 * in (dependents first). A view's body is bound again to see which overload each call reaches;
 * late-binding views depend on nothing, as in Redshift.
 */
function viewsCalling(
  cluster: ClusterContext,
  session: LakeshiftSession,
  f: FunctionDef,
  findCalls: CallFinder,
): { view: RelationDef; direct: boolean }[] {
  const all = cluster.store.relationsIn(session.conn, session.database);
  const direct = all.filter((v) => {
    if (v.kind !== "view" || v.lateBinding || !v.viewSql) return false;
    let calls = false;
    try {
      findCalls(v, (used) => {
        if (used.oid === f.oid) calls = true;
      });
    } catch {
      // A body that no longer binds reaches no function.
    }
    return calls;
  });
  if (direct.length === 0) return [];
  const onTop = dependentViews(direct, all, session.catalog()).filter((v) => !direct.some((d) => d.oid === v.oid));
  return [...onTop.map((view) => ({ view, direct: false })), ...direct.map((view) => ({ view, direct: true }))];
}

/** Splits a signature's argument list 'int, numeric(10,2)' at its top-level commas. */
function argumentTexts(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  out.push(inner.slice(from));
  return out.map((a) => a.trim()).filter((a) => a !== "");
}

/** has_function_privilege's object: 'f(type, ...)' or '[schema.]f' when there is one overload. */
export function functionFromText(reader: CatalogReader, text: string): FunctionDef | undefined {
  const open = text.indexOf("(");
  const parts = splitQualifiedName(open < 0 ? text : text.slice(0, open));
  const name = parts.at(-1) as string;
  const fns = reader.userFunctions({ ...(parts.length > 1 ? { schema: parts.at(-2) as string } : {}), name });
  if (open < 0) return fns.length === 1 ? fns[0] : undefined;
  const types = argumentTexts(text.slice(open + 1, text.lastIndexOf(")"))).map((a) => canonicalType(parseType(a)));
  return fns.find((f) => sameSignature(f, types));
}
