// src/plan/bind/ddl.ts
//! CREATE TABLE (incl. LIKE and CTAS), CREATE/DROP VIEW, CREATE/DROP SCHEMA, DROP TABLE, TRUNCATE.
//! Builds the table definition the catalog records; PK/UNIQUE/FK are informational only.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html

import type { ColumnDef, DistStyle, RelationDef, SortKind } from "../../catalog/reader.js";
import { BindError, SqlState } from "../../common/errors.js";
import type { CreateSchema, CreateTable, CreateView, Drop, ObjectName, Truncate } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BoundExpr } from "../bound/expr.js";
import type {
  BoundCreateSchema,
  BoundCreateTable,
  BoundCreateTableAs,
  BoundCreateView,
  BoundDrop,
  BoundDropSchema,
  BoundTruncate,
  NewTableDef,
  TableConstraintDef,
} from "../bound/statement.js";
import type { BindState } from "./context.js";
import { at, undefinedTable } from "./context.js";
import { bindExpr, typeOf } from "./expr.js";
import { objectNameText } from "./from.js";
import { bindQuery } from "./query.js";
import { Scope } from "./scope.js";
import { exprSql, querySql } from "./sql-text.js";
import { quoteIdent } from "../../common/sql-quote.js";

const q = quoteIdent;

/** The DuckDB name of an object: "db"."schema"."name" (each Redshift database is an attached DuckDB catalog). */
export function engineNameFor(database: string, schema: string, name: string): string {
  return `${q(database)}.${q(schema)}.${q(name)}`;
}

/** Where a new object goes: its database and schema (first search_path schema that exists). */
function placement(name: ObjectName, state: BindState, node: { pos: number }): { database: string; schema: string } {
  const database = name.database ?? state.catalog.database;
  const schema = name.schema ?? state.catalog.searchPath.find((s) => state.catalog.schema(database, s)) ?? "public";
  if (!state.catalog.schema(database, schema)) {
    throw new BindError(SqlState.InvalidSchemaName, `schema "${schema}" does not exist`, at(node));
  }
  return { database, schema };
}

/** Redshift's column type defaults: NUMERIC(18,0), VARCHAR(256), CHAR(1). */
export function columnType(t: SqlType): SqlType {
  switch (t.id) {
    case "decimal":
      return { id: "decimal", precision: t.precision ?? 18, scale: t.scale ?? 0 };
    case "varchar":
      return { id: "varchar", length: t.length ?? 256 };
    case "text":
    case "unknown":
      return { id: "varchar", length: t.length ?? 65535 };
    case "char":
      return { id: "char", length: t.length ?? 1 };
    default:
      return t;
  }
}

/** ENCODE AUTO's choice when no encoding is written: raw for sort keys, booleans and floats; az64 for numbers and times; lzo for strings. */
export function defaultEncoding(t: SqlType, sortKey: boolean): string {
  if (sortKey) return "none";
  switch (t.id) {
    case "smallint":
    case "integer":
    case "bigint":
    case "decimal":
    case "date":
    case "timestamp":
    case "timestamptz":
    case "time":
    case "timetz":
      return "az64";
    case "char":
    case "varchar":
      return "lzo";
    default:
      return "none";
  }
}

/** pg_table_def.sortkey: 1-based position; interleaved keys alternate sign (-1, 2, -3), as Redshift shows them. */
function sortKeyOrdinal(index: number, interleaved: boolean): number {
  if (index < 0) return 0;
  const n = index + 1;
  return interleaved && n % 2 === 1 ? -n : n;
}

/**
 * A default as the catalog keeps it (pg_attrdef.adsrc, \\d): a quoted literal is coerced to the
 * column's type when the table is created, so it shows with that cast ('x'::character varying),
 * as Redshift and Postgres store it.
 */
export function storedDefault(sql: string, quotedLiteral: boolean, type: SqlType): string {
  if (!quotedLiteral) return sql;
  const cast =
    type.id === "varchar"
      ? "character varying"
      : type.id === "char"
        ? "bpchar"
        : type.id === "timestamp"
          ? "timestamp without time zone"
          : type.id === "timestamptz"
            ? "timestamp with time zone"
            : type.id === "decimal"
              ? "numeric"
              : type.id;
  return `${sql}::${cast}`;
}

export function sequenceName(table: string, column: string): string {
  return `${table}_${column}_seq`;
}

/** The schema name temporary tables are found under (pg_temp, as in Postgres and Redshift). */
export const TEMP_SCHEMA = "pg_temp";

