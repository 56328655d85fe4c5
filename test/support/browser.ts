import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// A headless Debian chromium driven by playwright-core (no browser download): every request to a host
// other than 127.0.0.1 / localhost is aborted and recorded, so a test can assert none was attempted.

export const TEST_OUTPUT = join(__dirname, '..', '..', 'test-output');

/** CHROMIUM_PATH, or Debian's chromium (`.ci/run` installs it with apt-get when missing). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No chromium at ${path}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return path;
}

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  /** URLs of requests to other hosts, aborted. */
  outside: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function launchBrowser(
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Containers (root, no user namespaces, small /dev/shm).
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--no-default-browser-check'],
  });
  const context = await browser.newContext({
    locale: options.locale ?? 'ja-JP',
    viewport: options.viewport ?? { width: 1100, height: 900 },
    serviceWorkers: 'block',
  });
  const outside: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && !LOCAL.has(url.hostname)) {
      outside.push(url.href);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  // Anything the route does not see (other schemes) is recorded too.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'http:', 'https:', 'ws:'].includes(url.protocol) && !LOCAL.has(url.hostname)) {
      outside.push(url.href);
    }
  });
  return {
    browser,
    context,
    outside,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/** Writes a full-page screenshot to test-output/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const path = join(TEST_OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core (from npm, injected into the page) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate, not a script tag: the page's CSP admits our own scripts only.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
