// src/session/explain.ts
//! EXPLAIN in Redshift's shape, built from DuckDB's JSON plan: XN nodes with (cost=a..b rows=n
//! width=w), joins labelled with the data movement Redshift would do given the tables'
//! distribution styles (DS_DIST_NONE, DS_DIST_ALL_NONE, DS_DIST_INNER, DS_DIST_OUTER,
//! DS_BCAST_INNER, DS_DIST_BOTH), and the leader's Merge / Network / Sort steps for ORDER BY.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html
//! https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html

import type { RelationDef } from "../catalog/reader.js";

/** One operator of DuckDB's `EXPLAIN (FORMAT JSON)` output. */
export interface DuckPlanNode {
  readonly name: string;
  readonly children: readonly DuckPlanNode[];
  readonly extra_info?: Readonly<Record<string, string | readonly string[]>>;
}

/** Finds the catalog entry of a table DuckDB names as "db.schema.table". */
export type TableLookup = (qualified: string) => RelationDef | undefined;

interface Rendered {
  readonly lines: string[];
  readonly rows: number;
  /** Total cost of the subtree (arbitrary units: 0.01 per row processed, as Redshift's scale). */
  readonly cost: number;
  readonly width: number;
  /** The base tables under this node, for the join distribution label. */
  readonly tables: readonly RelationDef[];
}

const PER_ROW = 0.01;

/** Lines of Redshift-style EXPLAIN text for DuckDB's JSON plan (the array DuckDB returns). */
export function redshiftExplain(plan: readonly DuckPlanNode[], lookup: TableLookup): string[] {
  const root = plan[0];
  if (!root) return [];
  return render(root, lookup, []).lines;
}

function info(n: DuckPlanNode, key: string): string | undefined {
  const v = n.extra_info?.[key];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(", ") : (v as string);
}

function estimated(n: DuckPlanNode): number | undefined {
  const v = info(n, "Estimated Cardinality");
  return v === undefined ? undefined : Number(v);
}

function fmt(n: number): string {
  return n.toFixed(2);
}

function header(label: string, startup: number, total: number, rows: number, width: number): string {
  return `XN ${label}  (cost=${fmt(startup)}..${fmt(total)} rows=${Math.max(0, Math.round(rows))} width=${width})`;
}

/** Prefixes a child's lines with the arrow and indentation Postgres-style plans use. */
function child(lines: readonly string[]): string[] {
  return lines.map((l, i) => (i === 0 ? `  ->  ${l}` : `      ${l}`));
}

function detail(text: string): string {
  return `  ${text}`;
}

function typeWidth(rel: RelationDef, column: string): number {
  const c = rel.columns.find((col) => col.name === column);
  if (!c) return 8;
  switch (c.type.id) {
    case "smallint":
      return 2;
    case "integer":
    case "real":
    case "date":
      return 4;
    case "boolean":
      return 1;
    case "char":
    case "varchar":
      return Math.min(c.type.length ?? 256, 256);
    case "decimal":
      return (c.type.precision ?? 18) > 18 ? 16 : 8;
    default:
      return 8;
  }
}

/** Operators Redshift does not show: they pass their child through. */
const TRANSPARENT = new Set(["PROJECTION", "RESULT_COLLECTOR", "CTE_SCAN_PROJECTION"]);