export function bindCreateTable(stmt: CreateTable, state: BindState): BoundCreateTable | BoundCreateTableAs {
  // Temporary tables go to the session's own schema, which shadows the search path; DuckDB keeps
  // them in its per-connection "temp" catalog.
  const { database, schema } = stmt.temp
    ? { database: state.catalog.database, schema: TEMP_SCHEMA }
    : placement(stmt.name, state, stmt.name);
  // A temporary table needs TEMP on the database (PUBLIC holds it unless revoked), as in Redshift.
  if (!stmt.temp) state.access?.schema(database, schema, "create");
  else state.access?.database(database, "temp");
  const name = stmt.name.name;
  const existing = state.catalog.relation({ database, schema, name });
  if (existing && !stmt.ifNotExists)
    throw new BindError(SqlState.DuplicateTable, `relation "${name}" already exists`, at(stmt.name));
  const engineName = stmt.temp ? engineNameFor("temp", "main", name) : engineNameFor(database, schema, name);
  const sequenceEngineName = (column: string) =>
    stmt.temp
      ? engineNameFor("temp", "main", sequenceName(name, column))
      : engineNameFor(database, schema, sequenceName(name, column));
  const attrs = stmt.attributes;
  const sortCols = attrs.sortKey?.columns ?? stmt.columns.filter((c) => c.sortKey).map((c) => c.name);
  const interleaved = attrs.sortKey?.style === "interleaved";
  const distKeyCol = attrs.distKey ?? stmt.columns.find((c) => c.distKey)?.name;
  const sortKind: SortKind =
    attrs.sortKey?.style === "auto"
      ? "auto"
      : sortCols.length > 0
        ? interleaved
          ? "interleaved"
          : "compound"
        : "auto";
  const distStyle: DistStyle = attrs.distStyle ?? (distKeyCol ? "key" : "auto");
  const constraints: TableConstraintDef[] = [];
  const defaults = new Map<string, BoundExpr>();
  const sequences = new Map<string, string>();
  const columns: ColumnDef[] = [];
  const add = (
    c: Omit<ColumnDef, "ordinal" | "encoding" | "distKey" | "sortKeyOrdinal"> & { encode?: string },
    node: { pos: number },
  ) => {
    if (columns.some((x) => x.name === c.name))
      throw new BindError(SqlState.DuplicateColumn, `column "${c.name}" specified more than once`, at(node));
    const sortIndex = sortCols.indexOf(c.name);
    columns.push({
      name: c.name,
      ordinal: columns.length + 1,
      type: c.type,
      notNull: c.notNull,
      defaultSql: c.defaultSql,
      identity: c.identity,
      encoding: c.encode === "raw" ? "none" : (c.encode ?? defaultEncoding(c.type, sortIndex >= 0)),
      distKey: c.name === distKeyCol,
      sortKeyOrdinal: sortKeyOrdinal(sortIndex, interleaved),
    });
  };
  if (stmt.like) {
    const parent = state.catalog.relation({
      database: stmt.like.table.database,
      schema: stmt.like.table.schema,
      name: stmt.like.table.name,
    });
    if (!parent) throw undefinedTable(objectNameText(stmt.like.table), stmt.like);
    for (const c of parent.columns) {
      const keepDefault = stmt.like.includingDefaults === true;
      add(
        {
          name: c.name,
          type: c.type,
          notNull: c.notNull,
          defaultSql: keepDefault ? c.defaultSql : undefined,
          encode: c.encoding,
        },
        stmt.like,
      );
    }
  }
  if (stmt.as)
    return bindCtas(stmt, state, {
      database,
      schema,
      name,
      engineName,
      distStyle,
      sortKind,
      sortCols,
      interleaved,
      distKeyCol,
      exists: !!existing,
    });
  const env = { state, scope: new Scope(), deferTime: true };
  for (const c of stmt.columns) {
    const type = columnType(
      c.name && c.type.name === "text" ? (c.type.sql ?? { id: "varchar", length: 256 }) : typeOf(c.type),
    );
    let defaultSql: string | undefined;
    if (c.default) {
      defaults.set(c.name, bindExpr(c.default, env));
      defaultSql = storedDefault(exprSql(c.default), c.default.kind === "StringLiteral", type);
    }
    const identity = c.identity ? { seed: c.identity.seed, step: c.identity.step } : undefined;
    if (identity) {
      // DuckDB's nextval() reads the sequence's qualified name from a string and cannot unquote a
      // double quote inside a name: refuse rather than emit a default naming another sequence.
      if ([database, schema, name, c.name].some((x) => x.includes('"')))
        throw new BindError(
          SqlState.InvalidName,
          `IDENTITY column "${c.name}": a schema, table or column name holding a double quote cannot name its sequence`,
          at(c),
        );
      sequences.set(c.name, sequenceEngineName(c.name));
    }
    add({ name: c.name, type, notNull: c.notNull === true || c.primaryKey, defaultSql, identity, encode: c.encode }, c);
    if (c.primaryKey) constraints.push({ kind: "primary key", columns: [c.name] });
    if (c.unique) constraints.push({ kind: "unique", columns: [c.name] });
    if (c.references) constraints.push(foreignKey([c.name], c.references, state));
  }
  for (const tc of stmt.constraints) {
    for (const col of tc.columns)
      if (!columns.some((c) => c.name === col))
        throw new BindError(SqlState.UndefinedColumn, `column "${col}" named in key does not exist`, at(tc));
    const named = tc.name !== undefined ? { name: tc.name } : {};
    if (tc.type === "foreign key" && tc.references)
      constraints.push({ ...foreignKey(tc.columns, tc.references, state), ...named });
    else constraints.push({ kind: tc.type, columns: tc.columns, ...named });
  }
  for (const s of sortCols)
    if (!columns.some((c) => c.name === s))
      throw new BindError(SqlState.UndefinedColumn, `column "${s}" named in sort key does not exist`, at(stmt));
  if (distKeyCol && !columns.some((c) => c.name === distKeyCol))
    throw new BindError(SqlState.UndefinedColumn, `column "${distKeyCol}" named in DISTKEY does not exist`, at(stmt));
  const pkColumns = new Set(constraints.filter((c) => c.kind === "primary key").flatMap((c) => c.columns));
  const table: NewTableDef = {
    database,
    schema,
    name,
    engineName,
    columns: columns.map((c) => (pkColumns.has(c.name) && !c.notNull ? { ...c, notNull: true } : c)),
    distStyle,
    sortKind,
    constraints,
    temporary: stmt.temp,
    backupNo: attrs.backup === false,
    sequences,
  };
  return { kind: "create-table", table, ifNotExists: stmt.ifNotExists, defaults, exists: !!existing };
}

