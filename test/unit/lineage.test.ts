import { similarity } from '../../src/domain/text';
import { matchTerms, type TermOutline } from '../../src/import/lineage';

function outline(partial: Partial<TermOutline>): TermOutline {
  return { finalYear: 2026, policies: [], measures: [], projects: [], indicators: [], ...partial };
}

const prev = outline({
  finalYear: 2026,
  policies: [{ id: 1, number: 14, title: '区政の推進' }],
  measures: [
    { id: 10, title: '窓口サービス等の充実', policyId: 1, indicatorIds: [100, 101], projectIds: [200] },
    { id: 11, title: '健全な財政運営', policyId: 1, indicatorIds: [102], projectIds: [] },
  ],
  projects: [{ id: 200, title: '区民事務所の運営', measureIds: [10], indicatorIds: [103] }],
  indicators: [
    { id: 100, name: '満足度', finalTarget: '90%' },
    { id: 101, name: '待ち時間', finalTarget: '10分' },
    { id: 102, name: '経常収支比率', finalTarget: '80%' },
    { id: 103, name: '満足度', finalTarget: '85%' },
  ],
});

const next = outline({
  finalYear: 2029,
  policies: [{ id: 2, number: 1, title: '区政の推進' }],
  measures: [{ id: 20, title: '窓口の向上', policyId: 2, indicatorIds: [300, 301], projectIds: [400] }],
  projects: [{ id: 400, title: '区民事務所の運営', measureIds: [20], indicatorIds: [303] }],
  indicators: [
    { id: 300, name: '満足度', finalTarget: '90%' },
    { id: 301, name: '窓口の待ち時間', finalTarget: '10分' },
    { id: 303, name: '満足度', finalTarget: '95%' },
  ],
});

describe('matching a term to the previous term', () => {
  it('matches a renumbered policy by title and a renamed measure by its overlap', () => {
    const r = matchTerms(prev, next);
    expect(r.matches).toContainEqual(
      expect.objectContaining({ subjectType: 'POLICY', previousId: 1, newId: 2, kind: 'SAME_TITLE' }),
    );
    expect(r.matches).toContainEqual(
      expect.objectContaining({
        subjectType: 'MEASURE',
        previousId: 10,
        newId: 20,
        kind: 'OVERLAP',
        reason: 'Shares 2 of 4 indicators and projects.',
      }),
    );
    expect(r.changes.map((c) => `${c.kind} ${c.subjectType}`)).toEqual(
      expect.arrayContaining([
        'RENUMBERED POLICY',
        'RENAMED MEASURE',
        'REMOVED MEASURE',
        'REMOVED INDICATOR',
        'ADDED INDICATOR',
        'RETARGETED INDICATOR',
      ]),
    );
  });

  it('matches a name within the matched parent first: two 満足度 rows go to their own measure and project', () => {
    const r = matchTerms(prev, next);
    const ind = (id: number) => r.matches.find((x) => x.subjectType === 'INDICATOR' && x.newId === id);
    expect(ind(300)).toMatchObject({ previousId: 100, kind: 'SAME_NAME_IN_OWNER' });
    expect(ind(303)).toMatchObject({ previousId: 103, kind: 'SAME_NAME_IN_OWNER' });
    expect(r.changes.find((c) => c.kind === 'RETARGETED')?.description).toBe(
      'Indicator 「満足度」: the final-year target changes from 85% (FY2026) to 95% (FY2029).',
    );
  });

  it('warns of an unmatched indicator with the closest candidates, and an override forces the match', () => {
    const plain = matchTerms(prev, next);
    expect(plain.warnings).toEqual([
      'Indicator 「窓口の待ち時間」 continues nothing of the previous term; closest candidates: 「待ち時間」 (67%).',
    ]);
    const forced = matchTerms(prev, next, {
      force: { 窓口の待ち時間: '待ち時間' },
      reasons: { 窓口の待ち時間: 'Same count.' },
    });
    expect(forced.warnings).toEqual([]);
    expect(forced.matches).toContainEqual(
      expect.objectContaining({
        previousId: 101,
        newId: 301,
        kind: 'OVERRIDE',
        reason: 'Curated override: Same count.',
      }),
    );
    expect(forced.changes.find((c) => c.kind === 'RENAMED' && c.subjectType === 'INDICATOR')).toMatchObject({
      previousSubject: '待ち時間',
      newSubject: '窓口の待ち時間',
    });
  });

  it('a forbidden pair is not matched, and an override that names nothing is a warning', () => {
    const r = matchTerms(prev, next, { forbid: { 満足度: '満足度' }, force: { 無い指標: '待ち時間' } });
    expect(r.matches.filter((x) => x.subjectType === 'INDICATOR')).toEqual([]);
    expect(r.warnings[0]).toBe(
      'The lineage override 「無い指標」 → 「待ち時間」 names an indicator that is not in the new term and was not applied.',
    );
  });

  it('similarity is a bigram Dice coefficient over match keys', () => {
    expect(similarity('満足度', '満足度')).toBe(1);
    expect(similarity('ＡＢ', 'ab')).toBe(1);
    expect(similarity('満足度', '経常収支比率')).toBe(0);
  });
});