function render(n: DuckPlanNode, lookup: TableLookup, filters: string[]): Rendered {
  if (TRANSPARENT.has(n.name) && n.children.length === 1) return render(n.children[0] as DuckPlanNode, lookup, filters);
  if (n.name === "FILTER" && n.children.length === 1) {
    const cond = info(n, "Expression") ?? info(n, "Filters");
    return render(n.children[0] as DuckPlanNode, lookup, cond ? [...filters, cond] : filters);
  }
  const kids = n.children.map((c) => render(c, lookup, []));
  const childRows = kids.reduce((m, k) => Math.max(m, k.rows), 0);
  const rows = estimated(n) ?? childRows;
  const childCost = kids.reduce((s, k) => s + k.cost, 0);
  const width = kids.reduce((s, k) => s + k.width, 0);
  const tables = kids.flatMap((k) => k.tables);
  const own = (
    startupBlocking: boolean,
    label: string,
    extra: string[] = [],
    childLines = kids.map((k) => k.lines),
  ) => {
    const total = childCost + Math.max(rows, childRows) * PER_ROW;
    const lines = [header(label, startupBlocking ? childCost : 0, total, rows, width || 4)];
    for (const e of [...extra, ...filters.map((f) => `Filter: (${f})`)]) lines.push(detail(e));
    for (const cl of childLines) lines.push(...child(cl));
    return { lines, rows, cost: total, width: width || 4, tables };
  };

  switch (n.name) {
    case "SEQ_SCAN":
    case "TABLE_SCAN": {
      const qualified = info(n, "Table") ?? info(n, "Function") ?? "?";
      const rel = lookup(qualified);
      const p = n.extra_info?.Projections;
      const projected: readonly string[] = p === undefined ? [] : typeof p === "string" ? p.split("\n") : p;
      const w = rel ? projected.reduce((s, c) => s + typeWidth(rel, c), 0) || 4 : 8;
      const scanRows = estimated(n) ?? 0;
      const name = rel ? rel.name : qualified.split(".").pop();
      const scanFilters = [info(n, "Filters"), ...filters].filter((f): f is string => !!f);
      const lines = [header(`Seq Scan on ${name}`, 0, scanRows * PER_ROW, scanRows, w)];
      for (const f of scanFilters) lines.push(detail(`Filter: (${f.replaceAll("\n", " AND ")})`));
      return { lines, rows: scanRows, cost: scanRows * PER_ROW, width: w, tables: rel ? [rel] : [] };
    }
    case "HASH_JOIN":
    case "NESTED_LOOP_JOIN":
    case "PIECEWISE_MERGE_JOIN":
    case "BLOCKWISE_NL_JOIN":
    case "CROSS_PRODUCT":
    case "DELIM_JOIN":
    case "LEFT_DELIM_JOIN":
    case "RIGHT_DELIM_JOIN": {
      const [outer, inner] = kids;
      const cond = info(n, "Conditions");
      const movement = outer && inner ? distribution(outer.tables, inner.tables, cond) : "DS_DIST_NONE";
      const joinType = (info(n, "Join Type") ?? "INNER").toUpperCase();
      const kind = JOIN_WORDS[joinType] ?? "";
      if (n.name === "HASH_JOIN" && outer && inner) {
        const hashLines = [header("Hash", inner.cost, inner.cost, inner.rows, inner.width), ...child(inner.lines)];
        return own(true, `Hash ${kind}Join ${movement}`, cond ? [`Hash Cond: (${cond})`] : [], [
          outer.lines,
          hashLines,
        ]);
      }
      return own(false, `Nested Loop ${kind}Join DS_BCAST_INNER`, cond ? [`Join Filter: (${cond})`] : []);
    }
    case "HASH_GROUP_BY":
    case "PERFECT_HASH_GROUP_BY":
    case "PARTITIONED_AGGREGATE":
      return own(true, "HashAggregate");
    case "UNGROUPED_AGGREGATE":
    case "SIMPLE_AGGREGATE":
      return own(true, "Aggregate");
    case "WINDOW":
    case "STREAMING_WINDOW":
      return own(true, "Window");
    case "ORDER_BY":
      return leaderSort(own, info(n, "Order By") ?? "");
    case "TOP_N": {
      const key = info(n, "Order By") ?? "";
      const limit = info(n, "Top") ?? info(n, "Limit");
      const sorted = leaderSort(own, key);
      const total = sorted.cost;
      return {
        ...sorted,
        lines: [header("Limit", 0, total, limit ? Number(limit) : rows, sorted.width), ...child(sorted.lines)],
      };
    }
    case "LIMIT":
    case "STREAMING_LIMIT":
    case "LIMIT_PERCENT":
      return own(false, "Limit");
    case "UNION":
      return own(false, "Append");
    case "HASH_DISTINCT":
    case "DISTINCT":
      return own(true, "Unique");
    case "EMPTY_RESULT":
      return own(false, "Result");
    default:
      return own(false, titleCase(n.name));
  }
}

