// src/engine/copy-casts.ts
//! COPY's one-pass field parsers (native/copycast.cc) registered on the instance: names the
//! translator's COPY conversion may call first (plan's CopyFastCasts), falling back to its SQL where
//! one gives NULL. Registered on a connection of their own, in autocommit: a scalar function lives
//! in DuckDB's system catalog, seen at once by every connection (also by a transaction already
//! open). The integer and CHAR parsers go in when the engine opens, a DECIMAL(p,s) one the first
//! time a COPY needs it. The first registration is checked by calling it; without the addon, or
//! when that check fails, the engine offers none and COPY runs its SQL alone.

import type { DuckDBConnection } from "@duckdb/node-api";
import { nativeCopyCastRegistrar } from "./native-rows.js";

/** native/copycast.cc's kinds. */
const Kind = { I16: 0, I32: 1, I64: 2, DECIMAL: 3, PAD_CHAR: 4 } as const;

/** The functions' names: a prefix no SQL a user writes reaches (the front end binds every call). */
const PREFIX = "lakeshift_copy_";

export class CopyCasts {
  private readonly decimals = new Set<string>();
  readonly padChar = `${PREFIX}pad_char`;

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly register: NonNullable<ReturnType<typeof nativeCopyCastRegistrar>>,
  ) {}

  /** The parsers on `connection`'s instance, or null (no addon, or the check failed). */
  static async open(connection: DuckDBConnection): Promise<CopyCasts | null> {
    const register = nativeCopyCastRegistrar();
    if (register === null) return null;
    const casts = new CopyCasts(connection, register);
    try {
      casts.add(casts.integer(2), Kind.I16);
      casts.add(casts.integer(4), Kind.I32);
      casts.add(casts.integer(8), Kind.I64);
      casts.add(casts.padChar, Kind.PAD_CHAR);
      const r = await connection.runAndReadAll(
        `SELECT ${casts.integer(4)}('-42'), ${casts.integer(4)}('4x'), ${casts.padChar}('ab', 4)`,
      );
      const [row] = r.getRows();
      if (row?.[0] !== -42 || row?.[1] !== null || row?.[2] !== "ab  ") return null;
    } catch {
      return null;
    }
    return casts;
  }

  private add(name: string, kind: number, precision = 0, scale = 0): void {
    const bindings = (this.connection as unknown as { connection: unknown }).connection;
    if (!this.register(bindings, name, kind, precision, scale)) throw new Error(`DuckDB refused ${name}`);
  }

  integer(bytes: 2 | 4 | 8): string {
    return `${PREFIX}int${bytes}`;
  }

  decimal(precision: number, scale: number): string {
    const name = `${PREFIX}decimal_${precision}_${scale}`;
    if (!this.decimals.has(name)) {
      this.add(name, Kind.DECIMAL, precision, scale);
      this.decimals.add(name);
    }
    return name;
  }

  close(): void {
    this.connection.disconnectSync();
  }
}
