import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndicatorOverrides, ParsedIndicator, ParsedPlan, ParsedTargetCell } from '../../src/import/plan-document';
import { parsePlanDocument, PlanParseError } from '../../src/import/parse-plan';

const seeds = join(__dirname, '..', '..', 'seeds');
const source = readFileSync(join(seeds, 'arakawa-plan-chapter7.txt'), 'utf8');
const overrides = JSON.parse(readFileSync(join(seeds, 'arakawa-overrides.json'), 'utf8')) as IndicatorOverrides;

function indicator(plan: ParsedPlan, name: string): ParsedIndicator {
  const found = plan.indicators.filter((i) => i.name === name);
  if (found.length !== 1) throw new Error(`expected one indicator named ${name}, found ${found.length}`);
  return found[0] as ParsedIndicator;
}

function cell(i: ParsedIndicator, year: number): ParsedTargetCell {
  const found = i.cells.find((c) => c.fiscalYear === year);
  if (!found) throw new Error(`${i.name} has no cell for ${year}`);
  return found;
}

function measureKey(plan: ParsedPlan, title: string): string {
  const m = plan.measures.find((x) => x.title === title);
  if (!m) throw new Error(`no measure ${title}`);
  return m.key;
}

function project(plan: ParsedPlan, title: string) {
  const found = plan.projects.filter((p) => p.title === title);
  if (found.length !== 1) throw new Error(`expected one project ${title}, found ${found.length}`);
  return found[0] as ParsedPlan['projects'][number];
}

function footnote(plan: ParsedPlan, key: string) {
  const f = plan.footnotes.find((x) => x.key === key);
  if (!f) throw new Error(`no footnote ${key}`);
  return f;
}

