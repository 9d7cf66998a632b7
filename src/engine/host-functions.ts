// src/engine/host-functions.ts
//! Scalar functions implemented by the host (JavaScript) and callable from DuckDB SQL, for the
//! few answers only the host knows (the session's privileges). Registered on the instance at
//! open, before any database is attached, so catalog macros that call them bind. The engine
//! knows nothing of what they compute: a function takes and returns text, integers or booleans;
//! a thrown error fails the statement with its message ('[SQLSTATE] message' for a LakeshiftError).

import {
  BOOLEAN,
  type DuckDBConnection,
  DuckDBScalarFunction,
  type DuckDBType,
  INTEGER,
  VARCHAR,
} from "@duckdb/node-api";
import { LakeshiftError } from "../common/errors.js";

export type HostType = "varchar" | "integer" | "boolean";
export type HostValue = string | number | boolean | null;

export interface HostFunction {
  readonly name: string;
  readonly parameters: readonly HostType[];
  readonly returns: HostType;
  /** Called once per row; arguments may be null. */
  call(args: readonly HostValue[]): HostValue;
}

const TYPES: Readonly<Record<HostType, DuckDBType>> = { varchar: VARCHAR, integer: INTEGER, boolean: BOOLEAN };

function hostValue(v: unknown): HostValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

export function registerHostFunction(connection: DuckDBConnection, f: HostFunction): void {
  const fn = DuckDBScalarFunction.create({
    name: f.name,
    returnType: TYPES[f.returns],
    parameterTypes: f.parameters.map((t) => TYPES[t]),
    specialHandling: true,
    volatile: true,
    mainFunction: (info, chunk, out) => {
      try {
        const vectors = f.parameters.map((_, i) => chunk.getColumnVector(i));
        for (let r = 0; r < chunk.rowCount; r++) {
          const value = f.call(vectors.map((v) => hostValue(v.getItem(r))));
          out.setItem(r, value);
        }
        out.flush();
      } catch (e) {
        info.setError(e instanceof LakeshiftError ? `[${e.sqlstate}] ${e.message}` : String(e));
      }
    },
  });
  connection.registerScalarFunction(fn);
}
