// src/cli/iam.ts
//! `lakeshift iam <command>`: edits the IAM store (<data-dir>/iam.json) the way the AWS CLI's
//! `aws iam` commands edit roles: create-role, delete-role, list-roles, put-role-policy,
//! get-role-policy, delete-role-policy, set-default-role. A running server picks changes up at
//! its next IAM check.

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  createRole,
  deleteRole,
  deleteRolePolicy,
  getRolePolicy,
  type IamData,
  iamFilePath,
  parsePolicyDocument,
  putRolePolicy,
  readIamFile,
  setDefaultRole,
  writeIamFile,
} from "../session/iam.js";
import { option, parseArgs } from "./args.js";

export const IAM_USAGE = `usage: lakeshift iam <command> [--data-dir D] ...
  create-role        --role-arn A [--trusted-users u1,u2|*] [--trusted-roles arn,...] [--description T]
                     [--s3-endpoint URL] [--s3-region R] [--s3-access-key-id K --s3-secret-access-key S]
  delete-role        --role-arn A
  list-roles
  put-role-policy    --role-arn A --policy-name N --policy-document FILE|JSON
  get-role-policy    --role-arn A --policy-name N
  delete-role-policy --role-arn A --policy-name N
  set-default-role   --role-arn A|none
`;

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

function need(flags: Map<string, string>, name: string): string {
  const v = flags.get(name);
  if (v === undefined || v === "true") throw new Error(`--${name} is required`);
  return v;
}

/** A document given inline (JSON), as file://path like the AWS CLI, or as a path. */
function documentText(spec: string): string {
  const trimmed = spec.trim();
  if (trimmed.startsWith("{")) return spec;
  const path = trimmed.startsWith("file://") ? trimmed.slice("file://".length) : trimmed;
  if (!existsSync(path)) throw new Error(`no such policy document file: ${path}`);
  return readFileSync(path, "utf8");
}

function listing(data: IamData): object {
  return {
    DefaultRole: data.defaultRole ?? null,
    Roles: Object.entries(data.roles).map(([arn, r]) => ({
      Arn: arn,
      RoleName: arn.slice(arn.indexOf(":role/") + ":role/".length),
      ...(r.description !== undefined ? { Description: r.description } : {}),
      Trust: r.trust ?? { users: ["*"] },
      ...(r.s3 ? { S3Endpoint: r.s3.endpoint ?? null, HasCredentials: r.s3.credentials !== undefined } : {}),
      PolicyNames: Object.keys(r.policies),
    })),
  };
}

/** Runs one iam command; output goes to `out`. Returns the exit code. */
export function runIam(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  const f = args.flags;
  const dataDir = resolve(option(args, "data-dir", "LAKESHIFT_DATA_DIR", "data"));
  const path = iamFilePath(dataDir);
  const data = readIamFile(path);
  const save = (next: IamData) => {
    mkdirSync(dataDir, { recursive: true });
    writeIamFile(path, next);
  };
  const json = (v: unknown) => out(`${JSON.stringify(v, null, 2)}\n`);
  switch (command) {
    case "create-role": {
      const users = list(f.get("trusted-users"));
      const roles = list(f.get("trusted-roles"));
      const key = f.get("s3-access-key-id");
      const secret = f.get("s3-secret-access-key");
      if ((key === undefined) !== (secret === undefined)) {
        throw new Error("--s3-access-key-id and --s3-secret-access-key go together");
      }
      const endpoint = f.get("s3-endpoint");
      const region = f.get("s3-region");
      const s3 =
        endpoint !== undefined || region !== undefined || key !== undefined
          ? {
              ...(endpoint !== undefined ? { endpoint, forcePathStyle: true } : {}),
              ...(region !== undefined ? { region } : {}),
              ...(key !== undefined && secret !== undefined
                ? { credentials: { accessKeyId: key, secretAccessKey: secret } }
                : {}),
            }
          : undefined;
      const arn = need(f, "role-arn");
      const description = f.get("description");
      save(
        createRole(data, arn, {
          trust: { users: users ?? ["*"], ...(roles ? { roles } : {}) },
          ...(s3 ? { s3 } : {}),
          ...(description !== undefined ? { description } : {}),
        }),
      );
      json({ Role: { Arn: arn } });
      return 0;
    }
    case "delete-role":
      save(deleteRole(data, need(f, "role-arn")));
      return 0;
    case "list-roles":
      json(listing(data));
      return 0;
    case "put-role-policy": {
      const doc = parsePolicyDocument(documentText(need(f, "policy-document")));
      save(putRolePolicy(data, need(f, "role-arn"), need(f, "policy-name"), doc));
      return 0;
    }
    case "get-role-policy": {
      const arn = need(f, "role-arn");
      const name = need(f, "policy-name");
      json({ RoleArn: arn, PolicyName: name, PolicyDocument: getRolePolicy(data, arn, name) });
      return 0;
    }
    case "delete-role-policy":
      save(deleteRolePolicy(data, need(f, "role-arn"), need(f, "policy-name")));
      return 0;
    case "set-default-role":
      save(setDefaultRole(data, need(f, "role-arn")));
      return 0;
    default:
      out(IAM_USAGE);
      return command === undefined || command === "help" ? 0 : 2;
  }
}
