// src/session/context.ts
//! What a session needs from the cluster it belongs to.

import type { CatalogReader } from "../catalog/reader.js";
import type { CatalogStore } from "../catalog/store/catalog-store.js";
import type { Engine } from "../engine/index.js";
import type { LakeService } from "../lake/index.js";
import type { SystemLogs } from "../wlm/index.js";
import type { DescribeCache } from "./describe-cache.js";
import type { ResultCache } from "./result-cache.js";
import type { LakeshiftSession } from "./session.js";

export interface UserInfo {
  readonly name: string;
  readonly usesysid: number;
  readonly superuser: boolean;
}

export interface ClusterContext {
  readonly engine: Engine;
  readonly store: CatalogStore;
  /** COPY and UNLOAD: the lake folder or S3 endpoint, with the IAM roles. */
  readonly lake: LakeService;
  /** Lakeshift's build number for version(): 'Redshift 1.0.<build>'. */
  readonly build: string;
  /** DuckDB descriptions of recently run statements, shared by all sessions. */
  readonly describeCache: DescribeCache;
  /** Small query results kept for reuse while the data under them is unchanged. */
  readonly results: ResultCache;
  /** Changes whenever committed data may have changed (any write or DDL, any COMMIT). */
  dataVersion(): number;
  /** A statement that may have written data completed (or a transaction committed). */
  dataChanged(): void;
  /** The statement and connection logs behind stl_query, stl_connection_log and friends. */
  readonly logs: SystemLogs;
  /** The catalog as this session sees it (its own uncommitted DDL included). */
  readerFor(session: LakeshiftSession): CatalogReader;
  /** A number that changes whenever committed catalog contents change. */
  catalogVersion(): number;
  /** An autocommitted DDL statement committed: publish its catalog changes. */
  ddlCommitted(session: LakeshiftSession): Promise<void>;
  afterCommit(session: LakeshiftSession): Promise<void>;
  afterRollback(session: LakeshiftSession): void;
  sessionClosed(session: LakeshiftSession): void;
  /** CANCEL / pg_cancel_backend / pg_terminate_backend from session `callerPid`; false for an unknown pid. */
  signalFrom(callerPid: number | undefined, signal: "cancel" | "terminate", pid: number, message?: string): boolean;
}
