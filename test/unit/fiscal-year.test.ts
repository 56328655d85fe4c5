import { fiscalYearLabel, fiscalYearLabelEn, parseFiscalYearLabel } from '../../src/domain/fiscal-year';

describe('fiscalYearLabel', () => {
  it.each([
    [2021, '令和3年度'],
    [2020, '令和2年度'],
    [2026, '令和8年度'],
    [2019, '令和元年度'],
    [2018, '平成30年度'],
    [1990, '平成2年度'],
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
    [1926, '昭和元年度'],
  ])('%i → %s', (year, label) => {
    expect(fiscalYearLabel(year)).toBe(label);
  });

  it('labels in English', () => {
    expect(fiscalYearLabelEn(2021)).toBe('FY2021');
  });

  it('round-trips every year of the Heisei and Reiwa eras', () => {
    for (let year = 1989; year <= 2060; year += 1) expect(parseFiscalYearLabel(fiscalYearLabel(year))).toBe(year);
  });
});

describe('parseFiscalYearLabel', () => {
  it.each<[string, number]>([
    ['3年度', 2021],
    ['2年度', 2020],
    ['8年度', 2026],
    ['令和3年度', 2021],
    ['令和元年度', 2019],
    ['元年度', 2019],
    ['R3', 2021],
    ['R3年度', 2021],
    ['r.5', 2023],
    ['平成30年度', 2018],
    ['H30', 2018],
    ['平成元年度', 1989],
    ['昭和63年度', 1988],
    ['３年度', 2021],
    ['令和３年度', 2021],
    [' 5 年度 ', 2023],
    ['2021年度', 2021],
    ['FY2021', 2021],
  ])('%s → %i', (label, year) => {
    expect(parseFiscalYearLabel(label)).toBe(year);
  });

  it('reads a bare era year in the given default era', () => {
    expect(parseFiscalYearLabel('30年度', 'heisei')).toBe(2018);
    expect(parseFiscalYearLabel('3年度', 'reiwa')).toBe(2021);
  });

  it.each(['本年度 (見込み)', '3', '', '実施計画 (第2期)', '年度', '令和年度', '100年度'])('rejects %j', (label) => {
    expect(parseFiscalYearLabel(label)).toBeNull();
  });
});
