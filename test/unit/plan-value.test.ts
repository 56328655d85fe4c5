import { parsePlanValue } from '../../src/domain/plan-value';
import type { PlanValueData } from '../../src/domain/plan-value.types';

type Expected = Omit<PlanValueData, 'raw'> & { raw?: string; markers?: string[] };

const quantity = (number: number, unit: string | null, comparator: PlanValueData['comparator'] = 'EQ'): Expected => ({
  kind: 'QUANTITY',
  number,
  unit,
  comparator,
  text: null,
  note: null,
});

const status = (text: string, note: string | null = null): Expected => ({
  kind: 'STATUS',
  number: null,
  unit: null,
  comparator: null,
  text,
  note,
});

const cases: [string, Expected][] = [
  ['55.5%', quantity(55.5, '%')],
  ['335,400回', quantity(335400, '回')],
  ['1,400', quantity(1400, null)],
  ['158', quantity(158, null)],
  ['44 万㎡', quantity(440000, '㎡')],
  ['123 万㎡', quantity(1230000, '㎡')],
  ['147,368 千円', quantity(147368000, '円')],
  ['155 千件', quantity(155000, '件')],
  ['47,000 枚', quantity(47000, '枚')],
  ['36 か所', quantity(36, 'か所')],
  ['35.0％', quantity(35, '%')],
  ['３５.０％', quantity(35, '%')],
  ['1.1 万人', quantity(11000, '人')],
  ['2 億円', quantity(200000000, '円')],
  ['3 百万円', quantity(3000000, '円')],
  ['20.5%', quantity(20.5, '%')],
  ['100 件', quantity(100, '件')],
  ['0件', quantity(0, '件')],
  ['5%未満', quantity(5, '%', 'LT')],
  ['90%程度', quantity(90, '%', 'APPROX')],
  ['約90%', quantity(90, '%', 'APPROX')],
  ['80%以上', quantity(80, '%', 'GTE')],
  ['3件以下', quantity(3, '件', 'LTE')],
  ['10人超', quantity(10, '人', 'GT')],
  ['△5%', quantity(-5, '%')],
  ['実施', status('実施')],
  ['推進', status('推進')],
  ['検討・実施', status('検討・実施')],
  ['一部実施', status('一部実施')],
  ['中止', status('中止')],
  ['導入・検証', status('導入・検証')],
  ['運営', status('運営')],
  ['検討', status('検討')],
  ['充実', status('充実')],
  ['評価・改善', status('評価・改善')],
  ['検討・試行', status('検討・試行')],
  ['建設工事', status('建設工事')],
  ['開館・運営', status('開館・運営')],
  ['未定', status('未定')],
  [
    '戸籍住民課のレイアウト更新等による円滑な受付・更新体制の整備',
    status('戸籍住民課のレイアウト更新等による円滑な受付・更新体制の整備'),
  ],
  ['実施 (パンフレット作成含む)', status('実施', 'パンフレット作成含む')],
  ['実施 (本科課程は中止)', status('実施', '本科課程は中止')],
  ['運営 (西尾久保育園の移転)', status('運営', '西尾久保育園の移転')],
  ['運営（西尾久保育園の移転）', status('運営', '西尾久保育園の移転')],
  ['・開設 ・運営', { ...status('開設・運営'), raw: '・開設 ・運営' }],
  ['・開館 ・運営', status('開館・運営')],
  ['・宮前公園内の新保育園へ移転 ・跡地の活用検討', status('宮前公園内の新保育園へ移転・跡地の活用検討')],
  ['・運営終了 ・改修工事', status('運営終了・改修工事')],
  // The leading count of a status sentence is kept; the sentence stays the text.
  [
    '3 コースを実施 (個人情報保護、情報セキュリティ、サイバーセキュリティ)',
    {
      kind: 'STATUS',
      number: 3,
      unit: 'コース',
      comparator: null,
      text: '3 コースを実施',
      note: '個人情報保護、情報セキュリティ、サイバーセキュリティ',
    },
  ],
  [
    'おおむね現状維持を目標 →',
    { kind: 'MAINTAIN', number: null, unit: null, comparator: null, text: 'おおむね現状維持を目標', note: null },
  ],
  ['※1 370人', { ...quantity(370, '人'), raw: '370人', markers: ['※1'] }],
  ['※1 30,000回', { ...quantity(30000, '回'), raw: '30,000回', markers: ['※1'] }],
  ['※１ 50件', { ...quantity(50, '件'), raw: '50件', markers: ['※1'] }],
  ['(※2) 実施', { ...status('実施'), raw: '実施', markers: ['※2'] }],
];

describe('parsePlanValue', () => {
  it.each(cases)('reads %s', (cell, expected) => {
    const { raw, markers = [], ...fields } = expected;
    const parsed = parsePlanValue(cell);
    expect(parsed.value).toEqual({ raw: raw ?? cell.trim(), ...fields });
    expect(parsed.markers).toEqual(markers);
  });

  it('keeps the raw text untouched apart from trimming and markers', () => {
    expect(parsePlanValue('  47,000 枚 ').value.raw).toBe('47,000 枚');
    expect(parsePlanValue('・宮前公園内の新保育園へ移転 ・跡地の活用検討').value.raw).toBe(
      '・宮前公園内の新保育園へ移転 ・跡地の活用検討',
    );
    expect(parsePlanValue('※1 370人').value.raw).toBe('370人');
  });

  it('reads full- and half-width variants alike', () => {
    const full = parsePlanValue('３５．０％程度').value;
    const half = parsePlanValue('35.0%程度').value;
    expect({ ...full, raw: '' }).toEqual({ ...half, raw: '' });
    expect(full.comparator).toBe('APPROX');
  });

  it('takes any short word after a number as its unit', () => {
    expect(parsePlanValue('12 ダウンロード').value).toMatchObject({
      kind: 'QUANTITY',
      number: 12,
      unit: 'ダウンロード',
    });
    expect(parsePlanValue('4 校').value).toMatchObject({ kind: 'QUANTITY', number: 4, unit: '校' });
  });

  it('reads a sentence that starts with a number as a status', () => {
    expect(parsePlanValue('5年度に開始').value).toMatchObject({ kind: 'STATUS', text: '5年度に開始' });
    expect(parsePlanValue('3人に1人').value).toMatchObject({ kind: 'STATUS', number: null, text: '3人に1人' });
  });

  it('reads a quantity with an arrow as a maintained level', () => {
    expect(parsePlanValue('44 万㎡ →').value).toMatchObject({
      kind: 'MAINTAIN',
      number: 440000,
      unit: '㎡',
      comparator: null,
    });
  });
});
