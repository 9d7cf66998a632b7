// src/session/pipeline.ts
//! The statement pipeline: bind (names against the catalog) -> translate (DuckDB SQL) -> execute,
//! with the session's transaction rules around it. Utility statements (transactions, SET, SHOW,
//! EXPLAIN) are acted on here.

import type { CatalogReader } from "../catalog/reader.js";
import type { EngineStream } from "../engine/types.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import { bindStatement } from "../plan/index.js";
import type { BindContext } from "../plan/index.js";
import type { BoundQuery, BoundStatement } from "../plan/bound/index.js";
import type { SetValue, Statement } from "../sql/ast/index.js";
import { ident, str } from "../translate/duckdb/quote.js";
import { translate } from "../translate/index.js";
import { isSecurityStatement, parseStatement } from "../sql/index.js";
import { T } from "../sql/types.js";
import type { ExecuteOutcome, Notice } from "./api.js";
import type { ClusterContext } from "./context.js";
import { runDdl } from "./ddl.js";
import { runCopyStatement, runUnloadStatement } from "./lake.js";
import { runSecurity, sessionAccess } from "./security.js";
import { mapEngineError } from "./engine-errors.js";
import { runComment } from "./comment.js";
import { runCreateFunction, runDropFunction } from "./function.js";
import { type DuckPlanNode, redshiftExplain } from "./explain.js";
import { isEmptyTable, noteWrite, refreshTableInfo, runMaintenance, statisticsUpdated } from "./maintenance.js";
import { type DescribedColumn, describeColumns, effectiveFormats, wrapForWire } from "./result-columns.js";
import type { EngineDescription } from "./describe-cache.js";
import { RowsCursor } from "./rows.js";
import type { LakeshiftSession } from "./session.js";

/** A statement planned ahead of execution (extended protocol), valid for one catalog version. */
export interface Prepared {
  readonly catalogVersion: number;
  /** The session's settings and temporary tables as they were when the statement was bound. */
  readonly settingsGen: number;
  readonly tempsGen: number;
  readonly bound?: BoundStatement;
  /** The DuckDB query whose rows the statement returns, when it returns rows. */
  readonly querySql?: string;
  readonly columns: readonly DescribedColumn[] | null;
  readonly paramDuckTypes: readonly string[];
}

type RowsOutcome = Extract<ExecuteOutcome, { kind: "rows" }>;

/** A query ready to run: its DuckDB text and result columns. */
interface PlannedQuery {
  readonly bound: BoundStatement;
  readonly querySql: string;
  readonly columns: readonly DescribedColumn[];
}

/** No plan: bind at execution. */
const NO_PLAN: Prepared = { catalogVersion: -1, settingsGen: -1, tempsGen: -1, columns: null, paramDuckTypes: [] };

