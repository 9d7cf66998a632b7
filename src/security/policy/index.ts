// src/security/policy: IAM policy documents, their evaluation, the roles COPY/UNLOAD act as and
// the IAM store file (<data-dir>/iam.json). Imports only src/common.
export * from "./conditions.js";
export * from "./document.js";
export * from "./iam-file.js";
export * from "./roles.js";
