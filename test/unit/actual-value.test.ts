import { checkActualValue, type ActualValueProblem } from '../../src/domain/actual-value';
import { parsePlanValue } from '../../src/domain/plan-value';

/** Indicators of the Arakawa chapter VII tables, with their plan cells (baseline first) as printed. */
function indicator(name: string, unit: string | null, raws: string[]) {
  return { name, unit, cells: raws.map((raw) => parsePlanValue(raw).value) };
}

const INDICATORS = {
  経常収支比率: indicator('経常収支比率', '%', ['90%程度', '90%程度', '85%程度', '85%程度', '80%程度']),
  区政に関心: indicator('区政に関心がある区民の割合', '%', ['55.5%', '55.5%', '56.0%', '56.5%', '57.0%']),
  特定保健指導: indicator('特定保健指導対象者の縮減', '人', ['166人', '161人', '156人', '151人']),
  自主財源: indicator('その他の主な自主財源（額）', '円', [
    '147,368 千円',
    '151,597 千円',
    '155,911 千円',
    '160,366 千円',
  ]),
  取扱件数: indicator('区民事務所における取扱件数', '件', ['155 千件', '156 千件', '157 千件', '158 千件']),
  延床面積: indicator('公共施設の延床面積', '㎡', [
    '44 万㎡',
    'おおむね現状維持を目標 →',
    'おおむね現状維持を目標 →',
    'おおむね現状維持を目標 →',
    '45 万㎡',
  ]),
  修了生数: indicator('修了生数(累計)', '人', ['※1 370人', '※1 430人', '490人', '550人']),
  広報媒体数: indicator('広報媒体数', null, ['8', '9', '9', '9']),
  テレワーク: indicator('安全なテレワーク環境の整備', null, ['検討・試行', '一部実施', '実施', '実施']),
  職層研修: indicator('職層研修', '回', ['20回', '実施', '実施', '実施']),
};

type Name = keyof typeof INDICATORS;

const check = (name: Name, raw: string): ActualValueProblem[] =>
  checkActualValue(INDICATORS[name], parsePlanValue(raw));

const codes = (name: Name, raw: string): string[] => check(name, raw).map((p) => p.code);

describe('checkActualValue — acceptable actuals', () => {
  it.each([
    ['経常収支比率', '84.0%', 'a percentage'],
    ['経常収支比率', '84.0', 'a unitless number for a % indicator: read as 84.0 %'],
    ['特定保健指導', '160人', 'a count of people'],
    ['特定保健指導', '0人', 'zero is not negative'],
    ['自主財源', '150,000 千円', '千円 for a 円 indicator: the grammar scaled it to 円'],
    ['自主財源', '150,000,000円', 'plain 円'],
    ['取扱件数', '156,500件', 'plain 件 for a 千件 row'],
    ['延床面積', '44.5 万㎡', '万㎡ for a ㎡ indicator'],
    ['修了生数', '495人', 'a running total'],
    ['広報媒体数', '9', 'a plain number for a row of plain numbers'],
    ['テレワーク', '一部実施', 'a status for a status row'],
    ['テレワーク', '推進', 'a status word off the scale is still a status (evaluation decides what it means)'],
    ['テレワーク', '実施 (全庁展開)', 'a status with a note'],
    ['職層研修', '20回', 'a number for a mixed row'],
    ['職層研修', '実施', 'a status for a mixed row'],
  ] as const)('%s %s (%s)', (name, raw, _why) => {
    expect(check(name, raw)).toEqual([]);
  });

  it('accepts both kinds for an indicator with no plan cells', () => {
    const bare = { name: '新しい指標', unit: null, cells: [] };
    expect(checkActualValue(bare, parsePlanValue('実施'))).toEqual([]);
    expect(checkActualValue(bare, parsePlanValue('12'))).toEqual([]);
  });

  it('with no unit recorded on the indicator, takes the units its cells print', () => {
    const row = { ...INDICATORS.特定保健指導, unit: null };
    expect(checkActualValue(row, parsePlanValue('160人'))).toEqual([]);
    expect(checkActualValue(row, parsePlanValue('160件')).map((p) => p.code)).toEqual(['UNIT_MISMATCH']);
  });

  it('accepts a negative actual where the plan itself goes negative (a △ change rate)', () => {
    const rate = { name: '歳出の伸び率', unit: '%', cells: ['△1.0%', '△2.0%'].map((r) => parsePlanValue(r).value) };
    expect(checkActualValue(rate, parsePlanValue('△1.5%'))).toEqual([]);
  });
});

