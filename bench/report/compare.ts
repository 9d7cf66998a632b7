// bench/report/compare.ts
//! Compares two systems' answers to a query: text cells, CHAR padding trimmed, numbers equal
//! within a relative 1e-6 (exact decimals vs doubles), rows in order or, failing that, as sets
//! (ties in ORDER BY may legitimately come back in either order).

export type Cell = string | null;

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function cellEqual(a: Cell, b: Cell): boolean {
  if (a === null || b === null) return a === b;
  const x = a.trimEnd();
  const y = b.trimEnd();
  if (x === y) return true;
  if (NUMERIC.test(x) && NUMERIC.test(y)) {
    const p = Number(x);
    const q = Number(y);
    if (Math.abs(p - q) <= 1e-6 * Math.max(1, Math.abs(p), Math.abs(q))) return true;
    // Redshift keeps a DECIMAL argument's scale where DuckDB computes a double (AVG of a
    // DECIMAL(15,2) is DECIMAL(38,2) in Redshift): equal when the more precise one rounds to it.
    const scale = Math.min(decimals(x), decimals(y));
    return scale >= 0 && Math.abs(p - q) <= 0.5 * 10 ** -scale + 1e-9 * Math.max(1, Math.abs(p));
  }
  if (/^[tf]$|^true$|^false$/.test(x) && /^[tf]$|^true$|^false$/.test(y)) return x[0] === y[0];
  return false;
}

/** Digits after the point of a plain decimal literal; -1 for exponent forms. */
function decimals(v: string): number {
  if (/[eE]/.test(v)) return -1;
  const dot = v.indexOf(".");
  return dot < 0 ? 0 : v.length - dot - 1;
}

function rowEqual(a: readonly Cell[], b: readonly Cell[]): boolean {
  return a.length === b.length && a.every((v, i) => cellEqual(v, b[i] ?? null));
}

function sortKey(row: readonly Cell[]): string {
  return row
    .map((v) => {
      if (v === null) return "\u0000";
      const t = v.trimEnd();
      return NUMERIC.test(t) ? Number(t).toPrecision(8) : t;
    })
    .join("\u0001");
}

export interface Comparison {
  readonly match: boolean;
  readonly detail?: string;
}

export function compareAnswers(
  actual: readonly (readonly Cell[])[],
  expected: readonly (readonly Cell[])[],
): Comparison {
  if (actual.length !== expected.length) {
    return { match: false, detail: `${actual.length} rows, expected ${expected.length}` };
  }
  if (actual.every((r, i) => rowEqual(r, expected[i] ?? []))) return { match: true };
  const sa = [...actual].sort((p, q) => (sortKey(p) < sortKey(q) ? -1 : 1));
  const sb = [...expected].sort((p, q) => (sortKey(p) < sortKey(q) ? -1 : 1));
  const bad = sa.findIndex((r, i) => !rowEqual(r, sb[i] ?? []));
  if (bad < 0) return { match: true, detail: "same rows, tie order differs" };
  return { match: false, detail: `row ${JSON.stringify(sa[bad])} vs expected ${JSON.stringify(sb[bad])}` };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function geomean(xs: readonly number[]): number | null {
  const ok = xs.filter((x) => x > 0 && Number.isFinite(x));
  if (ok.length === 0) return null;
  return Math.exp(ok.reduce((a, x) => a + Math.log(x), 0) / ok.length);
}
