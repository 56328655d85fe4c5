import {
  closestNames,
  collapseWhitespace,
  extractMarkers,
  extractRepostMark,
  matchKey,
  normalizeMarker,
  normalizeText,
  toHalfWidth,
} from '../../src/domain/text';

describe('text normalisation', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('３５．０％（ＰＲ）：Ａ　Ｂ')).toBe('35.0%(PR):A B');
    expect(toHalfWidth('44 万㎡')).toBe('44 万㎡');
  });

  it('collapses whitespace', () => {
    expect(collapseWhitespace('  a \t b\u3000\u3000c ')).toBe('a b c');
    expect(normalizeText(' ３ コースを実施 ')).toBe('3 コースを実施');
  });

  it.each([
    ['※１', '※1'],
    ['(※1)', '※1'],
    ['（※1）', '※1'],
    ['※12', '※12'],
  ])('normalises the marker %s', (marker, expected) => {
    expect(normalizeMarker(marker)).toBe(expected);
  });

  it.each<[string, string, string[]]>([
    ['※1 370人', '370人', ['※1']],
    ['地域の活動や行事に参加している人の割合※1', '地域の活動や行事に参加している人の割合', ['※1']],
    ['マチイロダウンロード数 (累計) (※1)', 'マチイロダウンロード数 (累計)', ['※1']],
    ['行革の取組項目数 （※１）', '行革の取組項目数', ['※1']],
    ['A※1※2 B', 'A B', ['※1', '※2']],
    ['印のない文', '印のない文', []],
  ])('extracts markers from %s', (text, rest, markers) => {
    expect(extractMarkers(text)).toEqual({ text: rest, markers });
  });

  it.each<[string, string, boolean, number | null]>([
    ['荒川コミュニティカレッジ【再掲(P70)】', '荒川コミュニティカレッジ', true, 70],
    ['計画的かつ体系的な職員育成【再掲 (P150)】', '計画的かつ体系的な職員育成', true, 150],
    ['事業【再掲（Ｐ２０）】', '事業', true, 20],
    ['荒川コミュニティカレッジ修了生(累計)【再掲】', '荒川コミュニティカレッジ修了生(累計)', true, null],
    ['再掲ではない', '再掲ではない', false, null],
  ])('reads the repost mark of %s', (text, rest, repost, page) => {
    expect(extractRepostMark(text)).toEqual({ text: rest, repost, page });
  });

  it('gives width, spacing and marker variants one match key', () => {
    expect(matchKey('職員に対する感謝の声の件数(区民の声)(※1)')).toBe(
      matchKey('職員に対する感謝の声の件数 (区民の声)'),
    );
    expect(matchKey('新公会計制度に基づいた決算分析等公表【再掲(P145)】')).toBe(
      matchKey('新公会計制度に基づいた決算分析等公表'),
    );
    expect(matchKey('１００ 件')).toBe(matchKey('100件'));
    expect(matchKey('区政')).not.toBe(matchKey('区制'));
  });
});

describe('closestNames', () => {
  const pool = ['経常収支比率', '実質公債費比率', '区政に関心がある区民の割合', '経常収支比率'];
  it('ranks the names most similar first, each once, above the floor', () => {
    expect(closestNames('経常収支率', pool, 3, 0.3)).toEqual(['経常収支比率']);
    expect(closestNames('比率', pool)).toEqual(['経常収支比率', '実質公債費比率']);
    expect(closestNames('ホームページ', pool, 3, 0.3)).toEqual([]);
  });
});
