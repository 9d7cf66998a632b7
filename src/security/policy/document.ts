// src/security/policy/document.ts
//! IAM policy documents (AWS's JSON policy language) and their evaluation, as AWS does it: an
//! explicit Deny wins, then an Allow, else the implicit deny. Action and Resource take '*' and '?'
//! wildcards; NotAction / NotResource invert the match. Conditions are issue 5's (a statement with
//! a Condition does not match here yet, so it can only narrow what is allowed).
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

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
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

function list(v: string | readonly string[] | undefined): readonly string[] | undefined {
  return v === undefined ? undefined : typeof v === "string" ? [v] : v;
}

/** IAM wildcard match: '*' any run, '?' one character; actions match case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
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

function applies(s: PolicyStatement, action: string, resource: string): boolean {
  if (s.Condition !== undefined) return false;
  return (
    matches(list(s.Action), list(s.NotAction), action, true) &&
    matches(list(s.Resource), list(s.NotResource), resource, false)
  );
}

/** The decision of a set of policies for one action on one resource. */
export function evaluate(policies: readonly PolicyDocument[], action: string, resource: string): Decision {
  let allowed = false;
  for (const doc of policies) {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as PolicyStatement];
    for (const s of statements) {
      if (!applies(s, action, resource)) continue;
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
