// src/translate/duckdb/functions/aggregate.ts
//! Aggregate and window functions. Redshift's SUM of integers is BIGINT and its AVG of integers is
//! a BIGINT truncated toward zero; LISTAGG's default delimiter is empty.

import { isInteger } from "../../../plan/bind/typing.js";
import type { Emission } from "./entry.js";
import { arg, custom, rename } from "./entry.js";

export const AGGREGATE_EMISSIONS: readonly Emission[] = [
  custom("count", "r_COUNT.html", (c) => (c.call.star ? c.agg("count", ["*"]) : c.agg("count"))),
  custom("approximate_count", "r_COUNT.html", (c) => c.agg("approx_count_distinct", c.args, { distinct: false })),
  custom("sum", "r_SUM.html", (c) => {
    const t = c.call.args[0]?.type;
    return t && isInteger(t) ? `CAST(${c.agg("sum")} AS BIGINT)` : c.agg("sum");
  }),
  custom("avg", "r_AVG.html", (c) => {
    const t = c.call.args[0]?.type;
    if (t && isInteger(t)) return `CAST(${c.agg("sum")} // ${c.agg("count")} AS BIGINT)`;
    if (t?.id === "decimal") return `CAST(${c.agg("avg")} AS DECIMAL(38,${t.scale ?? 0}))`;
    return c.agg("avg");
  }),
  rename("min", "min", "r_MIN.html"),
  rename("max", "max", "r_MAX.html"),
  custom("listagg", "r_LISTAGG.html", (c) => c.agg("string_agg", [arg(c, 0), c.args[1] ?? c.str("")])),
  rename("stddev_samp", "stddev_samp", "r_STDDEV_functions.html"),
  rename("stddev_pop", "stddev_pop", "r_STDDEV_functions.html"),
  rename("var_samp", "var_samp", "r_VARIANCE_functions.html"),
  rename("var_pop", "var_pop", "r_VARIANCE_functions.html"),
  rename("bool_and", "bool_and", "r_bool_and.html"),
  rename("bool_or", "bool_or", "r_bool_or.html"),
  rename("bit_and", "bit_and", "r_BIT_AND.html"),
  rename("bit_or", "bit_or", "r_BIT_OR.html"),
  rename("any_value", "any_value", "r_ANY_VALUE.html"),
  custom("median", "r_MEDIAN.html", (c) => {
    const t = c.call.args[0]?.type;
    return t && isInteger(t) ? `CAST(${c.agg("quantile_cont", [arg(c, 0), "0.5"])} AS DECIMAL(38,0))` : c.agg("median");
  }),
  custom("percentile_cont", "r_PERCENTILE_CONT.html", (c) => percentile(c, "quantile_cont")),
  custom("percentile_disc", "r_PERCENTILE_DISC.html", (c) => percentile(c, "quantile_disc")),
  rename("row_number", "row_number", "r_WF_ROW_NUMBER.html"),
  rename("rank", "rank", "r_WF_RANK.html"),
  rename("dense_rank", "dense_rank", "r_WF_DENSE_RANK.html"),
  rename("percent_rank", "percent_rank", "r_WF_PERCENT_RANK.html"),
  rename("cume_dist", "cume_dist", "r_WF_CUME_DIST.html"),
  rename("ntile", "ntile", "r_WF_NTILE.html"),
  rename("lag", "lag", "r_WF_LAG.html"),
  rename("lead", "lead", "r_WF_LEAD.html"),
  rename("first_value", "first_value", "r_WF_first_value.html"),
  rename("last_value", "last_value", "r_WF_last_value.html"),
  rename("nth_value", "nth_value", "r_WF_NTH.html"),
  custom("ratio_to_report", "r_WF_RATIO_TO_REPORT.html", (c) => `(${arg(c, 0)} / ${c.agg("sum")})`),
];

/** PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x [DESC]) -> quantile_cont(x, f) (1 - f when descending). */
function percentile(c: Parameters<NonNullable<Emission["emit"]>>[0], duck: string): string {
  const order = c.call.orderBy[0];
  if (!order) return c.agg(duck);
  const x = c.orderExprs[0] as string;
  const f = order.desc ? `(1 - ${arg(c, 0)})` : arg(c, 0);
  return c.agg(duck, [x, f], { order: false });
}
