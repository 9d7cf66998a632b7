// src/wlm/statement-kind.ts
//! What kind of statement a text is, for the log views: svl_statementtext.type (QUERY, DDL,
//! UTILITY) and sys_query_history.query_type (SELECT, INSERT, ..., CTAS, DDL, UTILITY, OTHER).
//! Read from the leading keyword, so the log needs no parse tree.
//! https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html

export type StatementType = "QUERY" | "DDL" | "UTILITY";

export interface StatementKind {
  readonly type: StatementType;
  /** sys_query_history.query_type */
  readonly queryType: string;
}

const BY_WORD: Readonly<Record<string, StatementKind>> = {
  select: { type: "QUERY", queryType: "SELECT" },
  with: { type: "QUERY", queryType: "SELECT" },
  values: { type: "QUERY", queryType: "SELECT" },
  insert: { type: "QUERY", queryType: "INSERT" },
  update: { type: "QUERY", queryType: "UPDATE" },
  delete: { type: "QUERY", queryType: "DELETE" },
  merge: { type: "QUERY", queryType: "MERGE" },
  copy: { type: "QUERY", queryType: "COPY" },
  unload: { type: "QUERY", queryType: "UNLOAD" },
  create: { type: "DDL", queryType: "DDL" },
  alter: { type: "DDL", queryType: "DDL" },
  drop: { type: "DDL", queryType: "DDL" },
  truncate: { type: "DDL", queryType: "DDL" },
  comment: { type: "DDL", queryType: "DDL" },
  grant: { type: "DDL", queryType: "DDL" },
  revoke: { type: "DDL", queryType: "DDL" },
  refresh: { type: "QUERY", queryType: "OTHER" },
};

const UTILITY: StatementKind = { type: "UTILITY", queryType: "UTILITY" };
const CTAS: StatementKind = { type: "QUERY", queryType: "CTAS" };

/** Skips blanks, comments and opening parentheses; returns the rest of the text. */
function body(text: string): string {
  let i = 0;
  for (;;) {
    while (i < text.length && (/\s/.test(text[i] ?? "") || text[i] === "(")) i++;
    if (text.startsWith("--", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return text.slice(i);
  }
}

export function statementKind(text: string): StatementKind {
  const rest = body(text);
  const word = /^[A-Za-z_]+/.exec(rest)?.[0]?.toLowerCase() ?? "";
  if (
    word === "create" &&
    /^create\s+(?:(?:local\s+)?(?:temp|temporary)\s+)?table\b[^;]*?\bas\s*\(?\s*(?:select|with)\b/is.test(rest)
  )
    return CTAS;
  if (word === "select") {
    // SELECT ... INTO t FROM ...: a table is created from the query.
    const into = rest.search(/\binto\b/i);
    const from = rest.search(/\bfrom\b/i);
    if (into >= 0 && (from < 0 || into < from)) return CTAS;
  }
  return BY_WORD[word] ?? UTILITY;
}
