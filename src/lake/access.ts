// src/lake/access.ts
//! The lake a cluster works with: the local lake folder, an optional S3 endpoint, the read cache,
//! and how a statement's IAM role or keys become a store plus a permission check per object.
//! The role store itself lives in src/security/policy; the session hands it in (lake may not
//! import security), typed here by what the lake needs of it.

import { join } from "node:path";
import type { BoundAccess } from "../plan/bound/copy.js";
import { ReadCache } from "./store/cache.js";
import { LocalStore } from "./store/local.js";
import { S3Store, type S3StoreOptions } from "./store/s3.js";
import type { ObjectRef, ObjectStore } from "./store/types.js";

/** What the lake needs of an IAM role (src/security/policy's IamRole fits). */
export interface LakeRole {
  readonly arn: string;
  /** Where the role's requests go; undefined: the lake's default (S3 endpoint if configured, else the local lake). */
  readonly s3?: S3StoreOptions;
}

export interface LakeRoles {
  /** 'default', an ARN, or a chain 'arn1,arn2'; throws when the role cannot be used (by `user`, when given). */
  resolve(spec: string, user?: string): LakeRole;
}

/** Throws (42501, naming the action and object) unless `role` may do `action` on the object. */
export type LakeAuthorizer = (role: LakeRole, action: string, bucket: string, key?: string) => void;

export interface LakeOptions {
  /** The local lake folder: s3://bucket/key is <lakeDir>/bucket/key. */
  readonly lakeDir: string;
  /** Where S3 objects are cached for DuckDB and UNLOAD stages its files (default <lakeDir>/.lakeshift). */
  readonly workDir?: string;
  /** When set, s3:// goes to this endpoint instead of the local lake (unless a role says otherwise). */
  readonly s3?: S3StoreOptions;
  readonly roles: LakeRoles;
  readonly authorize: LakeAuthorizer;
}

/** A store plus the permission check for one statement. */
export interface LakeAccess {
  readonly store: ObjectStore;
  /** Identifies the store for the cache (endpoint). */
  readonly scope: string;
  /** The acting role's ARN, or 'keys'. */
  readonly principal: string;
  /** Throws unless the statement may do `action` (s3:GetObject, s3:PutObject, s3:ListBucket, s3:DeleteObject). */
  authorize(action: string, ref: ObjectRef | { bucket: string; key?: string }): void;
}

export class Lake {
  readonly local: LocalStore;
  readonly cache: ReadCache;
  readonly workDir: string;
  private readonly s3Stores = new Map<string, S3Store>();

  constructor(readonly options: LakeOptions) {
    this.local = new LocalStore(options.lakeDir);
    this.workDir = options.workDir ?? join(options.lakeDir, ".lakeshift");
    this.cache = new ReadCache(join(this.workDir, "cache"));
  }

  private s3(opts: S3StoreOptions): S3Store {
    const key = JSON.stringify(opts);
    let s = this.s3Stores.get(key);
    if (!s) {
      s = new S3Store(opts);
      this.s3Stores.set(key, s);
    }
    return s;
  }

  /** The store and checks for a statement's IAM_ROLE / CREDENTIALS (`region` from REGION; `user` runs it). */
  accessFor(access: BoundAccess, region?: string, user?: string): LakeAccess {
    if (access.kind === "keys") {
      const base = this.options.s3 ?? {};
      const opts: S3StoreOptions = {
        ...base,
        ...(region ? { region } : {}),
        credentials: {
          accessKeyId: access.accessKeyId,
          secretAccessKey: access.secretAccessKey,
          ...(access.sessionToken ? { sessionToken: access.sessionToken } : {}),
        },
      };
      return { store: this.s3(opts), scope: opts.endpoint ?? "aws", principal: "keys", authorize: () => {} };
    }
    const role = this.options.roles.resolve(access.role, user);
    const target = role.s3 ?? this.options.s3;
    const store = target ? this.s3(region ? { ...target, region } : target) : this.local;
    const authorize = this.options.authorize;
    return {
      store,
      scope: target?.endpoint ?? (target ? "aws" : "local"),
      principal: role.arn,
      authorize: (action, ref) => authorize(role, action, ref.bucket, ref.key),
    };
  }

  close(): void {
    for (const s of this.s3Stores.values()) s.destroy();
    this.s3Stores.clear();
  }
}
