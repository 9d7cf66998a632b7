// src/session/settings.ts
//! Session settings: SET / SHOW / RESET, their Redshift defaults, and which of them are reported
//! to the client as ParameterStatus when they change.
//! https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_ConfigurationRef.html

import { LakeshiftError, SqlState } from "../common/errors.js";

interface SettingDef {
  readonly name: string;
  readonly default: string;
  readonly description: string;
  /** Sent as ParameterStatus at startup and on change, under this (case-preserved) name. */
  readonly report?: string;
  /** Only the server may change it. */
  readonly readOnly?: boolean;
  readonly normalize?: (v: string) => string;
  /** Combines a new value with the current one (DateStyle: a lone style keeps the field order). */
  readonly merge?: (current: string, value: string) => string;
}

const DATE_STYLES = new Set(["iso", "sql", "postgres", "german"]);
const DATE_ORDERS = new Set(["mdy", "dmy", "ymd", "us", "european", "noneuropean", "euro", "noneuro"]);

/** DateStyle is two parts, output style and field order; setting one keeps the other, as Postgres does. */
function mergeDateStyle(current: string, value: string): string {
  const parts = value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const [curStyle, curOrder] = current.split(",").map((p) => p.trim());
  let style = curStyle ?? "ISO";
  let order = curOrder ?? "MDY";
  for (const p of parts) {
    const l = p.toLowerCase();
    if (DATE_STYLES.has(l)) style = l === "iso" || l === "sql" ? p.toUpperCase() : p[0]?.toUpperCase() + l.slice(1);
    else if (DATE_ORDERS.has(l))
      order =
        l === "us" || l === "noneuropean" || l === "noneuro"
          ? "MDY"
          : l === "european" || l === "euro"
            ? "DMY"
            : p.toUpperCase();
    else
      throw new LakeshiftError(SqlState.InvalidParameterValue, `invalid value for parameter "DateStyle": "${value}"`);
  }
  return `${style}, ${order}`;
}

const SETTINGS: readonly SettingDef[] = [
  { name: "search_path", default: "$user, public", description: "Schema search order for unqualified names" },
  {
    name: "datestyle",
    default: "ISO, MDY",
    description: "Display format for dates",
    report: "DateStyle",
    merge: mergeDateStyle,
  },
  { name: "timezone", default: "UTC", description: "Time zone for timestamps with time zone", report: "TimeZone" },
  { name: "application_name", default: "", description: "Client application name", report: "application_name" },
  { name: "client_encoding", default: "UTF8", description: "Client character set", report: "client_encoding" },
  {
    name: "server_encoding",
    default: "UTF8",
    description: "Server character set",
    report: "server_encoding",
    readOnly: true,
  },
  { name: "server_version", default: "8.0.2", description: "Server version", report: "server_version", readOnly: true },
  { name: "server_version_num", default: "80002", description: "Server version as a number", readOnly: true },
  {
    name: "integer_datetimes",
    default: "on",
    description: "Datetimes are integer based",
    report: "integer_datetimes",
    readOnly: true,
  },
  {
    name: "standard_conforming_strings",
    default: "on",
    description: "Backslashes in ordinary string literals are literal",
    report: "standard_conforming_strings",
  },
  { name: "intervalstyle", default: "postgres", description: "Display format for intervals", report: "IntervalStyle" },
  { name: "extra_float_digits", default: "0", description: "Extra digits for floating point output" },
  { name: "statement_timeout", default: "0", description: "Maximum statement run time in milliseconds (0: none)" },
  { name: "query_group", default: "default", description: "WLM query group label" },
  { name: "wlm_query_slot_count", default: "1", description: "WLM slots a query takes" },
  { name: "enable_result_cache_for_session", default: "on", description: "Use the result cache" },
  { name: "describe_field_name_in_uppercase", default: "off", description: "Upper-case column names in results" },
  { name: "max_cursor_result_set_size", default: "default", description: "Cursor result size limit" },
  { name: "analyze_threshold_percent", default: "10", description: "ANALYZE skip threshold" },
  { name: "json_parse_truncate_strings", default: "off", description: "Truncate strings in JSON_PARSE" },
  { name: "enable_case_sensitive_identifier", default: "off", description: "Case-sensitive quoted identifiers" },
  {
    name: "transaction_isolation",
    default: "serializable",
    description: "Transaction isolation level",
    readOnly: true,
  },
  {
    name: "default_transaction_isolation",
    default: "serializable",
    description: "Default transaction isolation level",
  },
  { name: "transaction_read_only", default: "off", description: "Transaction is read only", readOnly: true },
  {
    name: "is_superuser",
    default: "off",
    description: "Current user is a superuser",
    report: "is_superuser",
    readOnly: true,
  },
  {
    name: "session_authorization",
    default: "",
    description: "Session user name",
    report: "session_authorization",
    readOnly: true,
  },
  { name: "max_identifier_length", default: "127", description: "Maximum identifier length", readOnly: true },
  { name: "padb_version", default: "1.0.90000", description: "Redshift build", readOnly: true },
  { name: "lc_messages", default: "C", description: "Message language" },
  { name: "client_min_messages", default: "notice", description: "Least severe message sent to the client" },
];

