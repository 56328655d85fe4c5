import * as Plot from '@observablehq/plot';
import type { DashboardIndicatorFragment } from '../../clients/typescript/src';
import { isCovid } from './components/Footnotes';
import { labels, yearLabel, type Lang } from './i18n';
import type { YearRow } from './series';

// Loaded with import() by the measure and indicator pages only: the overview never downloads Plot.

/** The ordered scale of text statuses (as in the server's status_level table, from worst to best). */
const STATUS_LEVELS = ['中止', '未定', '検討', '試行', '一部実施', '実施'];

export const COLORS = {
  target: '#1f5fa8',
  band: '#8db3e2',
  baseline: '#5b6470',
  actual: '#111111',
  covid: '#b35900',
};

interface Point {
  year: number;
  value: number;
  raw: string;
  series: string;
  covid: boolean;
}

function tick(lang: Lang, rows: YearRow[]) {
  const byYear = new Map(rows.map((r) => [r.fy.year, r.fy]));
  return (year: number) => {
    const fy = byYear.get(year);
    if (!fy) return String(year);
    return lang === 'en' ? yearLabel(lang, fy) : fy.label.replace('年度', '');
  };
}

function statusLevel(text: string): number {
  let level = -1;
  STATUS_LEVELS.forEach((s, i) => {
    if (text.includes(s)) level = Math.max(level, i);
  });
  return level;
}

/** Status rows: the printed statuses on a step scale (worst at the bottom), targets as steps, actuals as dots. */
function stepChart(lang: Lang, rows: YearRow[], title: string, description: string): Element {
  const t = labels(lang);
  const text = (v: { text?: string | null; raw: string }) => v.text ?? v.raw;
  const targets = rows
    .filter((r) => r.baseline ?? r.target)
    .map((r) => ({ year: r.fy.year, level: text((r.baseline ?? r.target)!), covid: r.cellFootnotes.some(isCovid) }));
  const actuals = rows.filter((r) => r.actual).map((r) => ({ year: r.fy.year, level: text(r.actual!) }));
  const domain = [...new Set([...STATUS_LEVELS, ...targets.map((p) => p.level), ...actuals.map((p) => p.level)])].sort(
    (a, b) => statusLevel(a) - statusLevel(b) || a.length - b.length,
  );
  return Plot.plot({
    ariaLabel: title,
    ariaDescription: description,
    width: 640,
    style: { fontSize: '12px' },
    height: 60 + 26 * domain.length,
    marginLeft: 90,
    x: { type: 'band', domain: rows.map((r) => r.fy.year), tickFormat: tick(lang, rows), label: null, padding: 0.5 },
    y: { type: 'point', domain, label: t.stepScale, grid: true },
    marks: [
      Plot.line(targets, { x: 'year', y: 'level', curve: 'step-after', stroke: COLORS.target, strokeDasharray: '4 3' }),
      Plot.dot(targets, {
        x: 'year',
        y: 'level',
        r: 5,
        fill: 'white',
        stroke: (d: { covid: boolean }) => (d.covid ? COLORS.covid : COLORS.target),
        strokeWidth: 2,
        title: (d: { level: string }) => `${t.target}: ${d.level}`,
      }),
      Plot.dot(actuals, {
        x: 'year',
        y: 'level',
        r: 4,
        fill: COLORS.actual,
        title: (d: { level: string }) => `${t.actual}: ${d.level}`,
      }),
    ],
  });
}

/**
 * Numbers: the base-year estimate, the yearly and final-year targets and the approved actuals, with the
 * qualifiers drawn as what they mean — 程度 as a ±5 % band, 未満/以下 as a ceiling, 以上/超 as a floor,
 * the maintain span as a band around the base-year estimate. Cells with a COVID-19 footnote are ringed.
 */
