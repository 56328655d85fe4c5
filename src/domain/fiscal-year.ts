import { toHalfWidth } from './text';

/**
 * Japanese fiscal years (April to March), named by the Gregorian year they start in.
 *
 * The era of a fiscal year is the era in force for most of it: FY2019 (April 2019 – March 2020) is 令和元年度 even
 * though Reiwa began on 1 May 2019, which is how municipal plans print it. The same convention gives 平成元年度
 * for FY1989 and 昭和元年度 for FY1926.
 */

export type EraId = 'reiwa' | 'heisei' | 'showa' | 'taisho' | 'meiji';

interface Era {
  id: EraId;
  name: string;
  /** Roman-letter abbreviation used in tables and forms (R3 = 令和3年度). */
  letter: string;
  /** Gregorian year of the era's first fiscal year (era year 1). */
  firstYear: number;
}

// Newest first, so the first era whose first year is not after the given year is the one in force.
const ERAS: readonly Era[] = [
  { id: 'reiwa', name: '令和', letter: 'R', firstYear: 2019 },
  { id: 'heisei', name: '平成', letter: 'H', firstYear: 1989 },
  { id: 'showa', name: '昭和', letter: 'S', firstYear: 1926 },
  { id: 'taisho', name: '大正', letter: 'T', firstYear: 1912 },
  { id: 'meiji', name: '明治', letter: 'M', firstYear: 1868 },
];

function eraOf(year: number): Era | null {
  return ERAS.find((era) => year >= era.firstYear) ?? null;
}

/** 2021 → "令和3年度", 2019 → "令和元年度", 2018 → "平成30年度"; years before Meiji fall back to "1867年度". */
export function fiscalYearLabel(year: number): string {
  const era = eraOf(year);
  if (!era) return `${year}年度`;
  const n = year - era.firstYear + 1;
  return `${era.name}${n === 1 ? '元' : String(n)}年度`;
}

/** 2021 → "FY2021". */
export function fiscalYearLabelEn(year: number): string {
  return `FY${year}`;
}

// era (name or letter)? + number or 元 + 年度/年? — e.g. 3年度, 令和3年度, 令和元年度, R3, H30年度, 2021年度.
const LABEL_PATTERN = /^(令和|平成|昭和|大正|明治|[RHSTM]\.?)?\s*(元|\d{1,4})\s*(年度|年)?$/i;

/**
 * Reads a fiscal-year label and returns the Gregorian start year, or null when the text is not a year label.
 * A bare era year (「3年度」) is read in `defaultEra`; four digits are read as a Gregorian year.
 */
export function parseFiscalYearLabel(label: string, defaultEra: EraId = 'reiwa'): number | null {
  const text = toHalfWidth(label).replace(/\s+/g, ' ').trim();
  const fy = /^FY\s*(\d{4})$/i.exec(text);
  if (fy) return Number(fy[1]);
  const m = LABEL_PATTERN.exec(text);
  if (!m) return null;
  const [, eraText, numberText, suffix] = m;
  // A bare number (no era, no 年度) is a count, not a year: only labels that say which calendar they use are years.
  if (eraText === undefined && suffix === undefined) return null;
  if (numberText === undefined) return null;
  if (eraText === undefined && numberText.length === 4) return Number(numberText);
  const era = eraText === undefined ? ERAS.find((e) => e.id === defaultEra) : findEra(eraText);
  if (!era) return null;
  const n = numberText === '元' ? 1 : Number(numberText);
  if (!Number.isInteger(n) || n < 1 || n > 99) return null;
  return era.firstYear + n - 1;
}

function findEra(text: string): Era | undefined {
  const t = text.replace('.', '').toUpperCase();
  return ERAS.find((era) => era.name === text || era.letter === t);
}
