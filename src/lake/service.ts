// src/lake/service.ts
//! What the session holds for COPY and UNLOAD: one LakeService per cluster, owning the lake (stores,
//! read cache, roles) and the load log's connection. The session calls copy() / unload() with its
//! own connection, so both run inside the session's transaction.

import type { EngineConnection } from "../engine/types.js";
import type { BoundCopy, BoundUnload, CopyConverter } from "../plan/bound/copy.js";
import { Lake, type LakeAuthorizer, type LakeRoles } from "./access.js";
import { LoadLog, type LoadIdentity } from "./copy/load-log.js";
import { type CopyResult, runCopy } from "./copy/run.js";
import type { S3StoreOptions } from "./store/s3.js";
import { runUnload, type UnloadResult } from "./unload/run.js";

export interface LakeServiceOptions {
  /** The local lake folder (`lakeshift serve --lake-dir`). */
  readonly lakeDir: string;
  /** An S3 endpoint to use instead of the local lake (see s3OptionsFromEnv). */
  readonly s3?: S3StoreOptions;
  readonly roles: LakeRoles;
  readonly authorize: LakeAuthorizer;
  /** The translator's conversions (src/translate/duckdb/copy.ts: copyConverter). */
  readonly converter: CopyConverter;
  /**
   * A connection of the service's own for stl_load_* rows (autocommit), or how to open one on
   * first use; closed by close().
   */
  readonly logConnection: LogConnection | (() => Promise<LogConnection>);
}

type LogConnection = Pick<EngineConnection, "run" | "close">;

export class LakeService {
  readonly lake: Lake;
  private log: Promise<LoadLog> | undefined;
  private opened: LoadLog | undefined;
  private queries = 0;

  /** Synchronous: the load log's connection is opened (and its tables made) on the first COPY. */
  constructor(private readonly options: LakeServiceOptions) {
    this.lake = new Lake({
      lakeDir: options.lakeDir,
      ...(options.s3 ? { s3: options.s3 } : {}),
      roles: options.roles,
      authorize: options.authorize,
    });
  }

  /** Opens the service and its load log now (the load-log tables are created if missing). */
  static async open(options: LakeServiceOptions): Promise<LakeService> {
    const s = new LakeService(options);
    await s.loadLog();
    return s;
  }

  private loadLog(): Promise<LoadLog> {
    this.log ??= (async () => {
      const c = this.options.logConnection;
      const log = new LoadLog(typeof c === "function" ? await c() : c);
      await log.ensureTables();
      this.opened = log;
      return log;
    })();
    return this.log;
  }

  /**
   * COPY: the rows loaded ('COPY n'). Runs in `conn`'s transaction, or its own in autocommit.
   * `user` (the session's user) must be trusted by the IAM role.
   */
  copy(conn: EngineConnection, bound: BoundCopy, identity: LoadIdentity, user?: string): Promise<CopyResult> {
    const id = identity.queryId === undefined ? { ...identity, queryId: ++this.queries } : identity;
    return this.loadLog().then((log) =>
      runCopy(conn, bound, {
        lake: this.lake,
        converter: this.options.converter,
        identity: id,
        log,
        ...(user !== undefined ? { user } : {}),
      }),
    );
  }

  /** UNLOAD: the rows written and the objects put ('UNLOAD'). */
  unload(conn: EngineConnection, bound: BoundUnload, user?: string): Promise<UnloadResult> {
    return runUnload(conn, bound, {
      lake: this.lake,
      converter: this.options.converter,
      ...(user !== undefined ? { user } : {}),
    });
  }

  close(): void {
    this.lake.close();
    this.opened?.close();
  }
}

/**
 * S3 settings from the environment: LAKESHIFT_S3_ENDPOINT (unset: the local lake), AWS_REGION
 * (default us-east-1), AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,
 * LAKESHIFT_S3_PATH_STYLE (default true for a custom endpoint).
 */
export function s3OptionsFromEnv(env: Record<string, string | undefined>): S3StoreOptions | undefined {
  const endpoint = env.LAKESHIFT_S3_ENDPOINT;
  if (!endpoint) return undefined;
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  return {
    endpoint,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    forcePathStyle: (env.LAKESHIFT_S3_PATH_STYLE ?? "true") !== "false",
    ...(id && secret
      ? {
          credentials: {
            accessKeyId: id,
            secretAccessKey: secret,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  };
}