function quantityChart(
  lang: Lang,
  indicator: DashboardIndicatorFragment,
  rows: YearRow[],
  title: string,
  description: string,
) {
  const t = labels(lang);
  const points: Point[] = [];
  const bands: { year: number; low: number; high: number; kind: string }[] = [];
  const limits: { year: number; value: number; kind: 'ceiling' | 'floor' }[] = [];
  const base = rows.find((r) => r.baseline?.number != null)?.baseline?.number ?? undefined;
  for (const r of rows) {
    const covid = r.cellFootnotes.some(isCovid);
    if (r.baseline?.number != null) {
      points.push({ year: r.fy.year, value: r.baseline.number, raw: r.baseline.raw, series: t.baseline, covid });
    }
    const target = r.target;
    if (target?.kind === 'MAINTAIN' && base != null) {
      bands.push({ year: r.fy.year, low: base * 0.95, high: base * 1.05, kind: t.legendMaintain });
    } else if (target?.number != null) {
      points.push({ year: r.fy.year, value: target.number, raw: target.raw, series: t.target, covid });
      const c = target.comparator;
      if (c === 'APPROX') {
        bands.push({ year: r.fy.year, low: target.number * 0.95, high: target.number * 1.05, kind: t.legendApprox });
      } else if (c === 'LT' || c === 'LTE') limits.push({ year: r.fy.year, value: target.number, kind: 'ceiling' });
      else if (c === 'GT' || c === 'GTE') limits.push({ year: r.fy.year, value: target.number, kind: 'floor' });
    }
    if (r.actual?.number != null) {
      points.push({
        year: r.fy.year,
        value: r.actual.number,
        raw: r.actual.raw,
        series: t.actual,
        covid: r.actualFootnotes.some(isCovid),
      });
    }
  }
  const max = Math.max(0, ...points.map((p) => p.value), ...bands.map((b) => b.high));
  const min = Math.min(...points.map((p) => p.value), ...bands.map((b) => b.low));
  const top = max === 0 ? 1 : max * 1.15;
  // From zero for ceilings and for values that vary a lot; otherwise zoomed in, so a ±5 % band shows.
  const bottom = limits.length > 0 || !(min > 0) || min < max * 0.5 ? 0 : min * 0.85;
  const ofSeries = (name: string) => points.filter((p) => p.series === name);
  return Plot.plot({
    ariaLabel: title,
    ariaDescription: description,
    width: 640,
    style: { fontSize: '12px' },
    height: 260,
    marginLeft: 64,
    x: { type: 'band', domain: rows.map((r) => r.fy.year), tickFormat: tick(lang, rows), label: null, padding: 0.5 },
    y: { domain: [bottom, top], grid: true, label: indicator.unit ?? null, nice: true },
    marks: [
      bottom === 0 ? Plot.ruleY([0]) : null,
      Plot.ruleX(bands, {
        x: 'year',
        y1: 'low',
        y2: 'high',
        stroke: COLORS.band,
        strokeWidth: 16,
        strokeOpacity: 0.6,
        title: (d: { kind: string }) => d.kind,
      }),
      Plot.ruleX(
        limits.filter((l) => l.kind === 'ceiling'),
        { x: 'year', y1: bottom, y2: 'value', stroke: COLORS.band, strokeWidth: 10, strokeOpacity: 0.35 },
      ),
      Plot.ruleX(
        limits.filter((l) => l.kind === 'floor'),
        { x: 'year', y1: 'value', y2: top, stroke: COLORS.band, strokeWidth: 10, strokeOpacity: 0.35 },
      ),
      Plot.tickY(limits, {
        x: 'year',
        y: 'value',
        stroke: COLORS.target,
        strokeWidth: 3,
        title: (d: { kind: string }) => (d.kind === 'ceiling' ? t.legendCeiling : t.legendFloor),
      }),
      Plot.line(ofSeries(t.target), { x: 'year', y: 'value', stroke: COLORS.target, strokeDasharray: '4 3' }),
      Plot.dot(
        points.filter((p) => p.series !== t.actual),
        {
          x: 'year',
          y: 'value',
          r: 5,
          fill: 'white',
          stroke: (d: Point) => (d.covid ? COLORS.covid : d.series === t.baseline ? COLORS.baseline : COLORS.target),
          strokeWidth: (d: Point) => (d.covid ? 3 : 2),
          symbol: (d: Point) => (d.series === t.baseline ? 'square' : 'circle'),
          title: (d: Point) => `${d.series}: ${d.raw}${d.covid ? ` (${t.covid})` : ''}`,
        },
      ),
      // Actuals a little to the right of the year's target, so a met target does not hide them.
      Plot.line(ofSeries(t.actual), { x: 'year', y: 'value', dx: 8, stroke: COLORS.actual, strokeWidth: 2 }),
      Plot.dot(ofSeries(t.actual), {
        x: 'year',
        y: 'value',
        dx: 8,
        r: 4.5,
        fill: COLORS.actual,
        stroke: (d: Point) => (d.covid ? COLORS.covid : COLORS.actual),
        strokeWidth: (d: Point) => (d.covid ? 3 : 1),
        title: (d: Point) => `${d.series}: ${d.raw}${d.covid ? ` (${t.covid})` : ''}`,
      }),
    ],
  });
}

export function renderChart(
  lang: Lang,
  indicator: DashboardIndicatorFragment,
  rows: YearRow[],
  description: string,
): Element {
  const title = labels(lang).chartOf(indicator.name);
  const numeric = rows.some((r) => (r.baseline ?? r.target ?? r.actual)?.kind === 'QUANTITY');
  const chart = numeric
    ? quantityChart(lang, indicator, rows, title, description)
    : stepChart(lang, rows, title, description);
  // One image with a label and a description (the text summary; the table is the full alternative):
  // Plot's per-mark aria-labels on <g> would be read as a maze of unnamed groups.
  chart.setAttribute('role', 'img');
  for (const part of chart.querySelectorAll('[aria-label]')) part.removeAttribute('aria-label');
  for (const group of chart.querySelectorAll(':scope > g')) group.setAttribute('aria-hidden', 'true');
  return chart;
}
