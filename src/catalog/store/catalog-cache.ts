// src/catalog/store/catalog-cache.ts
//! The in-memory side of the catalog store: shared snapshots per database, private snapshots of
//! connections with uncommitted DDL, the cluster-wide version, and cheap readers over them.

import { CatalogError, SqlState } from "../../common/errors.js";
import type { CatalogReader, RelationDef, SchemaDef } from "../reader.js";
import type { SqlRunner } from "../runner.js";
import { ensureCatalog } from "./bootstrap.js";
import type { ClusterAcl, DatabaseAcl } from "./grants.js";
import {
  type ClusterSnapshot,
  type DatabaseRecord,
  type DatabaseSnapshot,
  loadClusterSnapshot,
  loadDatabaseSnapshot,
  relationKey,
  type UserRecord,
} from "./snapshot.js";
import { SnapshotReader } from "./snapshot-reader.js";

/** What the store needs to know about a session to give it a reader. */
export interface CatalogSession {
  readonly database: string;
  /** Resolved search path ('$user' expanded). */
  readonly searchPath: readonly string[];
  /** The session's connection: identifies its uncommitted DDL. Pass the same object every time. */
  readonly runner: SqlRunner;
}

interface Pending {
  readonly databases: Map<string, DatabaseSnapshot>;
  cluster?: ClusterSnapshot;
}

export const catalogError = (sqlstate: string, message: string) => new CatalogError(sqlstate, message);

export class CatalogCache {
  protected readonly shared = new Map<string, DatabaseSnapshot>();
  protected cluster: ClusterSnapshot = {
    users: new Map(),
    databases: new Map(),
    access: { groups: new Map(), roles: new Map() },
  };
  protected readonly pending = new Map<SqlRunner, Pending>();
  /** Cluster-wide catalog version: bumped each time committed DDL reloads the shared snapshots. */
  version = 0;

  /** Bootstraps and loads one more attached database (idempotent). Run outside a transaction. */
  async attachDatabase(runner: SqlRunner, database: string, owner?: string): Promise<void> {
    await ensureCatalog(runner, database, owner);
    this.shared.set(database, await loadDatabaseSnapshot(runner, database));
    this.cluster = await loadClusterSnapshot(runner);
    this.version++;
  }

  /** Forgets a detached database. */
  detachDatabase(database: string): void {
    this.shared.delete(database);
    this.version++;
  }

  /** A reader for one statement: cheap (no I/O); sees the session's own uncommitted DDL. */
  readerFor(session: CatalogSession): CatalogReader {
    const pending = this.pending.get(session.runner);
    return new SnapshotReader(session.database, session.searchPath, {
      snapshot: (db) => pending?.databases.get(db) ?? this.shared.get(db),
      databaseNames: () => [...this.shared.keys()],
    });
  }

  /** True while `runner` has catalog writes not yet committed. */
  hasPendingChanges(runner: SqlRunner): boolean {
    return this.pending.has(runner);
  }

  /**
   * Call after the transaction of `runner` commits (explicit COMMIT, or the implicit one around an
   * autocommit DDL statement): reloads the shared snapshots it changed and bumps `version`.
   */
  async afterCommit(runner: SqlRunner): Promise<void> {
    const p = this.pending.get(runner);
    if (!p) return;
    this.pending.delete(runner);
    for (const db of p.databases.keys()) {
      if (this.shared.has(db)) this.shared.set(db, await loadDatabaseSnapshot(runner, db));
    }
    if (p.cluster) this.cluster = await loadClusterSnapshot(runner);
    this.version++;
  }

  /** Call after the transaction of `runner` rolls back, and when the connection closes: drops its private snapshots. */
  afterRollback(runner: SqlRunner): void {
    this.pending.delete(runner);
  }

  /** Reloads every shared snapshot through `runner` (e.g. after an out-of-band change). */
  async refresh(runner: SqlRunner): Promise<void> {
    for (const db of this.shared.keys()) this.shared.set(db, await loadDatabaseSnapshot(runner, db));
    this.cluster = await loadClusterSnapshot(runner);
    this.version++;
  }

  // ---- users and databases (cluster-wide, committed state) ----

  /** The committed user record, for authentication. */
  getUser(name: string): UserRecord | undefined {
    return this.cluster.users.get(name);
  }

  users(): readonly UserRecord[] {
    return [...this.cluster.users.values()];
  }

  getDatabase(name: string): DatabaseRecord | undefined {
    return this.cluster.databases.get(name);
  }

  /** Groups and roles as `runner` sees them (its uncommitted changes included). */
  accessFor(runner?: SqlRunner): ClusterAcl {
    return (runner ? this.clusterFor(runner) : this.cluster).access;
  }

  /** A database's grants and default privileges as `runner` sees them; undefined for an unknown database. */
  privilegesFor(database: string, runner?: SqlRunner): DatabaseAcl | undefined {
    return ((runner && this.pending.get(runner)?.databases.get(database)) ?? this.shared.get(database))?.privileges;
  }

  /** A relation by oid as `runner` sees it; undefined when none (or no such database). */
  relationByOid(database: string, oid: number, runner?: SqlRunner): RelationDef | undefined {
    return (
      (runner && this.pending.get(runner)?.databases.get(database)) ??
      this.shared.get(database)
    )?.relationsByOid.get(oid);
  }

  /** A schema by oid as `runner` sees it. */
  schemaByOid(database: string, oid: number, runner?: SqlRunner): SchemaDef | undefined {
    return (
      (runner && this.pending.get(runner)?.databases.get(database)) ??
      this.shared.get(database)
    )?.schemasByOid.get(oid);
  }

  // ---- internals ----

  protected snapshotFor(runner: SqlRunner, database: string): DatabaseSnapshot {
    const snap = this.pending.get(runner)?.databases.get(database) ?? this.shared.get(database);
    if (!snap) throw catalogError(SqlState.InvalidCatalogName, `database "${database}" does not exist`);
    return snap;
  }

  protected clusterFor(runner: SqlRunner): ClusterSnapshot {
    return this.pending.get(runner)?.cluster ?? this.cluster;
  }

  protected requireSchema(snap: DatabaseSnapshot, name: string): SchemaDef {
    const s = snap.schemas.get(name);
    if (!s) throw catalogError(SqlState.InvalidSchemaName, `schema "${name}" does not exist`);
    return s;
  }

  protected requireFreeName(snap: DatabaseSnapshot, schema: string, name: string): void {
    if (snap.relations.has(relationKey(schema, name))) {
      throw catalogError(SqlState.DuplicateTable, `relation "${name}" already exists`);
    }
  }

  protected pendingOf(runner: SqlRunner): Pending {
    let p = this.pending.get(runner);
    if (!p) this.pending.set(runner, (p = { databases: new Map() }));
    return p;
  }

  protected async reload(runner: SqlRunner, database: string): Promise<void> {
    this.pendingOf(runner).databases.set(database, await loadDatabaseSnapshot(runner, database));
  }

  protected async reloadCluster(runner: SqlRunner): Promise<void> {
    this.pendingOf(runner).cluster = await loadClusterSnapshot(runner);
  }
}