describe('parsePlanDocument on the Arakawa chapter', () => {
  const plan = parsePlanDocument(source, { overrides });

  it('reads the plan frame', () => {
    expect(plan.title).toBe('計画推進のために');
    expect(plan.baseYear).toBe(2020);
    expect(plan.planYears).toEqual([2021, 2022, 2023]);
    expect(plan.finalYear).toBe(2026);
    expect(parsePlanDocument(source, { title: '荒川区実施計画 (第2期)' }).title).toBe('荒川区実施計画 (第2期)');
  });

  it('finds every part, counted by hand', () => {
    expect(plan.policies).toEqual([
      { number: 14, title: '積極的な区政情報の発信と信頼される区政の推進' },
      { number: 15, title: '積極目標の設定と管理による行財政運営の戦略的推進' },
    ]);
    expect(plan.measures).toHaveLength(8);
    // 21 printed project blocks, one of them a repost of another.
    expect(plan.projects).toHaveLength(20);
    // 22 outcome rows (19 distinct: 区政に関心がある区民の割合 ×3, 職員に対する感謝の声の件数 ×2)
    // + 75 target rows (66 distinct: the 8 rows of the reposted project, one 【再掲】 row).
    expect(plan.indicators).toHaveLength(85);
    expect(plan.indicators.filter((i) => i.kind === 'OUTCOME')).toHaveLength(19);
    expect(plan.indicators.filter((i) => i.kind === 'OUTPUT')).toHaveLength(66);
    expect(plan.footnotes).toHaveLength(7);
    expect(plan.warnings).toHaveLength(9);
  });

  it('reads the measures in order, with titles, purposes and policies', () => {
    expect(plan.measures.map((m) => [m.position, m.title, m.policyNumber, m.policyInferred])).toEqual([
      [1, '区民参画・協働の推進', 14, true],
      [2, '区政に関する情報提供の拡充', 14, false],
      [3, '窓口サービス等の充実', 14, false],
      [4, '戦略的な政策形成と行政改革の推進', 15, false],
      [5, '健全な財政運営', 15, false],
      [6, '人材の活用と職員育成の充実', 15, false],
      [7, '情報システムの適正な整備と安全確保', 15, false],
      [8, '公共施設等の効率的な活用と適正な管理', 15, false],
    ]);
    const m4 = plan.measures[3];
    expect(m4?.purpose.split('\n')).toEqual([
      '戦略的・計画的な政策形成を図るとともに、効率的・効果的な区政運営を推進することにより、一層の区民サービスの向上や施策の充実を図ります。',
      '区民へ事務事業等を分かりやすく説明し、区政への参画意識を高めるとともに、成果重視やコスト意識の醸成など、引き続き職員の意識改革を進めます。',
    ]);
    expect(plan.measures[2]?.purpose).toBe(
      '区民の利便性向上を図るとともに、職員の資質向上、事務の効率化を進め、更なる窓口サービス等の向上を目指します。',
    );
    expect(plan.measures.map((m) => m.projectKeys.length)).toEqual([2, 3, 4, 2, 2, 4, 2, 2]);
  });

  it('links the repeated outcome indicator to three measures as one indicator', () => {
    const shared = indicator(plan, '区政に関心がある区民の割合');
    const holders = plan.measures.filter((m) => m.indicatorKeys.includes(shared.key)).map((m) => m.title);
    expect(holders).toEqual(['区民参画・協働の推進', '区政に関する情報提供の拡充', '戦略的な政策形成と行政改革の推進']);
    expect(shared.direction).toBe('INCREASE');
    expect(shared.cells.map((c) => [c.fiscalYear, c.role, c.value.number])).toEqual([
      [2020, 'BASELINE_ESTIMATE', 55.5],
      [2021, 'TARGET', 55.5],
      [2022, 'TARGET', 56],
      [2023, 'TARGET', 56.5],
      [2026, 'TARGET', 57],
    ]);
  });

  it('merges 感謝の声 printed with and without a space and a marker, keeping the footnote', () => {
    const thanks = indicator(plan, '職員に対する感謝の声の件数(区民の声)');
    const holders = plan.measures.filter((m) => m.indicatorKeys.includes(thanks.key)).map((m) => m.title);
    expect(holders).toEqual(['窓口サービス等の充実', '人材の活用と職員育成の充実']);
    expect(thanks.footnoteKeys).toEqual([`${measureKey(plan, '窓口サービス等の充実')}#※1`]);
    expect(footnote(plan, thanks.footnoteKeys[0] ?? '').category).toBe('COVID_ADJUSTMENT');
    expect(thanks.cells.map((c) => c.value.raw)).toEqual(['100 件', '80 件', '85 件', '90 件', '100 件']);
  });

  it('merges the reposted project and keeps the original approach text', () => {
    const training = project(plan, '計画的かつ体系的な職員育成');
    expect(training.repostPage).toBe(150);
    expect(training.measureKeys).toEqual([
      measureKey(plan, '窓口サービス等の充実'),
      measureKey(plan, '人材の活用と職員育成の充実'),
    ]);
    expect(training.indicatorKeys).toHaveLength(8);
    expect(training.approach).toHaveLength(1);
    expect(training.approach[0]).toMatch(/施策の更なる充実を図ります。$/);
    const warning = plan.warnings.find((w) => w.includes('計画的かつ体系的な職員育成'));
    expect(warning).toContain('図る。');
    expect(warning).toContain('図ります。');
    const measure3 = plan.measures.find((m) => m.title === '窓口サービス等の充実');
    const measure6 = plan.measures.find((m) => m.title === '人材の活用と職員育成の充実');
    expect(measure3?.projectKeys).toContain(training.key);
    expect(measure6?.projectKeys).toContain(training.key);
    expect(indicator(plan, '荒川区職員ビジネスカレッジ').cells[0]?.value).toMatchObject({
      kind: 'STATUS',
      text: '実施',
      note: '本科課程は中止',
    });
  });

  it('reads repost pages and strips the marks from titles', () => {
    expect(project(plan, '荒川コミュニティカレッジ').repostPage).toBe(70);
    expect(project(plan, '町会・自治会への支援').repostPage).toBe(106);
    expect(project(plan, 'ホームページ・SNSによる情報発信').repostPage).toBeNull();
    expect(plan.projects.every((p) => !p.title.includes('再掲'))).toBe(true);
    expect(plan.indicators.every((i) => !i.name.includes('再掲') && !i.name.includes('※'))).toBe(true);
  });

  it('links the 【再掲(P145)】 row to the same indicator in both projects', () => {
    const published = indicator(plan, '新公会計制度に基づいた決算分析等公表');
    expect(project(plan, '行政評価の推進').indicatorKeys).toContain(published.key);
    expect(project(plan, '新公会計制度の活用').indicatorKeys).toContain(published.key);
    expect(published.unlabeledCells).toEqual(['実施']);
  });

  it('reads approach items, including the prose after the list', () => {
    const college = project(plan, '荒川コミュニティカレッジ');
    expect(college.approach).toHaveLength(4);
    expect(college.approach[1]).toBe(
      '修了生が地域活動に効果的に取り組んでいけるよう、適切なフォローアップを行っていきます。',
    );
    expect(college.approach[3]).toBe(
      'また、受講生に対する講座運営については、新型コロナウイルス感染症の収束が見込めない中でも、動画配信や集合講座を両立させ、より一層の安全対策に取り組んでいきます。',
    );
    expect(project(plan, '区民事務所の運営・管理').approach).toHaveLength(4);
    expect(project(plan, '公共施設の順次建替え・更新').approach).toHaveLength(1);
  });

  it('spreads the maintain span over the years it covers', () => {
    const floor = indicator(plan, '公共施設の延床面積');
    expect(floor.cells.map((c) => [c.fiscalYear, c.role, c.value.kind, c.value.number, c.value.unit])).toEqual([
      [2020, 'BASELINE_ESTIMATE', 'QUANTITY', 440000, '㎡'],
      [2021, 'TARGET', 'MAINTAIN', null, null],
      [2022, 'TARGET', 'MAINTAIN', null, null],
      [2023, 'TARGET', 'MAINTAIN', null, null],
      [2026, 'TARGET', 'QUANTITY', 450000, '㎡'],
    ]);
    for (const year of [2021, 2022, 2023]) {
      expect(cell(floor, year).value).toMatchObject({
        raw: 'おおむね現状維持を目標 →',
        text: 'おおむね現状維持を目標',
        comparator: null,
      });
    }
    expect(floor.unit).toBe('㎡');
    expect(floor.direction).toBe('MAINTAIN');
    const road = indicator(plan, 'インフラ（区道）の面積');
    expect(road.direction).toBe('MAINTAIN');
    expect(cell(road, 2026).value.number).toBe(1230000);
  });

  it('reads 経常収支比率 as approximate percentages going down', () => {
    const ratio = indicator(plan, '経常収支比率');
    expect(
      ratio.cells.map((c) => [c.fiscalYear, c.role, c.value.raw, c.value.number, c.value.unit, c.value.comparator]),
    ).toEqual([
      [2020, 'BASELINE_ESTIMATE', '90%程度', 90, '%', 'APPROX'],
      [2021, 'TARGET', '90%程度', 90, '%', 'APPROX'],
      [2022, 'TARGET', '85%程度', 85, '%', 'APPROX'],
      [2023, 'TARGET', '85%程度', 85, '%', 'APPROX'],
      [2026, 'TARGET', '80%程度', 80, '%', 'APPROX'],
    ]);
    expect(ratio.direction).toBe('DECREASE');
  });

  it('infers directions and cumulative rows only where the data says so', () => {
    const direction = (name: string) => indicator(plan, name).direction;
    expect(direction('実質公債費比率')).toBe('DECREASE');
    expect(cell(indicator(plan, '実質公債費比率'), 2026).value).toMatchObject({
      number: 5,
      unit: '%',
      comparator: 'LT',
    });
    expect(direction('特定保健指導対象者の縮減')).toBe('DECREASE');
    expect(direction('業務に重大な影響を及ぼすシステム障害件数')).toBe('ZERO');
    expect(direction('外部からの不正アクセス、ウィルス等による障害件数')).toBe('ZERO');
    expect(direction('ホームページの更新回数')).toBe('INCREASE');
    expect(direction('新規充実事業件数')).toBe('NONE');
    expect(direction('適正な運用')).toBe('NONE');
    expect(indicator(plan, '修了生数(累計)').cumulative).toBe(true);
    expect(indicator(plan, 'マイナンバーカード発行枚数(累計)').cumulative).toBe(true);
    expect(indicator(plan, '経常収支比率').cumulative).toBe(false);
    expect(plan.indicators.filter((i) => i.cumulative)).toHaveLength(8);
  });

  it('applies the curated overrides, and only them', () => {
    const bare = parsePlanDocument(source);
    expect(indicator(bare, '行政評価制度における新規・充実・改善事業提案件数').direction).toBe('NONE');
    expect(indicator(plan, '行政評価制度における新規・充実・改善事業提案件数').direction).toBe('INCREASE');
    expect(indicator(bare, '新公会計制度に関する研修への参加人数(延べ)').cumulative).toBe(false);
    expect(indicator(plan, '新公会計制度に関する研修への参加人数(延べ)').cumulative).toBe(true);
    const changed = plan.indicators.filter((i, n) => {
      const b = bare.indicators[n];
      return b === undefined || b.direction !== i.direction || b.cumulative !== i.cumulative || b.unit !== i.unit;
    });
    expect(changed.map((i) => i.name).sort()).toEqual(Object.keys(overrides.indicators ?? {}).sort());
    expect(bare.warnings).toEqual(plan.warnings);
  });

  it('reads units and scales', () => {
    expect(indicator(plan, 'その他の主な自主財源（額）').cells.map((c) => c.value.number)).toEqual([
      147368000, 151597000, 155911000, 160366000,
    ]);
    expect(indicator(plan, 'その他の主な自主財源（額）').unit).toBe('円');
    expect(indicator(plan, '区民事務所における取扱件数').cells.map((c) => c.value.number)).toEqual([
      155000, 156000, 157000, 158000,
    ]);
    expect(indicator(plan, '区民事務所利用度（住民票発行％）').cells[0]?.value).toMatchObject({
      number: 35,
      unit: '%',
    });
    expect(indicator(plan, '民設民営保育園施設数').unit).toBe('か所');
    expect(indicator(plan, 'フェイスブックの「いいね」数 (累計)').unit).toBeNull();
    expect(indicator(plan, '職層研修').unit).toBe('回');
  });

  it('reads target tables: 本年度 is the base year estimate, then the labelled years', () => {
    const members = indicator(plan, '修了生数(累計)');
    expect(members.kind).toBe('OUTPUT');
    expect(members.cells.map((c) => [c.fiscalYear, c.role, c.value.number])).toEqual([
      [2020, 'BASELINE_ESTIMATE', 370],
      [2021, 'TARGET', 430],
      [2022, 'TARGET', 490],
      [2023, 'TARGET', 550],
    ]);
    expect(members.unlabeledCells).toEqual([]);
    const security = indicator(plan, '職員等を対象とした情報セキュリティに関する e-ラーニング研修');
    expect(cell(security, 2020).value).toMatchObject({
      kind: 'STATUS',
      text: '3 コースを実施',
      note: '個人情報保護、情報セキュリティ、サイバーセキュリティ',
    });
  });

  describe('footnotes', () => {
    it('categorises every footnote', () => {
      expect(plan.footnotes.map((f) => [f.key, f.marker, f.category])).toEqual([
        ['measure-1#※1', '※1', 'METHOD'],
        [`${project(plan, '荒川コミュニティカレッジ').key}#※1`, '※1', 'COVID_ADJUSTMENT'],
        [`${project(plan, '町会・自治会への支援').key}#※1`, '※1', 'COVID_ADJUSTMENT'],
        ['measure-2#※1', '※1', 'DEFINITION'],
        [`${project(plan, 'ホームページ・SNSによる情報発信').key}#※1`, '※1', 'NOTE'],
        ['measure-3#※1', '※1', 'COVID_ADJUSTMENT'],
        ['measure-4#※1', '※1', 'METHOD'],
      ]);
      expect(new Set(plan.footnotes.map((f) => f.key)).size).toBe(7);
      expect(footnote(plan, 'measure-2#※1').text).toBe(
        '「マチイロ」とは、あらかわ区報・あらかわ区報 Jr.・区議会だよりが閲覧できるスマートフォン・タブレット向け無料アプリ',
      );
      for (const f of plan.footnotes) expect((f.measureKey === null) !== (f.projectKey === null)).toBe(true);
    });

    it('puts the COVID footnote on exactly the cells that carry the marker', () => {
      const college = project(plan, '荒川コミュニティカレッジ');
      const members = indicator(plan, '修了生数(累計)');
      expect(members.cells.map((c) => c.footnoteKeys)).toEqual([[`${college.key}#※1`], [`${college.key}#※1`], [], []]);
      expect(members.footnoteKeys).toEqual([]);
      expect(college.footnoteKeys).toEqual([`${college.key}#※1`]);

      const events = indicator(plan, '町会・自治会イベント 助成件数');
      const support = project(plan, '町会・自治会への支援');
      expect(events.cells.map((c) => c.footnoteKeys)).toEqual([
        [`${support.key}#※1`],
        [`${support.key}#※1`],
        [`${support.key}#※1`],
        [`${support.key}#※1`],
      ]);
      expect(events.cells.map((c) => c.value.number)).toEqual([50, 165, 208, 213]);
    });

    it('puts a NOTE footnote on the 2020 cell of ホームページの更新回数', () => {
      const web = project(plan, 'ホームページ・SNSによる情報発信');
      const updates = indicator(plan, 'ホームページの更新回数');
      expect(cell(updates, 2020).footnoteKeys).toEqual([`${web.key}#※1`]);
      expect(cell(updates, 2020).value).toMatchObject({ raw: '30,000回', number: 30000, unit: '回' });
      expect(cell(updates, 2021).footnoteKeys).toEqual([]);
      expect(footnote(plan, `${web.key}#※1`).category).toBe('NOTE');
    });

    it('puts row-label markers on the indicator', () => {
      expect(indicator(plan, '地域の活動や行事に参加している人の割合').footnoteKeys).toEqual(['measure-1#※1']);
      expect(indicator(plan, 'マチイロダウンロード数 (累計)').footnoteKeys).toEqual(['measure-2#※1']);
      expect(indicator(plan, '行革の取組項目数').footnoteKeys).toEqual(['measure-4#※1']);
      expect(plan.measures.map((m) => m.footnoteKeys.length)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
      for (const i of plan.indicators) {
        for (const c of i.cells)
          expect(c.footnoteKeys.every((k) => plan.footnotes.some((f) => f.key === k))).toBe(true);
      }
    });
  });

  it('keeps the fifth, unlabeled column and warns once per table', () => {
    const withUnlabeled = plan.projects.filter((p) =>
      p.indicatorKeys.some((k) => (plan.indicators.find((i) => i.key === k)?.unlabeledCells.length ?? 0) > 0),
    );
    expect(withUnlabeled.map((p) => p.title)).toEqual([
      '行政評価の推進',
      '新公会計制度の活用',
      '多様な人材の活用',
      '公共施設等の適正な管理',
    ]);
    expect(indicator(plan, '新規充実事業件数').unlabeledCells).toEqual(['50件']);
    expect(indicator(plan, '新規充実事業件数').cells).toHaveLength(4);
    expect(indicator(plan, '経験者採用の実施').unlabeledCells).toEqual(['実施']);
    expect(indicator(plan, '新公会計制度に関する研修への参加人数(延べ)').unlabeledCells).toEqual([]);
    for (const title of ['行政評価の推進', '新公会計制度の活用', '多様な人材の活用', '公共施設等の適正な管理']) {
      expect(
        plan.warnings.filter((w) => w.includes(`Project 「${title}」`) && w.includes('no fiscal-year header')),
      ).toHaveLength(1);
    }
  });

  it('reads the nested facility table into grouped rows', () => {
    const rebuild = project(plan, '公共施設の順次建替え・更新');
    const rows = rebuild.indicatorKeys.map((k) => plan.indicators.find((i) => i.key === k) as ParsedIndicator);
    const nippori = '日暮里地域における公共施設の順次建替え';
    const miyamae = '宮前公園周辺地域における公共施設の順次建替え';
    expect(rows.map((r) => [r.name, r.group])).toEqual([
      ['旧東日暮里二丁目ひろば館跡地 → グループホームひぐらし', nippori],
      ['ピアホーム・西日暮里職員寮 西日暮里二丁目北児童遊園 → 日暮里保育園', nippori],
      ['東日暮里保育園 → ひぐらしふれあい館', nippori],
      ['東日暮里保育園 → 新・保育園', nippori],
      ['宮前公園 → 西尾久保育園', miyamae],
      ['宮前公園 → 尾久図書館', miyamae],
      ['小台橋保育園(旧小台橋小) → 小台橋保育園', miyamae],
      ['西尾久保育園 → 未定', miyamae],
      ['尾久図書館 → 福祉作業所が使用', miyamae],
      ['本庁舎の建替え', null],
    ]);
    expect(rows.every((r) => r.kind === 'OUTPUT' && r.direction === 'NONE')).toBe(true);
    expect(rows[3]?.cells.map((c) => c.value.text)).toEqual(['建設工事', '開設・運営', '運営', '運営']);
    expect(rows[3]?.cells[1]?.value.raw).toBe('・開設 ・運営');
    expect(rows[4]?.cells[0]?.value).toMatchObject({ text: '運営', note: '西尾久保育園の移転' });
    expect(rows[7]?.cells[0]?.value.text).toBe('宮前公園内の新保育園へ移転・跡地の活用検討');
    expect(rows[9]?.cells.map((c) => [c.fiscalYear, c.value.text])).toEqual([
      [2020, '検討'],
      [2021, '検討'],
      [2022, '検討'],
      [2023, '検討'],
    ]);
  });

  it('warns about what it had to guess, in document order', () => {
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^Measure 「区民参画・協働の推進」.*policy 14 from the next header \(line 75\)/),
      expect.stringMatching(/^Project 「行政評価の推進」.*4 rows have a value in a column with no fiscal-year header/),
      expect.stringMatching(
        /^Measure 「健全な財政運営」 \(line 208\).*「実施計画 \(第1期\)」.*other 7 outcome tables say 「実施計画 \(第2期\)」/,
      ),
      expect.stringMatching(/^Project 「新公会計制度の活用」.*2 rows have a value/),
      expect.stringMatching(/^Project 「多様な人材の活用」.*4 rows have a value/),
      expect.stringMatching(
        /^Project 「計画的かつ体系的な職員育成」 is printed more than once with different 実施方針 text/,
      ),
      expect.stringMatching(/^Project 「公共施設等の適正な管理」.*2 rows have a value/),
      expect.stringMatching(
        /^Project 「公共施設の順次建替え・更新」.*merged cell.*「東日暮里保育園 → 新・保育園」, 「宮前公園 → 尾久図書館」/,
      ),
      expect.stringMatching(/^Project 「公共施設の順次建替え・更新」.*row 「本庁舎の建替え」.*imported with no group/),
    ]);
  });

  it('is a pure function of its input', () => {
    expect(parsePlanDocument(source, { overrides })).toEqual(plan);
  });
});

