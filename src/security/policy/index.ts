// src/security/policy: IAM policy documents and the roles COPY/UNLOAD act as. Pure: no I/O.
export * from "./document.js";
export * from "./roles.js";
