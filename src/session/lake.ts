// src/session/lake.ts
//! COPY and UNLOAD in the session: the cluster's lake service (local lake folder or an S3
//! endpoint, the IAM roles of <data-dir>/iam.json) runs them on the session's own connection, so
//! a COPY is part of the session's transaction and a failed one leaves the table as it was.

import type { Engine } from "../engine/index.js";
import { LakeService, s3OptionsFromEnv } from "../lake/index.js";
import type { BoundCopy, BoundUnload } from "../plan/bound/copy.js";
import { type IamRole, openIamStore, requireS3 } from "../security/policy/index.js";
import { copyConverterWith } from "../translate/duckdb/copy.js";
import type { ExecuteOutcome } from "./api.js";
import { mapEngineError } from "./engine-errors.js";
import type { LakeshiftSession } from "./session.js";

/** The cluster's lake service: roles from the data dir's IAM store, the load log on its own connection. */
export function openLake(engine: Engine, dataDir: string, lakeDir: string, database: string): LakeService {
  return new LakeService({
    lakeDir,
    s3: s3OptionsFromEnv(process.env),
    roles: openIamStore(dataDir),
    authorize: (role, action, bucket, key) => requireS3(role as IamRole, action, bucket, key),
    converter: copyConverterWith(engine.copyCasts() ?? undefined),
    logConnection: () => engine.connect(database),
  });
}

export async function runCopyStatement(
  lake: LakeService,
  s: LakeshiftSession,
  bound: BoundCopy,
  loaded?: (rows: number) => void,
): Promise<ExecuteOutcome> {
  try {
    const r = await lake.copy(
      s.conn,
      bound,
      { userId: s.user.usesysid, sessionId: s.processId, database: s.database },
      s.user.name,
    );
    loaded?.(r.rows);
    return { kind: "command", tag: `COPY ${r.rows}` };
  } catch (e) {
    throw mapEngineError(e);
  }
}

export async function runUnloadStatement(
  lake: LakeService,
  s: LakeshiftSession,
  bound: BoundUnload,
): Promise<ExecuteOutcome> {
  try {
    await lake.unload(s.conn, bound, s.user.name);
    return { kind: "command", tag: "UNLOAD" };
  } catch (e) {
    throw mapEngineError(e);
  }
}
