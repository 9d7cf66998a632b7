// tests/unit/sql/strip-pos.ts
//! A deep copy of an AST without `pos` fields, for structural comparison of round trips.

export function stripPos(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(stripPos);
  if (n !== null && typeof n === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) if (k !== "pos") out[k] = stripPos(v);
    return out;
  }
  return n;
}
