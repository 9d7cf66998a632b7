// bench/report/chart.ts
//! A grouped bar chart on a log scale (ratios or seconds per query), rendered to PNG.

import { Canvas, type Rgb } from "./png.js";

export interface Series {
  readonly label: string;
  readonly color: Rgb;
  readonly values: readonly (number | null)[];
  /** Bars to mark (e.g. timed out: the value is a lower bound). */
  readonly marked?: readonly boolean[];
}

export interface ChartSpec {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  /** Unit appended to axis labels, e.g. "x" for ratios or "s" for seconds. */
  readonly unit: string;
  /** Draw a stronger line at this value (e.g. 1 for ratios). */
  readonly reference?: number;
}

export const COLORS: Readonly<Record<string, Rgb>> = {
  blue: [52, 101, 164],
  orange: [230, 126, 34],
  green: [39, 174, 96],
  grey: [120, 120, 120],
};

const INK: Rgb = [30, 30, 30];
const GRID: Rgb = [225, 225, 225];

function axisLabel(v: number, unit: string): string {
  const s = v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(1)));
  return s + unit;
}

export function barChart(spec: ChartSpec): Buffer {
  const all = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  const min = all.length ? Math.min(...all, spec.reference ?? Number.POSITIVE_INFINITY) : 1;
  const max = all.length ? Math.max(...all, spec.reference ?? 0) : 10;
  let lo = Math.floor(Math.log10(min));
  let hi = Math.ceil(Math.log10(max));
  if (hi <= lo) hi = lo + 1;
  if (hi - lo > 8) lo = hi - 8;
  const group = Math.max(28, spec.series.length * 12 + 10);
  const left = 64;
  const top = 56;
  const plotH = 300;
  const width = Math.max(left + spec.categories.length * group + 20, Canvas.textWidth(spec.title, 2) + 40);
  const height = top + plotH + 36;
  const c = new Canvas(width, height);
  const y = (v: number) => top + plotH - ((Math.log10(v) - lo) / (hi - lo)) * plotH;

  c.text(16, 10, spec.title, INK, 2);
  let lx = 16;
  for (const s of spec.series) {
    c.fill(lx, 34, 10, 10, s.color);
    c.text(lx + 14, 36, s.label, INK);
    lx += 14 + Canvas.textWidth(s.label) + 18;
  }
  if (spec.series.some((s) => s.marked?.some(Boolean))) c.text(lx, 36, "* = TIMED OUT (LOWER BOUND)", INK);

  for (let d = lo; d <= hi; d++) {
    const v = 10 ** d;
    const yy = y(v);
    c.fill(left, yy, width - left - 10, 1, GRID);
    const label = axisLabel(v, spec.unit);
    c.text(left - 6 - Canvas.textWidth(label), yy - 3, label, INK);
  }
  if (spec.reference !== undefined) c.fill(left, y(spec.reference), width - left - 10, 2, [90, 90, 90]);
  c.fill(left, top, 1, plotH + 1, INK);
  c.fill(left, top + plotH, width - left - 10, 1, INK);

  const barW = Math.floor((group - 8) / Math.max(1, spec.series.length));
  spec.categories.forEach((cat, i) => {
    const gx = left + 4 + i * group;
    spec.series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined || !(v > 0)) return;
      const clamped = Math.min(Math.max(v, 10 ** lo), 10 ** hi);
      const yy = y(clamped);
      c.fill(gx + k * barW, yy, barW - 1, top + plotH - yy, s.color);
      if (s.marked?.[i]) c.text(gx + k * barW + Math.floor(barW / 2) - 2, yy - 9, "*", INK);
    });
    c.text(gx + Math.floor((group - 8 - Canvas.textWidth(cat)) / 2), top + plotH + 8, cat, INK);
  });
  return c.toPng();
}