/** Another municipality, other titles, a 令和5年度 base, and the style's variations. */
const synthetic = [
  '# 第4章 計画の推進',
  '',
  '施策名',
  '「市民協働のまちづくり」',
  '',
  '目的・方向性',
  '市民と市が対等な立場で協働するまちをつくります。',
  '',
  '成果指標',
  '指標\t本年度 (見込み)\t実施計画 (第1期)\t\t\t基本計画 最終年度',
  '\t令和5年度\t令和6年度\t令和7年度\t令和8年度\t令和12年度',
  '協働事業の件数 (累計)（※１）\t120件\t150件\t180件\t210件\t300件',
  '市政への満足度\t60.0％\t61.0％\t62.0％\t63.0％\t70.0％',
  '',
  '※１ 「協働事業」とは、市と市民団体が共同で実施する事業をいう。',
  '',
  '### 重点事業（計画事業）',
  '',
  '事業名\tみどり市民活動センターの運営\t\t\t',
  '実施方針\t<ul> <li>市民活動を支援します。</li> <li>相談体制を充実します。</li> </ul>\t\t',
  '実績目標\t本年度 (見込み)\t6年度\t7年度\t8年度\t',
  '相談件数\t※1 800 件\t900 件\t950 件\t1,000 件\t1,100 件',
  'センターの運営\t運営\t運営\t運営\t運営',
  '',
  '※1 新型コロナウイルス感染症の影響により減少。',
  '',
  '政策 3：市民とともにつくるまち',
  '',
  '施策名  ',
  '「持続可能な行財政運営」',
  '',
  '#### 目的・方向性',
  '',
  '将来にわたって持続可能な財政運営を行います。',
  '',
  '政策 4 : 健全で効率的な市政',
  '',
  '#### 成果指標',
  '',
  '指標\t本年度 (見込み)\t実施計画 (第1期)\t\t\t基本計画 最終年度',
  '\t5年度\t6年度\t7年度\t8年度\t12年度',
  '将来負担比率\t50%以下\t50%以下\t50%以下\t50%以下\t50%以下',
  '市有施設の延床面積\t30 万㎡\tおおむね現状維持を目標 →\t\t\t28 万㎡',
  '',
  '#### 重点事業 (計画事業)',
  '',
  '事業名\tみどり市民活動センターの運営【再掲（Ｐ２０）】\t\t\t',
  '実施方針\t<ul> <li>市民活動を支援する。</li> <li>相談体制を充実します。</li> </ul>\t\t',
  '実績目標\t本年度 (見込み)\t6年度\t7年度\t8年度\t',
  '相談件数\t※1 800 件\t900 件\t950 件\t1,000 件\t1,100 件',
  'センターの運営\t運営\t運営\t運営\t運営',
  '',
  '※1 新型コロナウイルス感染症の影響により減少。',
  '',
  '事業名\t\t市庁舎周辺の再整備\t\t',
  '実施方針\t\t<ul> <li>段階的に再整備します。</li> </ul>',
  '実績目標\t\t本年度 (見込み)\t6年度\t7年度\t8年度',
  '北地区の再整備\t\t\t\t\t',
  '現施設\t移転先\t\t\t\t',
  '旧北小学校\t北地区センター\t設計\t建設工事\t開館\t運営',
  '\t北図書館\t設計\t建設工事\t・開館 ・運営\t運営',
  'Ⅳ 計画の推進',
].join('\n');

