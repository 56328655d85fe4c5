import type { GradeWording, Wording } from './explanation';

const ROLE = { actual: 'the actual', target: 'the target', level: 'the level to keep', estimate: 'the estimate' };

/** The English sentences of progress explanations. */
export const EN: Wording = {
  year: (fiscalYear) => `FY${fiscalYear}`,

  noTarget: ({ year, reported, baselineRaw }) =>
    `${year}: ${reported === null ? '' : `${reported} reported, but it `}cannot be evaluated because the plan sets ` +
    `no target for ${year}${baselineRaw === null ? '' : ` (its ${year} value ${baselineRaw} is the base-year estimate, not a target)`}.`,
  yearJudged: ({ year, actual, target, rule, met }) =>
    `${year}: ${actual} against the target ${target} (${rule}) — ${met ? 'achieved' : 'not achieved'}.`,
  yearNotEvaluable: ({ year, actual, target, reason }) =>
    `${year}: ${actual} against the target ${target} — cannot be evaluated because ${reason}.`,
  noData: ({ year, target }) =>
    `${year}: no actual has been reported for ${year} or any earlier year against the target ${target} — no data yet.`,
  lineJudged: ({ year, latest, latestYear, target, rule, met }) =>
    `${year}: no actual yet, so the latest one, ${latest} for ${latestYear}, is held against the target ${target} ` +
    `(${rule}) — ${met ? 'on track' : 'behind'}.`,
  lineNotEvaluable: ({ year, latest, latestYear, target, reason }) =>
    `${year}: no actual yet, so the latest one, ${latest} for ${latestYear}, is held against the target ${target} ` +
    `— cannot be evaluated because ${reason}.`,

  unitMismatch: (a, b) => {
    const inUnit = (u: string | null): string => (u === null ? 'has no unit' : `is in ${u}`);
    return `${ROLE[a.role]} ${a.raw} ${inUnit(a.unit)} but ${ROLE[b.role]} ${b.raw} ${inUnit(b.unit)}`;
  },
  statusTargetNumberActual: (target, actual) => `the target ${target} is a status but the actual ${actual} is a number`,
  numberTargetStatusActual: (target, actual) => `the target ${target} is a number but the actual ${actual} is a status`,
  targetStatusOffScale: (target) => `the target status 「${target}」 is not on the status scale and the actual differs`,
  statusOffScale: (actual) => `the status 「${actual}」 is not on the status scale`,
  maintainWithoutBaseline: (target) =>
    `the target ${target} keeps the current level but the plan gives no numeric base-year estimate`,
  noNumber: (raw) => `the value ${raw} has no number`,
  planPhraseActual: (actual) => `the actual ${actual} is a plan phrase, not an achieved value`,
  noBetterSide: () => 'the plan does not say whether more is better',

  runningTotal: (rule) => `running total, ${rule}`,
  sameStatus: (offScaleWord) =>
    offScaleWord === null
      ? 'the same status as planned'
      : `the same status as planned; ${offScaleWord} is not on the status scale, so only the same words count`,
  statusOnScale: (actual, position, target) => {
    const ranked = (r: { text: string; word: string }): string =>
      r.word === r.text ? r.text : `${r.text}, ranked as ${r.word},`;
    const where = { above: 'above', level: 'level with', below: 'below' }[position];
    return `status ${ranked(actual)} is ${where} ${ranked(target)} on the scale`;
  },
  statedLevel: (level) => `the stated level ${level}`,
  estimateLevel: (year, raw) => `the ${year} estimate ${raw}`,
  keepWithin: (percent, reference) => `keep within ${percent} of ${reference}`,
  ceiling: (strict, target) => (strict ? `a ceiling: strictly under ${target}` : `a ceiling: at most ${target}`),
  floor: (strict, target) => (strict ? `a floor: strictly over ${target}` : `a floor: at least ${target}`),
  about: (target, percent, better) =>
    better === null
      ? `about ${target} within ${percent}, and only that counts`
      : `about ${target} within ${percent}, ${better} is better`,
  higherIsBetter: () => 'higher is better',
  lowerIsBetter: () => 'lower is better',
  stayAtZero: () => 'the count must stay at zero',
  zeroCeiling: (target) => `zero is the aim, so ${target} is a ceiling`,
  exactlyPlanned: () => 'exactly the planned value',
  againstTargetItself: (rule) =>
    `no numeric base-year estimate to draw a line from, so against the target itself: ${rule}`,
  estimateEqualsTarget: (year, rule) =>
    `the ${year} estimate already equals the target, so its own rule applies: ${rule}`,
  line: ({ baseYear, baseRaw, targetYear, targetRaw, expected, byYear }) =>
    `a straight line from the ${baseYear} estimate ${baseRaw} to the ${targetYear} target ${targetRaw} ` +
    `expects ${expected} by ${byYear}`,
  lineRule: (reading, line, percent) =>
    ({
      higher: `higher is better; ${line}`,
      lower: `lower is better; ${line}`,
      within: `within ${percent} counts; ${line}`,
      exact: `exactly on the line; ${line}`,
    })[reading],
};

/** The English sentences of grade explanations. */
export const EN_GRADES: GradeWording = {
  gradeByRate: ({ scale, rate, minRate, code, label }) =>
    `Under "${scale}" the achievement rate ${rate} is at least ${minRate}, so the grade is ${code} (${label}).`,
  gradeByStatus: ({ scale, status, code, label }) =>
    `Under "${scale}" the status ${status} maps to the grade ${code} (${label}).`,
  noGrade: ({ scale, status, rate }) =>
    `Under "${scale}" no level matches the status ${status}${rate === null ? '' : ` with the rate ${rate}`}, so there is no grade.`,
  suggestedByShare: ({ scale, share, code, label }) =>
    `Under "${scale}" the weighted share achieved, ${share}, read as a rate gives the suggested grade ${code} (${label}).`,
  noSuggestedGrade: ({ scale }) => `Under "${scale}" there is no suggested grade: no indicator below could be judged.`,
};