export function foreignKey(
  columns: readonly string[],
  ref: NonNullable<CreateTable["columns"][number]["references"]>,
  state: BindState,
): TableConstraintDef {
  const rel = state.catalog.relation({ database: ref.table.database, schema: ref.table.schema, name: ref.table.name });
  if (!rel) throw undefinedTable(objectNameText(ref.table), ref);
  return {
    kind: "foreign key",
    columns,
    references: { schema: rel.schema, table: rel.name, columns: ref.columns ?? [] },
  };
}

interface CtasPlacement {
  database: string;
  schema: string;
  name: string;
  engineName: string;
  distStyle: DistStyle;
  sortKind: SortKind;
  sortCols: readonly string[];
  interleaved: boolean;
  distKeyCol?: string;
  exists: boolean;
}

function bindCtas(stmt: CreateTable, state: BindState, p: CtasPlacement): BoundCreateTableAs {
  const query = bindQuery(stmt.as as NonNullable<CreateTable["as"]>, state, undefined);
  const names = stmt.asColumns ?? query.columns.map((c) => c.name);
  if (names.length > query.columns.length)
    throw new BindError(SqlState.SyntaxError, "CREATE TABLE AS specifies too many column names", at(stmt));
  const columns: ColumnDef[] = query.columns.map((c, i) => {
    const name = names[i] ?? c.name;
    const type = columnType(c.type);
    const sortIndex = p.sortCols.indexOf(name);
    return {
      name,
      ordinal: i + 1,
      type,
      notNull: false,
      encoding: defaultEncoding(type, sortIndex >= 0),
      distKey: name === p.distKeyCol,
      sortKeyOrdinal: sortKeyOrdinal(sortIndex, p.interleaved),
    };
  });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name))
      throw new BindError(SqlState.DuplicateColumn, `column "${c.name}" specified more than once`, at(stmt));
    seen.add(c.name);
  }
  const table: NewTableDef = {
    database: p.database,
    schema: p.schema,
    name: p.name,
    engineName: p.engineName,
    columns,
    distStyle: p.distStyle,
    sortKind: p.sortKind,
    constraints: [],
    temporary: stmt.temp,
    backupNo: stmt.attributes.backup === false,
    sequences: new Map(),
  };
  return { kind: "create-table-as", table, query };
}

/**
 * The columns recorded for a late-binding view (pg_get_late_binding_view_cols() lists them): its
 * query's columns as of creation when it binds now, else just the names given (the objects it
 * reads may not exist yet, or not be readable; the view is bound again whenever it is used).
 */
function lateBindingColumns(stmt: CreateView, state: BindState): ColumnDef[] {
  const named = (stmt.columns ?? []).map((c, i) => viewColumn(c, i, T.text));
  let query: ReturnType<typeof bindQuery>;
  try {
    query = bindQuery(stmt.query, state, undefined);
  } catch {
    return named;
  }
  const names = stmt.columns ?? query.columns.map((c) => c.name);
  if (names.length > query.columns.length) return named;
  return query.columns.map((c, i) => viewColumn(names[i] ?? c.name, i, c.type));
}

