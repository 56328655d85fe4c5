import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The next term of the bundled Arakawa chapter, made from its text: every year +3 (base year 2023, final year
 * 2029), the 第2期 plan becomes 第3期, policies 14/15 renumbered 1/2, the measure 窓口サービス等の充実 renamed
 * (and the repost of 計画的かつ体系的な職員育成 under it dropped, so that project moves), the last measure removed,
 * the project 財源の確保 renamed beyond recognition (removed + added), an indicator renamed, a final target changed,
 * and a new measure (デジタル区役所の推進) added. The new measure is written in the first term's year labels, before
 * the shift, like the rest.
 */
export const NEXT_TERM = {
  renamedMeasure: ['窓口サービス等の充実', '区民サービス窓口の向上'],
  removedMeasure: '公共施設等の効率的な活用と適正な管理',
  movedProject: '計画的かつ体系的な職員育成',
  renamedProject: ['財源の確保', '歳入の確保と新たな財源の開拓'],
  renamedIndicator: ['区政に関心がある区民の割合', '区政に関心を持つ区民の割合'],
  retargetedIndicator: '地域の活動や行事に参加している人の割合',
  addedMeasure: 'デジタル区役所の推進',
  addedIndicator: 'オンラインで申請できる手続の割合',
} as const;

const ADDED_MEASURE = [
  '## 施策名',
  '',
  `### 「${NEXT_TERM.addedMeasure}」`,
  '',
  '#### 目的・方向性',
  '',
  '区民が来庁せずに手続を済ませられるよう、行政手続のオンライン化を進めます。',
  '',
  '#### 成果指標',
  '',
  '指標\t本年度 (見込み)\t実施計画（第2期）\t\t\t基本計画 最終年度',
  '\t2年度\t3年度\t4年度\t5年度\t8年度',
  `${NEXT_TERM.addedIndicator}\t20%\t30%\t40%\t50%\t80%`,
  '',
  '#### 重点事業（計画事業）',
  '',
  '政策 15 : 積極目標の設定と管理による行財政運営の戦略的推進',
  '',
  '事業名\tオンライン申請の拡大\t\t\t\t',
  '実施方針\tオンラインで申請できる手続を毎年増やします。\t\t\t\t',
  '実績目標\t本年度 (見込み)\t3年度\t4年度\t5年度\t',
  'オンライン化した手続数\t50件\t80件\t110件\t140件\t',
  '',
];

export function bundledChapter(): string {
  return readFileSync(join(__dirname, '..', '..', 'seeds', 'arakawa-plan-chapter7.txt'), 'utf8');
}

export function nextTermText(chapter = bundledChapter()): string {
  const lines = chapter.split('\n');
  const repost = lines.findIndex((l) => l.startsWith(`事業名\t${NEXT_TERM.movedProject}【再掲`));
  const repostEnd = lines.findIndex((l, i) => i > repost && l.startsWith('## 施策名'));
  const removed = lines.findIndex((l) => l.includes(`「${NEXT_TERM.removedMeasure}」`));
  const removedStart = lines.slice(0, removed).findLastIndex((l) => l.startsWith('## 施策名'));
  const removedEnd = lines.findIndex((l, i) => i > removed && l.startsWith('Ⅶ'));
  if (repost < 0 || repostEnd < 0 || removedStart < 0)
    throw new Error('the bundled chapter changed: update next-term.ts');
  const kept = [
    ...lines.slice(0, repost),
    ...lines.slice(repostEnd, removedStart),
    ...ADDED_MEASURE,
    ...(removedEnd < 0 ? [] : lines.slice(removedEnd)),
  ];
  return kept
    .map((line) => (line.startsWith(NEXT_TERM.retargetedIndicator) ? line.replace(/45\.0%\s*$/, '48.0%') : line))
    .join('\n')
    .replace(/(\d+)年度/g, (_, n: string) => `${Number(n) + 3}年度`)
    .replace(/第2期/g, '第3期')
    .replace(/政策(\s*)14/g, '政策$11')
    .replace(/政策(\s*)15/g, '政策$12')
    .replaceAll(NEXT_TERM.renamedMeasure[0], NEXT_TERM.renamedMeasure[1])
    .replaceAll(`事業名\t${NEXT_TERM.renamedProject[0]}`, `事業名\t${NEXT_TERM.renamedProject[1]}`)
    .replaceAll(NEXT_TERM.renamedIndicator[0], NEXT_TERM.renamedIndicator[1]);
}
