// src/security/policy/conditions.ts
//! Condition blocks of IAM policy statements, evaluated as AWS does: every operator in the block
//! must hold, every key under an operator must hold, and a key with several values holds when any
//! value matches (for negated operators: when none does). Key names are case-insensitive; string
//! values compare case-sensitively unless the operator says IgnoreCase. A key missing from the
//! request makes a positive operator false and a negated one true; `...IfExists` makes it true;
//! `Null` tests presence. ForAnyValue:/ForAllValues: qualify multi-valued request keys.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html

/** Request context keys (lower-cased by the evaluator) and their values. */
export type ConditionContext = Readonly<Record<string, string | readonly string[] | undefined>>;

type Compare = (pattern: string, value: string) => boolean;

/** IAM wildcard match: '*' any run (across '/' and ':'), '?' one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
}

/** Positive operators by name (lower case); the negated ones are listed in NEGATED. */
const COMPARE: Readonly<Record<string, Compare>> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => wildcardMatch(p, v),
  arnequals: (p, v) => p === v,
  arnlike: (p, v) => wildcardMatch(p, v),
  bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};

const NEGATED: Readonly<Record<string, string>> = {
  stringnotequals: "stringequals",
  stringnotequalsignorecase: "stringequalsignorecase",
  stringnotlike: "stringlike",
  arnnotequals: "arnequals",
  arnnotlike: "arnlike",
};

/** True when `operator` (as written in a policy) is one this evaluator knows. */
export function knownConditionOperator(operator: string): boolean {
  const { base } = splitOperator(operator);
  return base === "null" || base in COMPARE || base in NEGATED;
}

function splitOperator(operator: string): { base: string; ifExists: boolean; set?: "any" | "all" } {
  let op = operator.toLowerCase();
  let set: "any" | "all" | undefined;
  if (op.startsWith("foranyvalue:")) {
    set = "any";
    op = op.slice("foranyvalue:".length);
  } else if (op.startsWith("forallvalues:")) {
    set = "all";
    op = op.slice("forallvalues:".length);
  }
  const ifExists = op.endsWith("ifexists");
  if (ifExists) op = op.slice(0, -"ifexists".length);
  return { base: op, ifExists, ...(set ? { set } : {}) };
}

function values(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return v === undefined || v === null ? [] : [String(v)];
}

function lookup(context: ConditionContext, key: string): readonly string[] | undefined {
  const want = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === want && v !== undefined) return typeof v === "string" ? [v] : v;
  }
  return undefined;
}

function keyHolds(operator: string, key: string, policyValues: string[], context: ConditionContext): boolean {
  const { base, ifExists, set } = splitOperator(operator);
  const present = lookup(context, key);
  if (base === "null") {
    const wantsAbsent = policyValues.some((v) => v.toLowerCase() === "true");
    return wantsAbsent === (present === undefined);
  }
  const negatedBase = NEGATED[base];
  const compare = COMPARE[negatedBase ?? base];
  if (!compare) return false;
  if (present === undefined) {
    if (set === "all") return true;
    return ifExists || negatedBase !== undefined;
  }
  const matchOne = (v: string) => policyValues.some((p) => compare(p, v));
  if (set === "all") {
    return present.every((v) => (negatedBase ? !matchOne(v) : matchOne(v)));
  }
  if (set === "any") {
    return present.some((v) => (negatedBase ? !matchOne(v) : matchOne(v)));
  }
  // A single-valued key: negated operators hold when no policy value matches.
  return negatedBase ? !present.some(matchOne) : present.some(matchOne);
}

/** Whether a statement's Condition block holds for the request context. */
export function conditionHolds(condition: unknown, context: ConditionContext): boolean {
  if (condition === undefined || condition === null) return true;
  if (typeof condition !== "object") return false;
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof keys !== "object" || keys === null) return false;
    for (const [key, v] of Object.entries(keys as Record<string, unknown>)) {
      if (!keyHolds(operator, key, values(v), context)) return false;
    }
  }
  return true;
}