export function bindCreateView(stmt: CreateView, state: BindState): BoundCreateView {
  const { database, schema } = placement(stmt.name, state, stmt.name);
  state.access?.schema(database, schema, "create");
  const name = stmt.name.name;
  const existing = state.catalog.relation({ database, schema, name });
  if (existing && (!stmt.orReplace || existing.kind !== "view")) {
    throw new BindError(SqlState.DuplicateTable, `relation "${name}" already exists`, at(stmt.name));
  }
  const viewSql = querySql(stmt.query);
  const engineName = engineNameFor(database, schema, name);
  if (stmt.noSchemaBinding) {
    return {
      kind: "create-view",
      view: {
        database,
        schema,
        name,
        engineName,
        columns: lateBindingColumns(stmt, state),
        viewSql,
        lateBinding: true,
      },
      orReplace: stmt.orReplace,
    };
  }
  state.deferTime = true;
  const query = bindQuery(stmt.query, state, undefined);
  state.deferTime = false;
  const names = stmt.columns ?? query.columns.map((c) => c.name);
  if (names.length > query.columns.length)
    throw new BindError(SqlState.SyntaxError, "CREATE VIEW specifies more column names than columns", at(stmt));
  const columns: ColumnDef[] = query.columns.map((c, i) => viewColumn(names[i] ?? c.name, i, c.type));
  return {
    kind: "create-view",
    view: { database, schema, name, engineName, columns, viewSql, lateBinding: false },
    orReplace: stmt.orReplace,
    query,
  };
}

function viewColumn(name: string, i: number, type: SqlType): ColumnDef {
  return { name, ordinal: i + 1, type, notNull: false, encoding: "none", distKey: false, sortKeyOrdinal: 0 };
}

export function bindDrop(stmt: Drop, state: BindState): BoundDrop | BoundDropSchema {
  if (stmt.objectType === "schema") {
    const names: { name: string; engineName: string }[] = [];
    const missing: string[] = [];
    let database = state.catalog.database;
    for (const n of stmt.names) {
      database = n.database ?? n.schema ?? state.catalog.database;
      if (state.catalog.schema(database, n.name)) state.access?.schemaOwner(database, n.name);
      if (state.catalog.schema(database, n.name))
        names.push({ name: n.name, engineName: `${q(database)}.${q(n.name)}` });
      else if (stmt.ifExists) missing.push(n.name);
      else throw new BindError(SqlState.InvalidSchemaName, `schema "${n.name}" does not exist`, at(n));
    }
    return { kind: "drop-schema", database, names, missing, cascade: stmt.behavior === "cascade" };
  }
  const relations: RelationDef[] = [];
  const missing: string[] = [];
  for (const n of stmt.names) {
    const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
    if (!rel) {
      if (stmt.ifExists) {
        missing.push(objectNameText(n));
        continue;
      }
      throw new BindError(SqlState.UndefinedTable, `${stmt.objectType} "${objectNameText(n)}" does not exist`, at(n));
    }
    if (rel.kind !== stmt.objectType)
      throw new BindError(SqlState.WrongObjectType, `"${rel.name}" is not a ${stmt.objectType}`, at(n));
    state.access?.owner(rel, "drop");
    relations.push(rel);
  }
  return { kind: "drop", objectKind: stmt.objectType, relations, missing, cascade: stmt.behavior === "cascade" };
}

export function bindCreateSchema(stmt: CreateSchema, state: BindState): BoundCreateSchema {
  const database = stmt.database ?? state.catalog.database;
  const exists = state.catalog.schema(database, stmt.name) !== undefined;
  if (exists && !stmt.ifNotExists)
    throw new BindError(SqlState.DuplicateSchema, `schema "${stmt.name}" already exists`, at(stmt));
  if (!exists) state.access?.database(database, "create");
  return {
    kind: "create-schema",
    database,
    name: stmt.name,
    engineName: `${q(database)}.${q(stmt.name)}`,
    ifNotExists: stmt.ifNotExists,
    exists,
    authorization: stmt.authorization,
  };
}

export function bindTruncate(stmt: Truncate, state: BindState): BoundTruncate {
  const n = stmt.table;
  const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
  if (!rel) throw undefinedTable(objectNameText(n), n);
  if (rel.kind !== "table") throw new BindError(SqlState.WrongObjectType, `"${rel.name}" is not a table`, at(n));
  state.access?.owner(rel, "truncate");
  return { kind: "truncate", relations: [rel] };
}
