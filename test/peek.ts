import { parsePlanDocument } from '../src/import/parse-plan';
import { nextTermText } from './support/next-term';
const p = parsePlanDocument(nextTermText(), {});
console.log(p.baseYear, p.planYears, p.finalYear, p.policies, p.warnings);
for (const m of p.measures) console.log('M', m.key, m.policyNumber, m.title, m.indicatorKeys.length, m.projectKeys.length);
for (const x of p.projects) console.log('P', x.key, x.title, x.measureKeys);