describe('parsePlanDocument on another municipality', () => {
  const plan = parsePlanDocument(synthetic);

  it('reads the frame from the document, not from constants', () => {
    expect(plan.title).toBe('第4章 計画の推進');
    expect(plan.baseYear).toBe(2023);
    expect(plan.planYears).toEqual([2024, 2025, 2026]);
    expect(plan.finalYear).toBe(2030);
    expect(plan.policies).toEqual([
      { number: 3, title: '市民とともにつくるまち' },
      { number: 4, title: '健全で効率的な市政' },
    ]);
    expect(plan.measures.map((m) => [m.title, m.policyNumber, m.policyInferred])).toEqual([
      // The header 政策 3 is printed inside the first measure's span (before the second 施策名).
      ['市民協働のまちづくり', 3, false],
      ['持続可能な行財政運営', 4, false],
    ]);
  });

  it('reads indicators, footnotes and values', () => {
    const works = indicator(plan, '協働事業の件数 (累計)');
    expect(works.cumulative).toBe(true);
    expect(works.direction).toBe('INCREASE');
    expect(works.cells.map((c) => [c.fiscalYear, c.role, c.value.number])).toEqual([
      [2023, 'BASELINE_ESTIMATE', 120],
      [2024, 'TARGET', 150],
      [2025, 'TARGET', 180],
      [2026, 'TARGET', 210],
      [2030, 'TARGET', 300],
    ]);
    expect(works.footnoteKeys).toEqual(['measure-1#※1']);
    expect(footnote(plan, 'measure-1#※1').category).toBe('DEFINITION');
    expect(indicator(plan, '市政への満足度').cells[0]?.value).toMatchObject({
      number: 60,
      unit: '%',
      comparator: 'EQ',
    });
    expect(indicator(plan, '将来負担比率').direction).toBe('DECREASE');
    const floor = indicator(plan, '市有施設の延床面積');
    expect(floor.direction).toBe('MAINTAIN');
    expect(floor.cells.map((c) => [c.fiscalYear, c.value.kind])).toEqual([
      [2023, 'QUANTITY'],
      [2024, 'MAINTAIN'],
      [2025, 'MAINTAIN'],
      [2026, 'MAINTAIN'],
      [2030, 'QUANTITY'],
    ]);
  });

  it('merges the repost, keeps its footnote and the original approach', () => {
    const center = project(plan, 'みどり市民活動センターの運営');
    expect(center.repostPage).toBe(20);
    expect(center.measureKeys).toEqual(['measure-1', 'measure-2']);
    expect(center.approach).toEqual(['市民活動を支援します。', '相談体制を充実します。']);
    expect(center.indicatorKeys).toHaveLength(2);
    expect(center.footnoteKeys).toEqual([`${center.key}#※1`]);
    const consultations = indicator(plan, '相談件数');
    expect(consultations.cells[0]?.footnoteKeys).toEqual([`${center.key}#※1`]);
    expect(consultations.unlabeledCells).toEqual(['1,100 件']);
    expect(plan.footnotes.filter((f) => f.projectKey === center.key)).toHaveLength(1);
  });

  it('reads a site → facility table with other words', () => {
    const rebuild = project(plan, '市庁舎周辺の再整備');
    const rows = rebuild.indicatorKeys.map((k) => plan.indicators.find((i) => i.key === k) as ParsedIndicator);
    expect(rows.map((r) => [r.name, r.group])).toEqual([
      ['旧北小学校 → 北地区センター', '北地区の再整備'],
      ['旧北小学校 → 北図書館', '北地区の再整備'],
    ]);
    expect(rows[1]?.cells.map((c) => c.value.text)).toEqual(['設計', '建設工事', '開館・運営', '運営']);
  });

  it('warns only about what is odd in it', () => {
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^Project 「みどり市民活動センターの運営」, target table \(line 21\): 1 row has a value in a column with no fiscal-year header \(「相談件数」: 「1,100 件」\)/,
      ),
      expect.stringMatching(
        /^Project 「みどり市民活動センターの運営」 is printed more than once.*kept over the one marked 再掲 under measure 「持続可能な行財政運営」 \(line 48\): item 1 differs, 「市民活動を支援する。」 vs 「市民活動を支援します。」/,
      ),
      expect.stringMatching(/^Project 「みどり市民活動センターの運営」, target table \(line 49\): 1 row has/),
      expect.stringMatching(
        /^Project 「市庁舎周辺の再整備」.*「現施設」 cell is empty in 1 row.*「旧北小学校 → 北図書館」/,
      ),
    ]);
  });
});

