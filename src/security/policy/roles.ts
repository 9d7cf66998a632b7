// src/security/policy/roles.ts
//! IAM roles COPY, UNLOAD and external tables act as, and the cluster's role store. The embedded
//! default has one role, arn:aws:iam::000000000000:role/lakeshift, allowed everything, trusted by
//! every user and set as the cluster's default, so `COPY ... IAM_ROLE default` works out of the
//! box. A role's trust names the database users who may use it and the roles that may chain to it
//! ('arn1,arn2': the cluster assumes arn1 for the user, arn1 assumes arn2, arn2 acts; Redshift
//! allows up to 10). https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html

import { AuthError, SqlState } from "../../common/errors.js";
import { type ConditionContext, type Decision, evaluate, type PolicyDocument, s3ResourceArn } from "./document.js";

export const DEFAULT_ROLE_ARN = "arn:aws:iam::000000000000:role/lakeshift";

export const ALLOW_ALL: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/** Where a role's S3 requests go, when not to the local lake. */
export interface RoleS3Target {
  readonly endpoint?: string;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** Who may use a role: database users ('*' = all) and, for chaining, the roles that may assume it. */
export interface RoleTrust {
  readonly users?: readonly string[];
  readonly roles?: readonly string[];
}

export interface IamRole {
  readonly arn: string;
  readonly policies: readonly PolicyDocument[];
  /** Undefined: the role reads and writes the local lake. */
  readonly s3?: RoleS3Target;
  /** Undefined: every user and every role may use it (a role associated with the cluster). */
  readonly trust?: RoleTrust;
}

/** What authorize() returns when the request may go ahead. */
export interface Authorized {
  readonly allowed: true;
  /** The acting role (the last of a chain). */
  readonly role: IamRole;
  /** The role's S3 endpoint and keys, when it has them. */
  readonly credentials?: RoleS3Target;
}

export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
export const MAX_ROLE_CHAIN = 10;

/** No trust at all: anyone may use the role; a trust without the list: no one of that kind. */
function trusts(trust: RoleTrust | undefined, kind: "users" | "roles", who: string): boolean {
  if (trust === undefined) return true;
  const list = trust[kind];
  return list !== undefined && (list.includes("*") || list.includes(who));
}

/** A request's resource as policies name it: s3://bucket[/key] becomes arn:aws:s3:::bucket[/key]. */
export function resourceArn(resource: string): string {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/s.exec(resource);
  if (!m) return resource;
  return s3ResourceArn(m[1] ?? "", m[2]);
}

function denied(arn: string, action: string, what: string, d: Decision): AuthError {
  return new AuthError(
    SqlState.InsufficientPrivilege,
    `IAM role ${arn} is not authorized to perform ${action} on ${what}${d === "explicit-deny" ? " (explicit deny)" : ""}`,
  );
}

export class RoleStore {
  protected readonly roles = new Map<string, IamRole>();

  constructor(
    roles: readonly IamRole[] = [{ arn: DEFAULT_ROLE_ARN, policies: [ALLOW_ALL] }],
    protected defaultArn: string | undefined = DEFAULT_ROLE_ARN,
  ) {
    for (const r of roles) this.roles.set(r.arn, r);
  }

  /** Hook for stores backed by a file: reload when it changed. */
  protected refresh(): void {}

  put(role: IamRole): void {
    this.roles.set(role.arn, role);
  }

  setDefault(arn: string | undefined): void {
    this.defaultArn = arn;
  }

  get defaultRole(): IamRole | undefined {
    this.refresh();
    return this.defaultArn === undefined ? undefined : this.roles.get(this.defaultArn);
  }

  get defaultRoleArn(): string | undefined {
    this.refresh();
    return this.defaultArn;
  }

  role(arn: string): IamRole | undefined {
    this.refresh();
    return this.roles.get(arn);
  }

  list(): readonly IamRole[] {
    this.refresh();
    return [...this.roles.values()];
  }