const JOIN_WORDS: Record<string, string> = {
  INNER: "",
  LEFT: "Left ",
  RIGHT: "Right ",
  OUTER: "Full ",
  FULL: "Full ",
  SEMI: "IN ",
  ANTI: "NOT IN ",
  MARK: "IN ",
  SINGLE: "Left ",
};

/** ORDER BY: each slice sorts, the leader merges (Redshift's Merge / Network / Sort). */
function leaderSort(
  own: (blocking: boolean, label: string, extra?: string[], childLines?: string[][]) => Rendered,
  key: string,
): Rendered {
  const sort = own(true, "Sort", key ? [`Sort Key: ${key}`] : []);
  const network = {
    ...sort,
    lines: [
      header("Network", sort.cost, sort.cost, sort.rows, sort.width),
      detail("Send to leader"),
      ...child(sort.lines),
    ],
  };
  return {
    ...network,
    lines: [
      header("Merge", network.cost, network.cost, network.rows, network.width),
      detail(`Merge Key: ${key}`),
      ...child(network.lines),
    ],
  };
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split("_")
    .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : w))
    .join(" ");
}

/** The distribution keys of a single base table (empty unless DISTSTYLE KEY). */
function distKeys(rel: RelationDef): string[] {
  return rel.distStyle === "key" ? rel.columns.filter((c) => c.distKey).map((c) => c.name) : [];
}

/** Column names on each side of the equi-join conditions "a = b AND c = d". */
function conditionColumns(cond: string | undefined): { left: string[]; right: string[] } {
  const left: string[] = [];
  const right: string[] = [];
  for (const part of (cond ?? "").split(/\n| AND /)) {
    const m = /^\s*\(?\s*([\w."]+)\s*=\s*([\w."]+)\s*\)?\s*$/.exec(part);
    if (!m) continue;
    left.push(bare(m[1] as string));
    right.push(bare(m[2] as string));
  }
  return { left, right };
}

function bare(column: string): string {
  return (column.split(".").pop() ?? column).replaceAll('"', "");
}

/**
 * Redshift's join data movement, from the tables' distribution styles: collocated KEY joins
 * move nothing, an ALL inner table moves nothing, otherwise the side not distributed on its join
 * column is redistributed, or the inner side is broadcast.
 */
function distribution(outer: readonly RelationDef[], inner: readonly RelationDef[], cond: string | undefined): string {
  const single = (t: readonly RelationDef[]) => (t.length === 1 ? t[0] : undefined);
  const o = single(outer);
  const i = single(inner);
  if (inner.length > 0 && inner.every((t) => t.distStyle === "all")) return "DS_DIST_ALL_NONE";
  if (outer.length > 0 && outer.every((t) => t.distStyle === "all")) return "DS_DIST_ALL_INNER";
  const { left, right } = conditionColumns(cond);
  const outerKeyed = o !== undefined && distKeys(o).some((k) => left.includes(k) || right.includes(k));
  const innerKeyed = i !== undefined && distKeys(i).some((k) => right.includes(k) || left.includes(k));
  if (outerKeyed && innerKeyed) return "DS_DIST_NONE";
  if (outerKeyed) return "DS_DIST_INNER";
  if (innerKeyed) return "DS_DIST_OUTER";
  return inner.length <= 1 ? "DS_BCAST_INNER" : "DS_DIST_BOTH";
}
