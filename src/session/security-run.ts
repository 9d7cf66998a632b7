// src/session/security-run.ts
//! What every security statement (users and roles in security.ts, grants in grant.ts, RLS in
//! rls.ts) runs with: the cluster, the session, who is asking, and the store and connection its
//! catalog rows go through; plus the one way to find a user's principal as this session sees
//! the catalog (its uncommitted changes included).

import type { CatalogStore } from "../catalog/store/catalog-store.js";
import type { EngineConnection } from "../engine/index.js";
import { type Principal, principalOf } from "../security/privileges.js";
import type { ClusterContext } from "./context.js";
import type { LakeshiftSession } from "./session.js";

export interface SecurityRun {
  readonly cluster: ClusterContext;
  readonly session: LakeshiftSession;
  /** The session user's principal when the statement started. */
  readonly me: Principal;
  readonly store: CatalogStore;
  readonly conn: EngineConnection;
}

export function securityRun(cluster: ClusterContext, session: LakeshiftSession, me: Principal): SecurityRun {
  return { cluster, session, me, store: cluster.store, conn: session.conn };
}

/** A user's principal (groups, role closure) as `conn` sees the catalog; undefined for no such user. */
export function principalLookup(store: CatalogStore, conn?: EngineConnection): (user: string) => Principal | undefined {
  const access = store.accessFor(conn);
  return (name) => {
    const u = store.getUser(name);
    return u ? principalOf(u, access) : undefined;
  };
}
