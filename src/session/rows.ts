// src/session/rows.ts
//! A running query's rows, handed out in slices: all at once for the simple protocol, up to
//! maxRows per Execute for a portal (then PortalSuspended, resumed by the next Execute).

import type { EngineChunk, EngineStream } from "../engine/types.js";
import type { ExecuteOutcome, RowSlice } from "./api.js";
import type { ResultColumn } from "./result.js";

export class RowsCursor {
  private pending: { chunk: EngineChunk; offset: number } | null = null;
  private exhausted = false;
  private closed = false;

  constructor(
    private readonly stream: EngineStream,
    readonly columns: readonly ResultColumn[],
    readonly formats: readonly number[],
    private readonly tagName = "SELECT",
    private readonly onDone?: (rows: number) => void,
  ) {}

  get done(): boolean {
    return this.exhausted || this.closed;
  }

  /** An outcome for one Execute (maxRows 0: everything left). */
  outcome(maxRows: number): ExecuteOutcome {
    let count = 0;
    let suspended = false;
    const self = this;
    async function* slices(): AsyncGenerator<RowSlice> {
      let remaining = maxRows > 0 ? maxRows : Number.POSITIVE_INFINITY;
      try {
        while (remaining > 0 && !self.closed) {
          if (!self.pending) {
            const chunk = await self.stream.next();
            if (!chunk) {
              self.exhausted = true;
              break;
            }
            if (chunk.rowCount === 0) continue;
            self.pending = { chunk, offset: 0 };
          }
          const p = self.pending;
          const take = Math.min(remaining, p.chunk.rowCount - p.offset);
          yield { chunk: p.chunk, start: p.offset, end: p.offset + take };
          p.offset += take;
          remaining -= take;
          count += take;
          if (p.offset >= p.chunk.rowCount) self.pending = null;
        }
        suspended = remaining === 0 && !self.exhausted;
      } catch (e) {
        self.close();
        throw e;
      }
      if (!suspended) {
        self.close();
        self.onDone?.(count);
      }
    }
    return {
      kind: "rows",
      columns: this.columns,
      formats: this.formats,
      slices: slices(),
      finish: () => ({ suspended, tag: `${this.tagName} ${count}` }),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    this.stream.close();
  }
}
