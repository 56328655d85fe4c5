import type { GradeWording, Wording } from './explanation';
import { fiscalYearLabel } from './fiscal-year';

const ROLE = { actual: '実績', target: '目標', level: '維持する水準', estimate: '見込み' };
const unit = (u: string | null): string => (u === null ? '単位なし' : `単位「${u}」`);
const better = (side: 'higher' | 'lower'): string => (side === 'lower' ? '低いほど良い' : '高いほど良い');

/**
 * The Japanese sentences of progress explanations, e.g.
 * 「令和3年度: 93.0%(目標 90%程度、低いほど良い、許容幅5%)— 達成」. Values are quoted as printed in the plan.
 */
export const JA: Wording = {
  year: (fiscalYear) => fiscalYearLabel(fiscalYear),

  noTarget: ({ year, reported, baselineRaw }) =>
    `${year}: ${reported === null ? '' : `実績 ${reported} の報告はあるが、`}計画に${year}の目標がない` +
    `${baselineRaw === null ? '' : `(${baselineRaw} は基準年度の見込みで、目標ではない)`}— 評価不能`,
  yearJudged: ({ year, actual, target, rule, met }) =>
    `${year}: ${actual}(目標 ${target}、${rule})— ${met ? '達成' : '未達成'}`,
  yearNotEvaluable: ({ year, actual, target, reason }) => `${year}: ${actual}(目標 ${target})— 評価不能: ${reason}`,
  noData: ({ year, target }) => `${year}: ${year}までの実績の報告がない(目標 ${target})— データなし`,
  lineJudged: ({ year, latest, latestYear, target, rule, met }) =>
    `${year}: 実績が未報告のため最新の実績(${latestYear}の ${latest})で判定(目標 ${target}、${rule})— ` +
    `${met ? '順調' : '遅れ'}`,
  lineNotEvaluable: ({ year, latest, latestYear, target, reason }) =>
    `${year}: 実績が未報告のため最新の実績(${latestYear}の ${latest})で判定(目標 ${target})— 評価不能: ${reason}`,

  unitMismatch: (a, b) =>
    `${ROLE[a.role]} ${a.raw} は${unit(a.unit)}、${ROLE[b.role]} ${b.raw} は${unit(b.unit)}で、単位が合わない`,
  statusTargetNumberActual: (target, actual) => `目標 ${target} は状況を表す文言だが、実績 ${actual} は数値`,
  numberTargetStatusActual: (target, actual) => `目標 ${target} は数値だが、実績 ${actual} は状況を表す文言`,
  targetStatusOffScale: (target) => `目標の状況「${target}」が段階表になく、実績と異なる`,
  statusOffScale: (actual) => `状況「${actual}」が段階表にない`,
  maintainWithoutBaseline: (target) => `目標 ${target} は現状維持だが、計画に数値の基準年度見込みがない`,
  noNumber: (raw) => `値 ${raw} に数値がない`,
  planPhraseActual: (actual) => `実績 ${actual} は計画の文言で、達成した値ではない`,
  noBetterSide: () => '計画に増減のどちらが良いかの定めがない',

  runningTotal: (rule) => `累計で比較、${rule}`,
  sameStatus: (offScaleWord) =>
    offScaleWord === null
      ? '計画と同じ状況'
      : `計画と同じ状況、「${offScaleWord}」は段階表にないため同じ文言のみ達成とみなす`,
  statusOnScale: (actual, position, target) => {
    const ranked = (r: { text: string; word: string }): string =>
      r.word === r.text ? `「${r.text}」` : `「${r.text}」(${r.word}とみなす)`;
    const where = { above: 'より進んでいる', level: 'と同じ段階', below: 'より遅れている' }[position];
    return `段階表で状況${ranked(actual)}は${ranked(target)}${where}`;
  },
  statedLevel: (level) => `明示された水準 ${level}`,
  estimateLevel: (year, raw) => `${year}の見込み ${raw}`,
  keepWithin: (percent, reference) => `${reference}から許容幅${percent}以内を維持`,
  ceiling: (strict, target) => (strict ? `上限、${target}未満` : `上限、${target}以下`),
  floor: (strict, target) => (strict ? `下限、${target}超` : `下限、${target}以上`),
  about: (target, percent, side) =>
    side === null ? `${target}程度、許容幅${percent}の範囲内のみ達成` : `${better(side)}、許容幅${percent}`,
  higherIsBetter: () => better('higher'),
  lowerIsBetter: () => better('lower'),
  stayAtZero: () => 'ゼロを維持',
  zeroCeiling: (target) => `ゼロが目標のため ${target} を上限とする`,
  exactlyPlanned: () => '計画値どおり',
  againstTargetItself: (rule) => `直線を引く数値の基準年度見込みがないため目標そのものと比較、${rule}`,
  estimateEqualsTarget: (year, rule) => `${year}の見込みがすでに目標と同じため目標の基準を適用、${rule}`,
  line: ({ baseYear, baseRaw, targetYear, targetRaw, expected, byYear }) =>
    `${baseYear}の見込み ${baseRaw} から${targetYear}の目標 ${targetRaw} への直線では${byYear}に ${expected} の見込み`,
  lineRule: (reading, line, percent) =>
    ({
      higher: `${better('higher')}、${line}`,
      lower: `${better('lower')}、${line}`,
      within: `許容幅${percent}以内なら順調、${line}`,
      exact: `直線上ちょうど、${line}`,
    })[reading],
};

/** The Japanese sentences of grade explanations. */
export const JA_GRADES: GradeWording = {
  gradeByRate: ({ scale, rate, minRate, code, label }) =>
    `「${scale}」では達成率 ${rate} が ${minRate} 以上のため評価は ${code}（${label}）。`,
  gradeByStatus: ({ scale, status, code, label }) => `「${scale}」では状況 ${status} は評価 ${code}（${label}）。`,
  noGrade: ({ scale, status, rate }) =>
    `「${scale}」では状況 ${status}${rate === null ? '' : `・達成率 ${rate}`} に当たる段階がないため評価なし。`,
  suggestedByShare: ({ scale, share, code, label }) =>
    `「${scale}」では重み付き達成割合 ${share} を達成率として読み、評価の目安は ${code}（${label}）。`,
  noSuggestedGrade: ({ scale }) => `「${scale}」では判定できた指標がないため評価の目安なし。`,
};
