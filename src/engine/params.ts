// src/engine/params.ts
//! Binds JS values to DuckDB prepared-statement parameters.

import { type DuckDBPreparedStatement, DuckDBTimestampValue } from "@duckdb/node-api";
import { ExecutionError, SqlState } from "../common/errors.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Binds params[i] to parameter i+1: null/undefined NULL, boolean BOOLEAN, integral number INTEGER
 * or BIGINT, other number DOUBLE, bigint BIGINT or HUGEINT, string VARCHAR (DuckDB casts it to the
 * parameter's type), Uint8Array BLOB, Date TIMESTAMP.
 */
export function bindParams(prepared: DuckDBPreparedStatement, params: readonly unknown[]): void {
  if (params.length !== prepared.parameterCount) {
    throw new ExecutionError(
      SqlState.ProtocolViolation,
      `bind message supplies ${params.length} parameters, but prepared statement requires ${prepared.parameterCount}`,
    );
  }
  params.forEach((v, i) => {
    const k = i + 1;
    if (v === null || v === undefined) prepared.bindNull(k);
    else if (typeof v === "string") prepared.bindVarchar(k, v);
    else if (typeof v === "boolean") prepared.bindBoolean(k, v);
    else if (typeof v === "number") {
      if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) prepared.bindInteger(k, v);
      else if (Number.isSafeInteger(v)) prepared.bindBigInt(k, BigInt(v));
      else prepared.bindDouble(k, v);
    } else if (typeof v === "bigint") {
      if (v >= INT64_MIN && v <= INT64_MAX) prepared.bindBigInt(k, v);
      else prepared.bindHugeInt(k, v);
    } else if (v instanceof Uint8Array) prepared.bindBlob(k, v);
    else if (v instanceof Date) prepared.bindTimestamp(k, new DuckDBTimestampValue(BigInt(v.getTime()) * 1000n));
    else throw new ExecutionError(SqlState.DatatypeMismatch, `cannot bind a parameter of JS type ${typeof v}`);
  });
}