describe('parsePlanDocument on malformed input', () => {
  const frame = (body: string[]): string =>
    [
      '# テスト計画',
      '施策名 「テスト施策」',
      '目的・方向性',
      'テストの目的。',
      '政策 1 : テスト政策',
      '成果指標',
      '指標\t本年度 (見込み)\t実施計画\t\t\t基本計画 最終年度',
      '\t5年度\t6年度\t7年度\t8年度\t12年度',
      ...body,
    ].join('\n');

  it('throws a PlanParseError when there is no measure at all', () => {
    expect(() => parsePlanDocument('# ただの文書\n\n本文です。')).toThrow(PlanParseError);
    expect(() => parsePlanDocument('')).toThrow(/施策名/);
  });

  it('throws a PlanParseError when no table names a fiscal year', () => {
    expect(() => parsePlanDocument('施策名 「年度のない施策」\n目的・方向性\n本文。')).toThrow(/年度/);
  });

  it('warns about unknown lines, dangling markers, unused footnotes and missing cells', () => {
    const plan = parsePlanDocument(
      frame([
        '指標A※2\t10件\t11件\t12件\t13件\t20件',
        '指標B\t1件\t\t3件',
        '',
        '※3 どこにも付いていない注記。',
        'この行は何でもない文章です。',
        '事業名\t事業A',
        '実績目標\t本年度 (見込み)\t6年度\t来年度',
        '行A\t実施\t実施\t実施',
      ]),
    );
    expect(plan.indicators.map((i) => i.name)).toEqual(['指標A', '指標B', '行A']);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/row 「指標A」 \(line 9\): the marker ※2 has no footnote text/),
      expect.stringMatching(/row 「指標B」 \(line 10\): no value for FY2024, FY2026, FY2030/),
      expect.stringMatching(/footnote ※3 「どこにも付いていない注記。」 is not marked on any row/),
      expect.stringMatching(
        /^Line 13 in measure 「テスト施策」: the text 「この行は何でもない文章です。」 was not understood/,
      ),
      expect.stringContaining('Project 「事業A」 (line 14) has no 実施方針 row.'),
      expect.stringContaining('the column header 「来年度」 is not a fiscal year'),
      expect.stringMatching(
        /^Project 「事業A」, target table \(line 15\): 1 row has a value in a column with no fiscal-year header \(「行A」: 「実施」\)/,
      ),
    ]);
  });

  it('keeps same-name rows with different values apart, with a warning', () => {
    const plan = parsePlanDocument(
      [
        frame(['満足度\t50%\t51%\t52%\t53%\t60%']),
        '施策名 「別の施策」',
        '目的・方向性',
        '別の目的。',
        '成果指標',
        '指標\t本年度 (見込み)\t実施計画\t\t\t基本計画 最終年度',
        '\t5年度\t6年度\t7年度\t8年度\t12年度',
        '満足度\t50%\t55%\t60%\t65%\t70%',
      ].join('\n'),
    );
    expect(plan.indicators.filter((i) => i.name === '満足度')).toHaveLength(2);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^Measure 「別の施策」 .*assigned to policy 1 from the previous header \(line 5\)/),
      expect.stringMatching(
        /row 「満足度」 .*same name .*different values, so it was imported as a separate indicator/,
      ),
    ]);
  });

  it('warns when tables disagree on years or a measure spans two policies', () => {
    const plan = parsePlanDocument(
      [
        frame(['指標A\t1件\t2件\t3件\t4件\t5件']),
        '政策 2 : 別の政策',
        '施策名 「次の施策」',
        '目的・方向性',
        '目的。',
        '成果指標',
        '指標\t本年度 (見込み)\t実施計画\t\t\t基本計画 最終年度',
        '\t6年度\t7年度\t8年度\t9年度\t12年度',
        '指標C\t1件\t2件\t3件\t4件\t5件',
      ].join('\n'),
    );
    expect(plan.baseYear).toBe(2023);
    expect(plan.measures.map((m) => m.policyNumber)).toEqual([1, 2]);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^Measure 「テスト施策」 .*two policies, 1 \(line 5\) and 2 \(line 10\).*assigned to policy 1/,
      ),
      expect.stringMatching(/^Measure 「次の施策」 .*assigned to policy 2 from the previous header \(line 10\)/),
      expect.stringMatching(
        /^Measure 「次の施策」 .*years \(base FY2024, plan FY2025\/FY2026\/FY2027, final FY2030\) differ/,
      ),
    ]);
    expect(indicator(plan, '指標C').cells[0]?.fiscalYear).toBe(2024);
  });

  it('reads a one-line header whose cells name the years, and CRLF line ends', () => {
    const plan = parsePlanDocument(
      [
        '施策名',
        '「一行見出しの施策」',
        '目的・方向性',
        '目的。',
        '成果指標',
        '指標\t2年度 (見込み)\t3年度\t4年度',
        '指標X\t10人\t12人\t14人',
      ].join('\r\n'),
    );
    expect([plan.baseYear, plan.planYears, plan.finalYear]).toEqual([2020, [2021, 2022], 2022]);
    expect(indicator(plan, '指標X').cells.map((c) => [c.fiscalYear, c.role, c.value.number])).toEqual([
      [2020, 'BASELINE_ESTIMATE', 10],
      [2021, 'TARGET', 12],
      [2022, 'TARGET', 14],
    ]);
    expect(plan.measures[0]?.title).toBe('一行見出しの施策');
    expect(plan.title).toBe('一行見出しの施策');
    expect(plan.warnings).toEqual([
      expect.stringContaining('no 政策 page header, so the measure was assigned to a placeholder policy 0'),
      expect.stringContaining(
        "no # heading to take the plan title from; the first measure's title 「一行見出しの施策」 was used",
      ),
    ]);
    expect(plan.policies).toEqual([{ number: 0, title: '(no policy header in the document)' }]);
  });

  it('reports an override that matches nothing', () => {
    const plan = parsePlanDocument(frame(['指標A\t1件\t2件\t3件\t4件\t5件']), {
      overrides: { indicators: { 指標Ａ: { direction: 'DECREASE' }, 存在しない指標: { cumulative: true } } },
    });
    expect(indicator(plan, '指標A').direction).toBe('DECREASE');
    expect(plan.warnings).toEqual([expect.stringContaining('「存在しない指標」 matches no indicator')]);
  });

  it('refuses an override whose direction is not a word of the vocabulary, and applies the rest of it', () => {
    // Overrides are JSON read at run time: the type says Direction, the file may say anything.
    const plan = parsePlanDocument(frame(['指標A\t1件\t2件\t3件\t4件\t5件']), {
      overrides: { indicators: { 指標A: { direction: 'UP' as never, cumulative: true } } },
    });
    expect(indicator(plan, '指標A').direction).toBe('INCREASE');
    expect(indicator(plan, '指標A').cumulative).toBe(true);
    expect(plan.warnings).toEqual([
      'The override for indicator 「指標A」 names the direction "UP", which is not one of INCREASE, DECREASE, MAINTAIN, ZERO, NONE; its direction was left as read.',
    ]);
  });
});
