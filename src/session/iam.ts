// src/session/iam.ts
//! The IAM store as the CLI (`lakeshift iam ...`) edits it: the file functions of
//! src/security/policy, passed through because cli may import session, not security.

export {
  createRole,
  deleteRole,
  deleteRolePolicy,
  getRolePolicy,
  type IamData,
  iamFilePath,
  openIamStore,
  parsePolicyDocument,
  putRolePolicy,
  readIamFile,
  setDefaultRole,
  writeIamFile,
} from "../security/policy/index.js";
