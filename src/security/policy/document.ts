// src/security/policy/document.ts
//! IAM policy documents (AWS's JSON policy language) and their evaluation, as AWS does it: an
//! explicit Deny wins, then an Allow, else the implicit deny. Action matches case-insensitively,
//! Resource case-sensitively, both with '*' and '?' wildcards; NotAction / NotResource invert the
//! match; a Condition block (conditions.ts) must hold for the statement to apply.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import { type ConditionContext, conditionHolds, knownConditionOperator, wildcardMatch } from "./conditions.js";

export { type ConditionContext, wildcardMatch } from "./conditions.js";

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: unknown;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

function list(v: string | readonly string[] | undefined): readonly string[] | undefined {
  return v === undefined ? undefined : typeof v === "string" ? [v] : v;
}

function matches(
  yes: readonly string[] | undefined,
  no: readonly string[] | undefined,
  value: string,
  ignoreCase: boolean,
): boolean {
  if (yes) return yes.some((p) => wildcardMatch(p, value, ignoreCase));
  if (no) return !no.some((p) => wildcardMatch(p, value, ignoreCase));
  return false;
}

function statementsOf(doc: PolicyDocument): readonly PolicyStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as PolicyStatement];
}

function applies(s: PolicyStatement, action: string, resource: string, context: ConditionContext): boolean {
  return (
    matches(list(s.Action), list(s.NotAction), action, true) &&
    matches(list(s.Resource), list(s.NotResource), resource, false) &&
    conditionHolds(s.Condition, context)
  );
}

/** The decision of a set of policies for one action on one resource in a request context. */
export function evaluate(
  policies: readonly PolicyDocument[],
  action: string,
  resource: string,
  context: ConditionContext = {},
): Decision {
  let allowed = false;
  for (const doc of policies) {
    for (const s of statementsOf(doc)) {
      if (!applies(s, action, resource, context)) continue;
      if (s.Effect === "Deny") return "explicit-deny";
      if (s.Effect === "Allow") allowed = true;
    }
  }
  return allowed ? "allow" : "implicit-deny";
}

/** The ARN of an S3 object or bucket as policies name it: arn:aws:s3:::bucket/key. */
export function s3ResourceArn(bucket: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

function isStringList(v: unknown): boolean {
  return typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string"));
}

/**
 * What is wrong with a policy document, as IAM's MalformedPolicyDocument would say; undefined when
 * it is well-formed. Accepts the parsed JSON.
 */
export function policyDocumentProblem(doc: unknown): string | undefined {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "the policy must be a JSON object";
  const d = doc as Record<string, unknown>;
  if (d.Version !== undefined && d.Version !== "2012-10-17" && d.Version !== "2008-10-17") {
    return `the policy Version '${String(d.Version)}' is not valid`;
  }
  if (d.Statement === undefined) return "the policy has no Statement";
  const statements = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  if (statements.length === 0) return "the policy has no Statement";
  for (const [i, raw] of statements.entries()) {
    const at = `Statement ${i + 1}`;
    if (typeof raw !== "object" || raw === null) return `${at} must be an object`;
    const s = raw as Record<string, unknown>;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") return `${at}: Effect must be Allow or Deny`;
    if ((s.Action === undefined) === (s.NotAction === undefined)) return `${at} needs exactly one of Action, NotAction`;
    if ((s.Resource === undefined) === (s.NotResource === undefined)) {
      return `${at} needs exactly one of Resource, NotResource`;
    }
    for (const k of ["Action", "NotAction", "Resource", "NotResource"]) {
      if (s[k] !== undefined && !isStringList(s[k])) return `${at}: ${k} must be a string or a list of strings`;
    }
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
      return `${at}: Principal is not allowed in an identity policy`;
    }
    if (s.Condition !== undefined) {
      if (typeof s.Condition !== "object" || s.Condition === null) return `${at}: Condition must be an object`;
      for (const [op, keys] of Object.entries(s.Condition as Record<string, unknown>)) {
        if (!knownConditionOperator(op)) return `${at}: unknown condition operator ${op}`;
        if (typeof keys !== "object" || keys === null) return `${at}: ${op} must map keys to values`;
      }
    }
  }
  return undefined;
}