describe('checkActualValue — problems', () => {
  it.each([
    ['区政に関心', '56件', ['UNIT_MISMATCH']],
    ['経常収支比率', '84人', ['UNIT_MISMATCH']],
    ['延床面積', '44.5 万円', ['UNIT_MISMATCH']],
    ['広報媒体数', '9件', ['UNIT_MISMATCH']],
    ['特定保健指導', '-3人', ['NEGATIVE']],
    ['特定保健指導', '△3人', ['NEGATIVE']],
    ['区政に関心', '-5件', ['UNIT_MISMATCH', 'NEGATIVE']],
    ['特定保健指導', '実施', ['STATUS_FOR_NUMERIC']],
    ['延床面積', '維持', ['MAINTAIN_NOT_ALLOWED']],
    ['延床面積', 'おおむね現状維持を目標 →', ['MAINTAIN_NOT_ALLOWED']],
    ['テレワーク', '3', ['NUMBER_FOR_STATUS']],
    ['テレワーク', '-3', ['NUMBER_FOR_STATUS', 'NEGATIVE']],
    ['修了生数', '※1 495人', ['MARKERS_NOT_ALLOWED']],
    ['修了生数', '', ['EMPTY']],
    ['修了生数', '   ', ['EMPTY']],
    ['修了生数', '※1', ['MARKERS_NOT_ALLOWED', 'EMPTY']],
  ] as const)('%s 「%s」 → %j', (name, raw, expected) => {
    expect(codes(name, raw)).toEqual(expected);
  });

  it('names the indicator, the value given and the unit expected on a unit mismatch', () => {
    const [problem] = check('区政に関心', '56件');
    expect(problem?.message).toBe(
      'The value 「56件」 for 「区政に関心がある区民の割合」 is in 「件」, but the indicator is in 「%」.',
    );
  });

  it('asks for the plain number where the plan gives no unit', () => {
    expect(check('広報媒体数', '9件')[0]?.message).toBe(
      'The value 「9件」 for 「広報媒体数」 is in 「件」, but the indicator has no unit in the plan, so give the plain number.',
    );
  });

  it('explains each problem in one sentence naming the indicator and the value', () => {
    const message = (name: Name, raw: string): string => check(name, raw)[0]?.message ?? '';
    expect(message('特定保健指導', '△3人')).toContain('「△3人」 for 「特定保健指導対象者の縮減」 is negative');
    expect(message('特定保健指導', '実施')).toBe(
      'The value 「実施」 for 「特定保健指導対象者の縮減」 is a status word, but the indicator is measured as a number in 「人」.',
    );
    expect(message('テレワーク', '3')).toBe(
      "The value 「3」 for 「安全なテレワーク環境の整備」 is a number, but the indicator's plan gives only statuses such as 「検討・試行」, 「一部実施」, 「実施」.",
    );
    expect(message('延床面積', 'おおむね現状維持を目標 →')).toContain(
      '「おおむね現状維持を目標 →」 for 「公共施設の延床面積」 is a plan phrase for keeping a level',
    );
    expect(message('修了生数', '※1 495人')).toContain('「修了生数(累計)」 contains the footnote marker ※1');
    expect(message('修了生数', '')).toContain('No value was given for 「修了生数(累計)」');
    for (const [name, raw] of [
      ['区政に関心', '56件'],
      ['特定保健指導', '-3人'],
      ['テレワーク', '3'],
      ['延床面積', '維持'],
      ['修了生数', '※1 495人'],
    ] as const) {
      for (const p of check(name, raw)) expect(p.message.match(/\.(\s|$)/g)).toHaveLength(1);
    }
  });
});
