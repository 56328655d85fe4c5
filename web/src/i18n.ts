import type { ProgressStatus } from '../../clients/typescript/src';

export type Lang = 'ja' | 'en';

/** UI labels; plan texts (titles, indicator names, footnotes) stay as printed. */
const LABELS = {
  ja: {
    appTitle: '進捗ダッシュボード',
    skip: '本文へ移動',
    language: '言語',
    switchTo: 'English',
    fiscalYear: '年度',
    show: '表示',
    overview: '計画の概要',
    policy: (n: number) => `政策${n}`,
    measures: '施策',
    measure: '施策',
    purpose: '目的・方向性',
    outcomeIndicators: '成果指標',
    projects: '重点事業',
    indicator: '指標',
    repost: (p: number) => `再掲 (P${p})`,
    progressOf: (year: string) => `${year}の進捗`,
    achievedShare: '達成割合',
    suggestedGrade: '評価の目安',
    noJudgement: '判定できる指標がありません',
    summary: (achieved: number, judged: number, total: number) =>
      `指標${total}件のうち判定できた${judged}件中${achieved}件が達成`,
    indicatorsCount: (n: number) => `指標${n}件`,
    table: '数値の表',
    year: '年度',
    baseline: '本年度(見込み)',
    target: '目標',
    actual: '実績',
    finalYear: '最終年度',
    none: '—',
    status: '判定',
    explanation: '説明',
    footnotes: '注記',
    covid: '新型コロナ関連の調整',
    footnoteOf: (m: string) => `注記 ${m}`,
    chartSummary: 'グラフの要約',
    chartOf: (name: string) => `${name}のグラフ`,
    legendApprox: '程度（±5%の幅）',
    legendCeiling: '未満・以下（上限）',
    legendFloor: '以上・超（下限）',
    legendMaintain: '現状維持の幅',
    stepScale: '段階の尺度',
    backToOverview: '概要へ戻る',
    openIndicator: '指標のページ',
    notFound: '見つかりません',
    failed: 'データを読み込めませんでした',
    retry: '再読み込み',
    direction: '方向',
    unit: '単位',
    cumulative: '累計',
    measuresOf: '掲載されている施策',
    projectsOf: '掲載されている重点事業',
    planned: '計画（見込み・目標）',
    noActuals: '承認済みの実績はまだありません',
    describe: (parts: string[]) => parts.join('。') + '。',
  },
  en: {
    appTitle: 'Progress dashboard',
    skip: 'Skip to content',
    language: 'Language',
    switchTo: '日本語',
    fiscalYear: 'Fiscal year',
    show: 'Show',
    overview: 'Plan overview',
    policy: (n: number) => `Policy ${n}`,
    measures: 'Measures',
    measure: 'Measure',
    purpose: 'Purpose and direction',
    outcomeIndicators: 'Outcome indicators',
    projects: 'Key projects',
    indicator: 'Indicator',
    repost: (p: number) => `reposted (p. ${p})`,
    progressOf: (year: string) => `Progress in ${year}`,
    achievedShare: 'Share achieved',
    suggestedGrade: 'Suggested grade',
    noJudgement: 'No indicator could be judged',
    summary: (achieved: number, judged: number, total: number) =>
      `${achieved} of the ${judged} judged indicators achieved (${total} indicators)`,
    indicatorsCount: (n: number) => `${n} indicators`,
    table: 'Table of the numbers',
    year: 'Fiscal year',
    baseline: 'Base year (estimate)',
    target: 'Target',
    actual: 'Actual',
    finalYear: 'final year',
    none: '—',
    status: 'Status',
    explanation: 'Explanation',
    footnotes: 'Footnotes',
    covid: 'COVID-19 adjustment',
    footnoteOf: (m: string) => `Footnote ${m}`,
    chartSummary: 'Chart summary',
    chartOf: (name: string) => `Chart of ${name}`,
    legendApprox: 'about (±5% band)',
    legendCeiling: 'under / at most (ceiling)',
    legendFloor: 'at least / over (floor)',
    legendMaintain: 'maintain span',
    stepScale: 'Step scale',
    backToOverview: 'Back to the overview',
    openIndicator: 'Indicator page',
    notFound: 'Not found',
    failed: 'The data could not be loaded',
    retry: 'Reload',
    direction: 'Direction',
    unit: 'Unit',
    cumulative: 'running total',
    measuresOf: 'Listed under the measures',
    projectsOf: 'Listed under the key projects',
    planned: 'Plan (estimate, targets)',
    noActuals: 'No approved actual yet',
    describe: (parts: string[]) => parts.join('. ') + '.',
  },
} as const;

export type Labels = (typeof LABELS)[Lang];

export function labels(lang: Lang): Labels {
  return LABELS[lang];
}

const STATUS: Record<Lang, Record<ProgressStatus, string>> = {
  ja: {
    ACHIEVED: '達成',
    ON_TRACK: '順調',
    BEHIND: '遅れ',
    NOT_ACHIEVED: '未達成',
    NO_DATA: '実績なし',
    NOT_EVALUABLE: '判定不能',
  },
  en: {
    ACHIEVED: 'Achieved',
    ON_TRACK: 'On track',
    BEHIND: 'Behind',
    NOT_ACHIEVED: 'Not achieved',
    NO_DATA: 'No data',
    NOT_EVALUABLE: 'Not evaluable',
  },
};

/** The order of the bars' segments: the good end first. */
export const STATUS_ORDER: readonly ProgressStatus[] = [
  'ACHIEVED',
  'ON_TRACK',
  'BEHIND',
  'NOT_ACHIEVED',
  'NO_DATA',
  'NOT_EVALUABLE',
];

export function statusLabel(lang: Lang, status: ProgressStatus): string {
  return STATUS[lang][status];
}

export function yearLabel(lang: Lang, fy: { label: string; labelEn: string }): string {
  return lang === 'en' ? fy.labelEn : fy.label;
}

export function percent(lang: Lang, share: number): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en' : 'ja', { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}
