import { readFileSync } from 'node:fs';
import { parsePlanDocument } from '../../src/import/parse-plan';
test('dump', () => {
  const plan = parsePlanDocument(readFileSync('/work/main/seeds/arakawa-plan-chapter7.txt', 'utf8'));
  const out: string[] = [];
  out.push(JSON.stringify({ title: plan.title, base: plan.baseYear, plan: plan.planYears, final: plan.finalYear, policies: plan.policies }));
  out.push(`counts: measures ${plan.measures.length} projects ${plan.projects.length} indicators ${plan.indicators.length} footnotes ${plan.footnotes.length}`);
  for (const m of plan.measures) out.push(`M ${m.key} ${m.title} pol=${m.policyNumber}${m.policyInferred?'(inf)':''} ind=${m.indicatorKeys.join(',')} proj=${m.projectKeys.join(',')} fn=${m.footnoteKeys.join(',')} purpose=${m.purpose.length}`);
  for (const p of plan.projects) out.push(`P ${p.key} ${p.title} rp=${p.repostPage} ms=${p.measureKeys.join(',')} ind=${p.indicatorKeys.join(',')} fn=${p.footnoteKeys.join(',')} approach=${p.approach.length}`);
  for (const i of plan.indicators) out.push(`I ${i.key} ${i.kind} ${i.name} [${i.group}] unit=${i.unit} cum=${i.cumulative} dir=${i.direction} fn=${i.footnoteKeys} unl=${JSON.stringify(i.unlabeledCells)} :: ${i.cells.map(c=>`${c.fiscalYear}${c.role==='BASELINE_ESTIMATE'?'b':''}=${c.value.kind[0]}:${c.value.number ?? c.value.text}${c.value.unit??''}${c.value.comparator && c.value.comparator!=='EQ'?c.value.comparator:''}${c.value.note?'('+c.value.note+')':''}${c.footnoteKeys.length?'{'+c.footnoteKeys+'}':''}`).join(' ')}`);
  for (const f of plan.footnotes) out.push(`F ${f.key} ${f.category} ${f.text.slice(0,30)}`);
  out.push('WARNINGS');
  for (const w of plan.warnings) out.push('- ' + w);
  require('fs').writeFileSync('/tmp/pp/out.txt', out.join('\n'));
});
