// src/security/policy/iam-file.ts
//! The IAM store: `<data-dir>/iam.json`, holding roles (ARN, trust, optional S3 endpoint and keys)
//! with their named policy documents, and the cluster's default role. Without the file the
//! embedded default applies: one role, arn:aws:iam::000000000000:role/lakeshift, allowed
//! everything and set as the default. `lakeshift iam ...` edits the file; a running server sees
//! the change at its next IAM check (the file's mtime is compared each time).

import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AuthError, SqlState } from "../../common/errors.js";
import { type PolicyDocument, policyDocumentProblem } from "./document.js";
import {
  ALLOW_ALL,
  DEFAULT_ROLE_ARN,
  type IamRole,
  ROLE_ARN,
  type RoleS3Target,
  RoleStore,
  type RoleTrust,
} from "./roles.js";

export const IAM_FILE = "iam.json";

export interface IamRoleEntry {
  readonly description?: string;
  readonly trust?: RoleTrust;
  readonly s3?: RoleS3Target;
  /** Inline policies by name. */
  readonly policies: Readonly<Record<string, PolicyDocument>>;
}

export interface IamData {
  readonly defaultRole?: string;
  readonly roles: Readonly<Record<string, IamRoleEntry>>;
}

export const EMBEDDED_IAM: IamData = {
  defaultRole: DEFAULT_ROLE_ARN,
  roles: { [DEFAULT_ROLE_ARN]: { trust: { users: ["*"] }, policies: { "allow-all": ALLOW_ALL } } },
};

export const iamFilePath = (dataDir: string) => join(dataDir, IAM_FILE);

const fail = (message: string) => new AuthError(SqlState.InvalidParameterValue, message);

/** Reads and checks the file; the embedded default when it does not exist. */
export function readIamFile(path: string): IamData {
  if (!existsSync(path)) return EMBEDDED_IAM;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw fail(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || typeof (raw as IamData).roles !== "object") {
    throw fail(`${path} must be an object with "roles"`);
  }
  const data = raw as IamData;
  for (const [arn, entry] of Object.entries(data.roles)) {
    if (!ROLE_ARN.test(arn)) throw fail(`${path}: invalid IAM role ARN '${arn}'`);
    for (const [name, doc] of Object.entries(entry.policies ?? {})) {
      const problem = policyDocumentProblem(doc);
      if (problem) throw fail(`${path}: policy ${name} of ${arn}: ${problem}`);
    }
  }
  return data;
}

/** Writes atomically (a temporary file renamed over the old one). */
export function writeIamFile(path: string, data: IamData): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function rolesOf(data: IamData): IamRole[] {
  return Object.entries(data.roles).map(([arn, e]) => ({
    arn,
    policies: Object.values(e.policies ?? {}),
    ...(e.s3 ? { s3: e.s3 } : {}),
    ...(e.trust ? { trust: e.trust } : {}),
  }));
}

// ---- edits (pure: data in, data out), as the `iam` CLI commands ----

function requireRole(data: IamData, arn: string): IamRoleEntry {
  const r = data.roles[arn];
  if (!r) throw fail(`role ${arn} does not exist`);
  return r;
}

export function createRole(
  data: IamData,
  arn: string,
  options: { trust?: RoleTrust; s3?: RoleS3Target; description?: string } = {},
): IamData {
  if (!ROLE_ARN.test(arn)) throw fail(`invalid IAM role ARN '${arn}'`);
  if (data.roles[arn]) throw fail(`role ${arn} already exists`);
  const entry: IamRoleEntry = {
    ...(options.description !== undefined ? { description: options.description } : {}),
    trust: options.trust ?? { users: ["*"] },
    ...(options.s3 ? { s3: options.s3 } : {}),
    policies: {},
  };
  return { ...data, roles: { ...data.roles, [arn]: entry } };
}

export function deleteRole(data: IamData, arn: string): IamData {
  requireRole(data, arn);
  const roles = { ...data.roles };
  delete roles[arn];
  const { defaultRole, ...rest } = data;
  return defaultRole === arn ? { ...rest, roles } : { ...data, roles };
}

/** Parses and checks a policy document (JSON text), as IAM's MalformedPolicyDocument would. */
export function parsePolicyDocument(text: string): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fail(`MalformedPolicyDocument: ${(e as Error).message}`);
  }
  const problem = policyDocumentProblem(doc);
  if (problem) throw fail(`MalformedPolicyDocument: ${problem}`);
  return doc as PolicyDocument;
}

export function putRolePolicy(data: IamData, arn: string, name: string, doc: PolicyDocument): IamData {
  const role = requireRole(data, arn);
  const problem = policyDocumentProblem(doc);
  if (problem) throw fail(`MalformedPolicyDocument: ${problem}`);
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) throw fail(`invalid policy name '${name}'`);
  return { ...data, roles: { ...data.roles, [arn]: { ...role, policies: { ...role.policies, [name]: doc } } } };
}

export function getRolePolicy(data: IamData, arn: string, name: string): PolicyDocument {
  const doc = requireRole(data, arn).policies[name];
  if (!doc) throw fail(`role ${arn} has no policy named ${name}`);
  return doc;
}

export function deleteRolePolicy(data: IamData, arn: string, name: string): IamData {
  const role = requireRole(data, arn);
  if (!role.policies[name]) throw fail(`role ${arn} has no policy named ${name}`);
  const policies = { ...role.policies };
  delete policies[name];
  return { ...data, roles: { ...data.roles, [arn]: { ...role, policies } } };
}

/** 'none' clears the default. */
export function setDefaultRole(data: IamData, arn: string): IamData {
  if (arn.toLowerCase() === "none") {
    const { defaultRole: _, ...rest } = data;
    return rest;
  }
  requireRole(data, arn);
  return { ...data, defaultRole: arn };
}

/** A RoleStore over `<data-dir>/iam.json` that reloads when the file changes. */
export class FileRoleStore extends RoleStore {
  private stamp = "";

  constructor(readonly path: string) {
    super([], undefined);
    this.refresh();
  }

  protected override refresh(): void {
    let stamp = "absent";
    try {
      const st = statSync(this.path);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      // no file: the embedded default
    }
    if (stamp === this.stamp) return;
    const data = readIamFile(this.path);
    this.roles.clear();
    for (const r of rolesOf(data)) this.roles.set(r.arn, r);
    this.defaultArn = data.defaultRole;
    this.stamp = stamp;
  }
}

/** The cluster's role store: `<data-dir>/iam.json`, or the embedded default without it. */
export function openIamStore(dataDir: string): FileRoleStore {
  return new FileRoleStore(iamFilePath(dataDir));
}
