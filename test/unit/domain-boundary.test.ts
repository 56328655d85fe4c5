import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// src/domain is pure TypeScript: no I/O, no decorators, no import from another layer or a package.
const domain = join(__dirname, '..', '..', 'src', 'domain');

describe('src/domain', () => {
  const files = readdirSync(domain).filter((f) => f.endsWith('.ts'));

  it('has files to check', () => {
    expect(files).toContain('vocabulary.ts');
  });

  it.each(files)('%s imports only from src/domain', (file) => {
    const text = readFileSync(join(domain, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
    const dynamic = [...text.matchAll(/\b(?:require|import)\(\s*'([^']+)'/g)].map((m) => m[1]);
    expect([...specifiers, ...dynamic].filter((s) => !s?.startsWith('./'))).toEqual([]);
  });
});