  /**
   * The role an IAM_ROLE clause names: 'default', an ARN, or a chain 'arn1,arn2' (the last role
   * acts). Unknown or malformed ARNs fail as Redshift does, naming the role. With `user`, each
   * link's trust is checked: the first role must trust the user, each next one the role before.
   */
  resolve(spec: "default" | string, user?: string): IamRole {
    this.refresh();
    if (spec.trim().toLowerCase() === "default") {
      const r = this.defaultArn === undefined ? undefined : this.roles.get(this.defaultArn);
      if (!r) throw new AuthError(SqlState.InvalidParameterValue, "no default IAM role is set for the cluster");
      if (user !== undefined && !trusts(r.trust, "users", user)) throw notTrusted(user, r.arn);
      return r;
    }
    const chain = spec.split(",").map((s) => s.trim());
    if (chain.length > MAX_ROLE_CHAIN) {
      throw new AuthError(SqlState.InvalidParameterValue, `a role chain may hold at most ${MAX_ROLE_CHAIN} roles`);
    }
    for (const arn of chain) {
      if (!ROLE_ARN.test(arn)) throw new AuthError(SqlState.InvalidParameterValue, `invalid IAM role ARN '${arn}'`);
    }
    let previous: IamRole | undefined;
    for (const arn of chain) {
      const r = this.roles.get(arn);
      if (!r) throw new AuthError(SqlState.InsufficientPrivilege, `not authorized to assume IAM role ${arn}`);
      if (user !== undefined) {
        if (previous === undefined && !trusts(r.trust, "users", user)) throw notTrusted(user, arn);
        if (previous !== undefined && !trusts(r.trust, "roles", previous.arn)) {
          throw new AuthError(
            SqlState.InsufficientPrivilege,
            `IAM role ${previous.arn} is not authorized to assume IAM role ${arn}`,
          );
        }
      }
      previous = r;
    }
    return previous as IamRole;
  }

  /**
   * May `user`, acting through `roleSpec`, do `action` (s3:GetObject, s3:PutObject, s3:ListBucket,
   * s3:DeleteObject, ...) on `resource` (s3://bucket/key, s3://bucket, or an ARN)? `context.prefix`
   * is s3:prefix for ListBucket. Throws 42501 naming the action and the object when not.
   */
  authorize(
    roleSpec: string,
    user: string,
    action: string,
    resource: string,
    context: { readonly prefix?: string; readonly keys?: ConditionContext } = {},
  ): Authorized {
    const role = this.resolve(roleSpec, user);
    const request: Record<string, string | readonly string[] | undefined> = {
      ...(context.keys ?? {}),
      "aws:username": user,
      ...(context.prefix !== undefined ? { "s3:prefix": context.prefix } : {}),
    };
    const d = evaluate(role.policies, action, resourceArn(resource), request);
    if (d !== "allow") throw denied(role.arn, action, resource, d);
    return { allowed: true, role, ...(role.s3 ? { credentials: role.s3 } : {}) };
  }
}

function notTrusted(user: string, arn: string): AuthError {
  return new AuthError(SqlState.InsufficientPrivilege, `user "${user}" is not authorized to assume IAM role ${arn}`);
}

/** The decision for an S3 action (s3:GetObject, s3:PutObject, s3:ListBucket, s3:DeleteObject) by a role. */
export function authorizeS3(
  role: IamRole,
  action: string,
  bucket: string,
  key?: string,
  context: ConditionContext = {},
): Decision {
  return evaluate(role.policies, action, s3ResourceArn(bucket, key), context);
}

/** Throws 42501 naming the action and the object unless the role may do it. */
export function requireS3(role: IamRole, action: string, bucket: string, key?: string, prefix?: string): void {
  const d = authorizeS3(role, action, bucket, key, prefix !== undefined ? { "s3:prefix": prefix } : {});
  if (d === "allow") return;
  throw denied(role.arn, action, key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`, d);
}

/**
 * The role store as one database user's statements use it (the shape src/lake's LakeRoles and
 * LakeAuthorizer take): resolve() also checks that each role in the chain trusts the user (or
 * the previous role), authorize() throws 42501 naming the action and the object.
 */
export function rolesForUser(
  store: RoleStore,
  user: string,
): {
  resolve(spec: string): IamRole;
  authorize(role: IamRole, action: string, bucket: string, key?: string, prefix?: string): void;
} {
  return {
    resolve: (spec) => store.resolve(spec, user),
    authorize: (role, action, bucket, key, prefix) => requireS3(role, action, bucket, key, prefix),
  };
}
