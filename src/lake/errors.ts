// src/lake/errors.ts
//! Errors from the lake: object stores, COPY and UNLOAD. Redshift reports them as XX000 with the
//! store's own words in the message ("S3ServiceException: The specified bucket does not exist").

import { LakeshiftError, SqlState } from "../common/errors.js";

export class LakeError extends LakeshiftError {
  constructor(message: string, fields: { readonly detail?: string; readonly sqlstate?: string } = {}) {
    super(fields.sqlstate ?? SqlState.InternalError, message, fields.detail ? { detail: fields.detail } : {});
  }
}

/** The object or prefix is not there. */
export class NoSuchObjectError extends LakeError {}

/** The bucket is not there. */
export class NoSuchBucketError extends LakeError {}