function sameFormats(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Pipeline {
  constructor(
    private readonly cluster: ClusterContext,
    private readonly session: LakeshiftSession,
  ) {}

  noPlan(): Prepared {
    return NO_PLAN;
  }

  /** A plan stays good while the catalog, the session's settings and its temporary tables are unchanged. */
  stillValid(p: Prepared): boolean {
    const s = this.session;
    return (
      p.catalogVersion === this.cluster.catalogVersion() &&
      p.settingsGen === s.settings.generation &&
      p.tempsGen === s.temps.generation &&
      !s.inTransactionBlock
    );
  }

  /**
   * The plan for a statement of a simple query, made the last time the same text ran in this
   * session (the session's parse cache hands out the same statement object for the same text),
   * if still valid.
   */
  simplePlan(stmt: Statement): Prepared {
    const p = this.simplePlans.get(stmt);
    return p && this.stillValid(p) ? p : NO_PLAN;
  }

  private readonly simplePlans = new WeakMap<Statement, Prepared>();

  private epoch(): Pick<Prepared, "catalogVersion" | "settingsGen" | "tempsGen"> {
    const s = this.session;
    return {
      catalogVersion: this.cluster.catalogVersion(),
      settingsGen: s.settings.generation,
      tempsGen: s.temps.generation,
    };
  }

  private bindContext(now: Date): BindContext {
    const s = this.session;
    return {
      user: s.user.name,
      database: s.database,
      statementTime: now,
      transactionTime: s.transactionTime(now),
      sessionInfo: {
        version: this.cluster.build,
        backendPid: s.processId,
        currentSchema: this.cluster.readerFor(s).searchPath[0] ?? "public",
        settings: (name) => s.settings.get(name),
      },
      access: sessionAccess(this.cluster, s),
    };
  }

  /** Binding an existing view's body on the catalog's behalf: no privilege checks. */
  private viewBindContext(): BindContext {
    const { access: _, ...ctx } = this.bindContext(new Date());
    return ctx;
  }

  /** Bound statements that read the statement or connection log (their rows must be written first). */
  private readonly readsLog = new WeakSet<BoundStatement>();

  /** Bound statements that read svv_table_info (its unsorted shares are measured first). */
  private readonly readsTableInfo = new WeakSet<BoundStatement>();

  /** Bound statements that read views, system relations or temporary tables: their results are not cached. */
  private readonly uncacheable = new WeakSet<BoundStatement>();

  private bind(stmt: Statement, now: Date): BoundStatement {
    let logs = false;
    let tableInfo = false;
    let cacheable = true;
    const reader = watchReads(this.cluster.readerFor(this.session), (name, what) => {
      if (isLogRelation(name)) logs = true;
      if (name === "svv_table_info" && what === "other") tableInfo = true;
      // Catalog functions and system relations answer per user and session; views may hide
      // GETDATE(); temporary tables are the session's own.
      if (what !== "table") cacheable = false;
    });
    const bound = bindStatement(stmt, reader, this.bindContext(now));
    if (logs) this.readsLog.add(bound);
    if (tableInfo) this.readsTableInfo.add(bound);
    if (!cacheable) this.uncacheable.add(bound);
    return bound;
  }

  /** Plans a statement for the extended protocol: its parameters and result columns. */
  async prepare(stmt: Statement, _sql: string): Promise<Prepared> {
    const epoch = this.epoch();
    const utility = await this.utilityColumns(stmt);
    if (utility !== undefined) return { ...epoch, columns: utility, paramDuckTypes: [] };
    const bound = this.bind(stmt, new Date());
    const duck = translate(bound);
    if (bound.kind === "query") {
      const querySql = duck.sql[duck.sql.length - 1] ?? "";
      const prepared = await this.describe(querySql);
      return {
        ...epoch,
        bound,
        querySql,
        columns: describeColumns(prepared.columns, bound.columns),
        paramDuckTypes: prepared.parameterTypes,
      };
    }
    let paramDuckTypes: readonly string[] = [];
    if (duck.sql.length === 1 && (bound.kind === "insert" || bound.kind === "update" || bound.kind === "delete")) {
      const prepared = await this.describe(duck.sql[0] ?? "");
      paramDuckTypes = prepared.parameterTypes;
    }
    return { ...epoch, bound, columns: null, paramDuckTypes };
  }

  /** DuckDB's description of a statement (result columns, parameter types), cached by its text. */
  private async describe(sql: string): Promise<EngineDescription> {
    const version = this.cluster.catalogVersion();
    const cacheable = !this.session.inTransactionBlock || !this.cluster.store.hasPendingChanges(this.session.conn);
    const hit = cacheable ? this.cluster.describeCache.get(sql, version) : undefined;
    if (hit) return hit;
    let out: EngineDescription;
    try {
      const p = await this.session.conn.prepare(sql);
      out = { columns: p.columns, parameterTypes: p.parameterTypes };
      p.close();
    } catch (e) {
      throw mapEngineError(e);
    }
    if (cacheable) this.cluster.describeCache.set(sql, version, out);
    return out;
  }

  formatsFor(plan: Prepared, requested: readonly number[]): number[] {
    return plan.columns ? effectiveFormats(plan.columns, requested) : [];
  }

  /** Whether a query's result may come from (and go to) the result cache. */
  private cacheable(bound: BoundStatement, formats: readonly number[]): boolean {
    const s = this.session;
    return (
      s.settings.get("enable_result_cache_for_session") !== "off" &&
      !s.inTransactionBlock &&
      !("timeDependent" in bound && bound.timeDependent) &&
      !this.uncacheable.has(bound) &&
      formats.every((f) => f === 0)
    );
  }

  /** Result columns of statements answered by the session itself (SHOW, EXPLAIN). */
  private async utilityColumns(stmt: Statement): Promise<DescribedColumn[] | undefined> {
    if (stmt.kind === "Show") {
      const shown = this.session.settings.show(stmt.name);
      return textColumns(shown.columns);
    }
    if (stmt.kind === "Explain") return textColumns(["QUERY PLAN"]);
    return undefined;
  }

  /**
   * Runs one statement. For rows, `keep` receives the cursor (portals resume it); without it the
   * outcome streams everything.
   */
  async run(
    stmt: Statement,
    _sql: string,
    params: readonly unknown[],
    resultFormats: readonly number[],
    plan: Prepared,
    keep?: (cursor: RowsCursor) => void,
  ): Promise<ExecuteOutcome> {
    const s = this.session;
    switch (stmt.kind) {
      case "Begin": {
        const already = await s.begin();
        const tag = stmt.start ? "START TRANSACTION" : "BEGIN";
        return already
          ? { kind: "command", tag, notices: [warning(SqlState.ActiveSqlTransaction, already)] }
          : { kind: "command", tag };
      }
      case "Commit":
      case "Rollback": {
        const done = stmt.kind === "Commit" ? await s.commit() : await s.rollback();
        return done.notice
          ? { kind: "command", tag: done.tag, notices: [warning(SqlState.NoActiveSqlTransaction, done.notice)] }
          : { kind: "command", tag: done.tag };
      }
      case "SetVariable": {
        const value = stmt.values === undefined ? undefined : settingValue(stmt.name, stmt.values);
        await s.applySetting(stmt.name, value);
        return { kind: "command", tag: "SET" };
      }
      case "SetTransaction":
        return { kind: "command", tag: "SET" };
      case "Reset":
        await s.applySetting(stmt.name ?? "all", undefined);
        return { kind: "command", tag: "RESET" };
      case "Show": {
        const shown = s.settings.show(stmt.name);
        return this.literalRows(shown.columns, shown.rows, "SHOW", keep);
      }
      case "Deallocate":
        s.deallocate(stmt.name);
        return { kind: "command", tag: "DEALLOCATE" };
      case "CommentOn":
        return runComment(this.cluster, s, stmt);
      case "CreateFunction":
        return runCreateFunction(this.cluster, s, stmt, (body, args) => {
          bindStatement(body, this.cluster.readerFor(s), { ...this.bindContext(new Date()), functionArgs: args });
        });
      case "DropFunction":
        return runDropFunction(this.cluster, s, stmt, (view, used) => {
          // The question is which functions the body reaches, not who may call them.
          bindStatement(parseStatement(view.viewSql ?? ""), this.cluster.readerFor(s), {
            ...this.viewBindContext(),
            onUserFunction: used,
          });
        });
      case "Cancel":
        if (!this.cluster.signalFrom(s.processId, "cancel", stmt.pid, stmt.message)) {
          throw new LakeshiftError(SqlState.UndefinedObject, `Session ${stmt.pid} does not exist`);
        }
        return { kind: "command", tag: "CANCEL" };
      case "Explain":
        return this.explain(stmt, keep);
      case "Prepare":
      case "Execute":
        throw new LakeshiftError(
          SqlState.FeatureNotSupported,
          `${stmt.kind.toUpperCase()} is not supported; use the extended query protocol`,
        );
      default:
        break;
    }
    if (isSecurityStatement(stmt)) return runSecurity(this.cluster, s, stmt);
    // A plan made at Parse (or by an earlier run of the same simple-query text) is reused while
    // still valid, unless it folded the statement's time (GETDATE(), SYSDATE, ...) into constants.
    const reusable =
      plan.bound !== undefined && this.stillValid(plan) && !("timeDependent" in plan.bound && plan.bound.timeDependent);
    const epoch = plan === NO_PLAN ? this.epoch() : undefined;
    const bound = reusable && plan.bound ? plan.bound : this.bind(stmt, new Date());
    if (this.readsLog.has(bound)) await this.cluster.logs.sync();
    if (this.readsTableInfo.has(bound)) await refreshTableInfo(this.cluster, s);
    if (bound.kind === "query") {
      const planned = await this.planQuery(stmt, bound, reusable ? plan : undefined, epoch);
      const formats = effectiveFormats(planned.columns, resultFormats);
      const sql = this.wireSql(planned, formats);
      const small = smallResult(bound.query);
      const cacheKey = small && this.cacheable(bound, formats) ? resultKey(sql, params, s) : undefined;
      return this.stream(sql, params, planned.columns, formats, "SELECT", keep, small, cacheKey);
    }
    const duck = translate(bound);
    switch (bound.kind) {
      case "insert":
      case "update":
      case "delete": {
        const n = await this.runAll(duck.sql, params);
        noteWrite(this.cluster, s, bound.target.relation, n);
        return { kind: "command", tag: `${bound.kind === "insert" ? "INSERT 0" : bound.kind.toUpperCase()} ${n}` };
      }
      case "copy": {
        // Redshift updates a table's statistics after a COPY into an empty table, unless
        // STATUPDATE OFF; STATUPDATE ON always does.
        const stat = bound.options.noLoad ? false : bound.options.statUpdate;
        const wasEmpty = stat === undefined && (await isEmptyTable(s, bound.target));
        let loaded = 0;
        const done = await runCopyStatement(this.cluster.lake, s, bound, (rows) => {
          loaded += rows;
          noteWrite(this.cluster, s, bound.target, rows);
        });
        if (stat === true) await statisticsUpdated(this.cluster, s, bound.target);
        else if (wasEmpty && loaded > 0) await statisticsUpdated(this.cluster, s, bound.target, loaded);
        return done;
      }
      case "unload":
        return runUnloadStatement(this.cluster.lake, s, bound);
      case "utility":
        if (bound.utility === "maintenance") return runMaintenance(this.cluster, s, bound);
        throw new LakeshiftError(SqlState.FeatureNotSupported, `${stmt.kind} is not supported`);
      default:
        return runDdl(this.cluster, s, bound, duck.sql, params, (view) => {
          // Views a rename rewrites are made again as their owner made them.
          return translate(bindStatement(view, this.cluster.readerFor(s), this.viewBindContext())).sql;
        });
    }
  }

  /**
   * The DuckDB query and result columns of a bound query: from a still-valid plan, else
   * translated and described now. A simple-query statement's plan is kept for its next run.
   */
  private async planQuery(
    stmt: Statement,
    bound: Extract<BoundStatement, { kind: "query" }>,
    plan: Prepared | undefined,
    epoch: Pick<Prepared, "catalogVersion" | "settingsGen" | "tempsGen"> | undefined,
  ): Promise<PlannedQuery> {
    if (plan?.querySql !== undefined && plan.columns) return { bound, querySql: plan.querySql, columns: plan.columns };
    const duck = translate(bound);
    const querySql = duck.sql[duck.sql.length - 1] ?? "";
    const columns =
      plan?.columns && plan.querySql === querySql
        ? plan.columns
        : describeColumns((await this.describe(querySql)).columns, bound.columns);
    if (epoch && !bound.timeDependent && !this.session.inTransactionBlock) {
      this.simplePlans.set(stmt, { ...epoch, bound, querySql, columns, paramDuckTypes: [] });
    }
    return { bound, querySql, columns };
  }

  /** The query wrapped so DuckDB renders each text-format column as Postgres text; kept per plan. */
  private wireSql(q: PlannedQuery, formats: readonly number[]): string {
    const extraFloatDigits = Number(this.session.settings.get("extra_float_digits") ?? "0") || 0;
    const last = this.wireSqls.get(q.columns);
    if (
      last &&
      last.querySql === q.querySql &&
      last.extraFloatDigits === extraFloatDigits &&
      sameFormats(last.formats, formats)
    )
      return last.sql;
    const sql = wrapForWire(q.querySql, q.columns, formats, { extraFloatDigits });
    this.wireSqls.set(q.columns, { querySql: q.querySql, formats, extraFloatDigits, sql });
    return sql;
  }

  private readonly wireSqls = new WeakMap<
    readonly DescribedColumn[],
    { querySql: string; formats: readonly number[]; extraFloatDigits: number; sql: string }
  >();

  /** Runs translated statements in order; the rows changed by the last. */
  async runAll(sqls: readonly string[], params: readonly unknown[]): Promise<number> {
    let n = 0;
    for (const sql of sqls) {
      try {
        n = await this.session.conn.run(sql, params.length > 0 ? params : undefined);
      } catch (e) {
        throw mapEngineError(e);
      }
    }
    return n;
  }

  private async stream(
    sql: string,
    params: readonly unknown[],
    columns: readonly DescribedColumn[],
    formats: readonly number[],
    tag: string,
    keep?: (cursor: RowsCursor) => void,
    materialize = false,
    cacheKey?: string,
  ): Promise<RowsOutcome> {
    const version = `${this.cluster.catalogVersion()}:${this.cluster.dataVersion()}`;
    let stream: EngineStream | undefined = cacheKey ? this.cluster.results.lookup(cacheKey, version) : undefined;
    if (!stream) {
      try {
        stream = await this.session.conn.stream(sql, params.length > 0 ? params : undefined, { materialize });
      } catch (e) {
        throw mapEngineError(e);
      }
      if (cacheKey) stream = this.cluster.results.capture(cacheKey, version, stream);
    }
    const cursor = new RowsCursor(
      mappedStream(stream),
      columns.map((c) => c.result),
      formats,
      tag,
    );
    keep?.(cursor);
    return cursor.outcome(0) as RowsOutcome;
  }

  /** Rows computed by the session (SHOW, EXPLAIN), served through DuckDB like any result. */
  private async literalRows(
    names: readonly string[],
    rows: readonly (readonly string[])[],
    tag: string,
    keep?: (cursor: RowsCursor) => void,
  ): Promise<RowsOutcome> {
    const columns = textColumns(names);
    const values =
      rows.length === 0
        ? `SELECT ${names.map((n) => `CAST(NULL AS VARCHAR) AS ${ident(n)}`).join(", ")} WHERE false`
        : `SELECT * FROM (VALUES ${rows.map((r) => `(${r.map((v) => `CAST(${str(v)} AS VARCHAR)`).join(", ")})`).join(", ")}) AS ${ident("v")}(${names.map(ident).join(", ")})`;
    return this.stream(
      values,
      [],
      columns,
      columns.map(() => 0),
      tag,
      keep,
      true,
    );
  }

  /** EXPLAIN: Redshift's XN plan built from DuckDB's JSON plan; EXPLAIN VERBOSE adds DuckDB's own. */
  private async explain(
    stmt: Extract<Statement, { kind: "Explain" }>,
    keep?: (cursor: RowsCursor) => void,
  ): Promise<RowsOutcome> {
    const bound = this.bind(stmt.statement, new Date());
    const duck = translate(bound);
    const target = duck.sql[duck.sql.length - 1] ?? "";
    const reader = this.cluster.readerFor(this.session);
    let lines: string[];
    try {
      const r = await this.session.conn.all(`EXPLAIN (FORMAT JSON) ${target}`);
      const plan = JSON.parse(String(r.rows[0]?.[1] ?? "[]")) as DuckPlanNode[];
      lines = redshiftExplain(plan, (qualified) => {
        const [database, schema, name] = qualified.split(".");
        return name ? reader.relation({ database, schema, name }) : undefined;
      });
      if (stmt.verbose) {
        const raw = await this.session.conn.all(`EXPLAIN ${target}`);
        lines.push("", ...raw.rows.flatMap((row) => String(row[row.length - 1] ?? "").split("\n")));
      }
    } catch (e) {
      throw mapEngineError(e);
    }
    return this.literalRows(
      ["QUERY PLAN"],
      lines.map((l) => [l]),
      "EXPLAIN",
      keep,
    );
  }
}

/**
 * The text of SET name TO v1, v2, ...: list settings (search_path) keep each element quoted as an
 * identifier where it needs quotes, as Postgres shows them ('"$user", public').
 */
function settingValue(name: string, values: readonly SetValue[]): string {
  if (name !== "search_path") return values.map((v) => v.value).join(", ");
  return values
    .map((v) => (/^[a-z_][a-z0-9_]*$/.test(v.value) ? v.value : `"${v.value.replaceAll('"', '""')}"`))
    .join(", ");
}

/** The result cache key: the statement as DuckDB runs it, its parameters, and the time zone it prints in. */
function resultKey(sql: string, params: readonly unknown[], s: LakeshiftSession): string {
  const p = params.length === 0 ? "" : JSON.stringify(params, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  return `${s.settings.get("timezone") ?? ""}\u0000${p}\u0000${sql}`;
}

/** Rows a query can return at most, when its shape bounds them; small results are materialized. */
const SMALL_RESULT_ROWS = 10_000;

/**
 * Whether a query's result is known to be small from its shape alone: a SELECT without FROM
 * (one row), a short VALUES list, or a constant LIMIT within SMALL_RESULT_ROWS.
 */
function smallResult(q: BoundQuery): boolean {
  const limit = q.limit?.kind === "literal" && typeof q.limit.value === "string" ? Number(q.limit.value) : Number.NaN;
  if (Number.isFinite(limit) && limit <= SMALL_RESULT_ROWS) return true;
  if (q.kind === "values") return q.rows.length <= SMALL_RESULT_ROWS;
  return q.kind === "select" && q.from.length === 0 && q.groupBy.length === 0 && q.with === undefined;
}

/** System relations and functions over the statement/connection logs: stl_*, stv_*, svl_*, sys_*. */
function isLogRelation(name: string): boolean {
  return /^(stl|stv|svl|sys)_/.test(name) || name === "pg_last_query_id";
}

/**
 * The reader as is, telling `seen` what binding resolves: 'table' for a permanent table, 'other'
 * for a view, system relation or temporary table, 'function' for a catalog function.
 */
function watchReads(
  reader: CatalogReader,
  seen: (name: string, what: "table" | "other" | "function") => void,
): CatalogReader {
  return {
    database: reader.database,
    searchPath: reader.searchPath,
    databases: () => reader.databases(),
    schema: (database, name) => reader.schema(database, name),
    relation: (n) => {
      const r = reader.relation(n);
      if (r) seen(r.name, r.kind === "table" && !r.temporary ? "table" : "other");
      return r;
    },
    systemFunction: (name) => {
      const f = reader.systemFunction(name);
      if (f) seen(name, "function");
      return f;
    },
    userFunctions: (n) => {
      const fs = reader.userFunctions(n);
      // A UDF's privileges are per user and its definition may be replaced: never cached.
      if (fs.length > 0) seen(n.name, "function");
      return fs;
    },
  };
}

function warning(sqlstate: string, message: string): Notice {
  return { severity: "WARNING", sqlstate, message };
}

function textColumns(names: readonly string[]): DescribedColumn[] {
  return names.map((name) => ({
    duckType: "VARCHAR",
    type: T.text,
    binary: "none",
    result: { name, typeOid: 25, typeSize: -1, typeMod: -1, tableOid: 0, columnNumber: 0, binarySupported: false },
  }));
}

/** Engine errors raised while streaming get the same SQLSTATE mapping as the others. */
function mappedStream(stream: import("../engine/types.js").EngineStream): import("../engine/types.js").EngineStream {
  return {
    columns: stream.columns,
    next: async () => {
      try {
        return await stream.next();
      } catch (e) {
        throw mapEngineError(e);
      }
    },
    close: () => stream.close(),
  };
}
