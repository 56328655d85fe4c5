import type {
  DashboardFootnoteFragment,
  DashboardIndicatorFragment,
  DashboardValueFragment,
} from '../../clients/typescript/src';
import { labels, statusLabel, yearLabel, type Lang } from './i18n';

export interface FiscalYearInfo {
  year: number;
  label: string;
  labelEn: string;
}

/** One fiscal year of an indicator: the printed cell (baseline estimate or target) and the approved actual. */
export interface YearRow {
  fy: FiscalYearInfo;
  baseline?: DashboardValueFragment;
  target?: DashboardValueFragment;
  actual?: DashboardValueFragment;
  cellFootnotes: DashboardFootnoteFragment[];
  actualFootnotes: DashboardFootnoteFragment[];
  final: boolean;
}

/** Rows from the base year to the final year, in the plan's fiscal years (years without a cell included). */
export function yearRows(indicator: DashboardIndicatorFragment, years: FiscalYearInfo[], finalYear: number): YearRow[] {
  return years.map((fy) => {
    const cell = indicator.targets.find((t) => t.fiscalYear.year === fy.year);
    const actual = indicator.actuals.find((a) => a.fiscalYear.year === fy.year);
    return {
      fy,
      baseline: cell?.role === 'BASELINE_ESTIMATE' ? cell.value : undefined,
      target: cell?.role === 'TARGET' ? cell.value : undefined,
      actual: actual?.value,
      cellFootnotes: cell?.footnotes ?? [],
      actualFootnotes: actual?.footnotes ?? [],
      final: fy.year === finalYear,
    };
  });
}

/** Only the rows that say something (a cell or an actual). */
export function filledRows(rows: YearRow[]): YearRow[] {
  return rows.filter((r) => r.baseline || r.target || r.actual);
}

/** The chart's text alternative in one paragraph: what the plan sets, what was achieved, the verdict. */
export function describeIndicator(lang: Lang, indicator: DashboardIndicatorFragment, rows: YearRow[]): string {
  const t = labels(lang);
  const parts: string[] = [];
  const base = rows.find((r) => r.baseline);
  const targets = rows.filter((r) => r.target);
  const actuals = rows.filter((r) => r.actual);
  const sep = lang === 'en' ? ', ' : '、';
  if (base?.baseline) parts.push(`${t.baseline} ${yearLabel(lang, base.fy)}: ${base.baseline.raw}`);
  if (targets.length > 0) {
    parts.push(`${t.target}: ${targets.map((r) => `${yearLabel(lang, r.fy)} ${r.target!.raw}`).join(sep)}`);
  }
  parts.push(
    actuals.length > 0
      ? `${t.actual}: ${actuals.map((r) => `${yearLabel(lang, r.fy)} ${r.actual!.raw}`).join(sep)}`
      : t.noActuals,
  );
  parts.push(`${t.status}: ${statusLabel(lang, indicator.progress.status)}`);
  return t.describe(parts);
}