const BY_NAME = new Map(SETTINGS.map((s) => [s.name, s]));
const ALIASES: Record<string, string> = {
  "time zone": "timezone",
  transaction_isolation_level: "transaction_isolation",
};

function canonical(name: string): string {
  const n = name.toLowerCase();
  return ALIASES[n] ?? n;
}

export class Settings {
  private readonly values = new Map<string, string>();
  private readonly changed = new Map<string, string>();
  /** Bumped by every change: plans bound under other settings (search_path, ...) are stale. */
  generation = 0;

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const s of SETTINGS) this.values.set(s.name, s.default);
    for (const [k, v] of Object.entries(initial)) this.values.set(canonical(k), v);
  }

  get(name: string): string | undefined {
    return this.values.get(canonical(name));
  }

  /** SET name = value. Unknown names are accepted as custom settings only when they contain a dot (as Postgres does). */
  set(name: string, value: string): void {
    const n = canonical(name);
    const def = BY_NAME.get(n);
    if (!def && !n.includes(".")) {
      throw new LakeshiftError(SqlState.UndefinedObject, `unrecognized configuration parameter "${name}"`);
    }
    if (def?.readOnly) {
      throw new LakeshiftError(SqlState.CantChangeRuntimeParam, `parameter "${name}" cannot be changed`);
    }
    const merged = def?.merge ? def.merge(this.values.get(n) ?? def.default, value) : value;
    const v = def?.normalize ? def.normalize(merged) : merged;
    this.values.set(n, v);
    this.generation++;
    if (def?.report) this.changed.set(def.report, v);
  }

  /** Server-side assignment, bypassing read-only checks (is_superuser, session_authorization). */
  setInternal(name: string, value: string): void {
    this.generation++;
    this.values.set(canonical(name), value);
  }

  reset(name: string): void {
    const n = canonical(name);
    if (n === "all") {
      for (const s of SETTINGS) if (!s.readOnly) this.reset(s.name);
      return;
    }
    const def = BY_NAME.get(n);
    if (!def) throw new LakeshiftError(SqlState.UndefinedObject, `unrecognized configuration parameter "${name}"`);
    this.values.set(n, def.default);
    this.generation++;
    if (def.report) this.changed.set(def.report, def.default);
  }

  /** SHOW name: [value]; SHOW ALL: every setting with its description. */
  show(name: string): { columns: string[]; rows: string[][] } {
    const n = canonical(name);
    if (n === "all") {
      return {
        columns: ["name", "setting", "description"],
        rows: SETTINGS.map((s) => [s.name, this.values.get(s.name) ?? "", s.description]),
      };
    }
    const v = this.values.get(n);
    if (v === undefined)
      throw new LakeshiftError(SqlState.UndefinedObject, `unrecognized configuration parameter "${name}"`);
    return { columns: [n], rows: [[v]] };
  }

  /** ParameterStatus pairs sent right after authentication. */
  reported(): Array<[string, string]> {
    return SETTINGS.filter((s) => s.report).map((s) => [s.report as string, this.values.get(s.name) ?? ""]);
  }

  takeChanged(): Array<[string, string]> {
    const out = [...this.changed.entries()];
    this.changed.clear();
    return out;
  }

  /** The search path as schema names, '$user' expanded, quotes removed, lower-cased. */
  searchPath(user: string): string[] {
    const raw = this.values.get("search_path") ?? "public";
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s.toLowerCase()))
      .map((s) => (s === "$user" ? user : s));
  }
}
