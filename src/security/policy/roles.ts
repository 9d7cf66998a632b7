// src/security/policy/roles.ts
//! IAM roles COPY, UNLOAD and external tables act as. The embedded default has one role,
//! arn:aws:iam::000000000000:role/lakeshift, allowed everything and set as the cluster's default,
//! so `COPY ... IAM_ROLE default` works out of the box. The editable role store (a JSON file in
//! the data dir, trust, role chaining) is issue 5's; this is the part COPY/UNLOAD need.

import { AuthError, SqlState } from "../../common/errors.js";
import { type Decision, evaluate, type PolicyDocument, s3ResourceArn } from "./document.js";

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

export interface IamRole {
  readonly arn: string;
  readonly policies: readonly PolicyDocument[];
  /** Undefined: the role reads and writes the local lake. */
  readonly s3?: RoleS3Target;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export class RoleStore {
  private readonly roles = new Map<string, IamRole>();

  constructor(
    roles: readonly IamRole[] = [{ arn: DEFAULT_ROLE_ARN, policies: [ALLOW_ALL] }],
    private defaultArn: string | undefined = DEFAULT_ROLE_ARN,
  ) {
    for (const r of roles) this.roles.set(r.arn, r);
  }

  put(role: IamRole): void {
    this.roles.set(role.arn, role);
  }

  setDefault(arn: string | undefined): void {
    this.defaultArn = arn;
  }

  get defaultRole(): IamRole | undefined {
    return this.defaultArn === undefined ? undefined : this.roles.get(this.defaultArn);
  }

  role(arn: string): IamRole | undefined {
    return this.roles.get(arn);
  }

  /**
   * The role an IAM_ROLE clause names: 'default', an ARN, or a chain 'arn1,arn2' (the last role
   * acts). Unknown or malformed ARNs fail as Redshift does, naming the role.
   */
  resolve(spec: "default" | string): IamRole {
    if (spec.toLowerCase() === "default") {
      const r = this.defaultRole;
      if (!r) throw new AuthError(SqlState.InvalidParameterValue, "no default IAM role is set for the cluster");
      return r;
    }
    const chain = spec.split(",").map((s) => s.trim());
    for (const arn of chain) {
      if (!ROLE_ARN.test(arn)) throw new AuthError(SqlState.InvalidParameterValue, `invalid IAM role ARN '${arn}'`);
    }
    const last = chain[chain.length - 1] ?? "";
    const r = this.roles.get(last);
    if (!r) throw new AuthError(SqlState.InsufficientPrivilege, `not authorized to assume IAM role ${last}`);
    return r;
  }
}

/** The decision for an S3 action (s3:GetObject, s3:PutObject, s3:ListBucket, s3:DeleteObject) by a role. */
export function authorizeS3(role: IamRole, action: string, bucket: string, key?: string): Decision {
  return evaluate(role.policies, action, s3ResourceArn(bucket, key));
}

/** Throws 42501 naming the action and the object unless the role may do it. */
export function requireS3(role: IamRole, action: string, bucket: string, key?: string): void {
  const d = authorizeS3(role, action, bucket, key);
  if (d === "allow") return;
  const what = key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`;
  throw new AuthError(
    SqlState.InsufficientPrivilege,
    `IAM role ${role.arn} is not authorized to perform ${action} on ${what}${d === "explicit-deny" ? " (explicit deny)" : ""}`,
  );
}
