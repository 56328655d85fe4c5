import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { setUpActuals, type Actuals } from '../support/actuals';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, screenshot, seriousViolations, TEST_OUTPUT, type TestBrowser } from '../support/browser';

// The public dashboard in a real (headless) chromium against the real server and database.

const MEASURES = [
  '区民参画・協働の推進',
  '区政に関する情報提供の拡充',
  '窓口サービス等の充実',
  '戦略的な政策形成と行政改革の推進',
  '健全な財政運営',
  '人材の活用と職員育成の充実',
  '情報システムの適正な整備と安全確保',
  '公共施設等の効率的な活用と適正な管理',
];

interface Visit {
  graphqlRequests: number;
  /** ms from navigation start to the page's main content in the DOM (performance mark). */
  firstRenderMs: number;
}

const renders: Record<string, number> = {};

describe('dashboard in a browser', () => {
  let app: TestApp;
  let base: string;
  let browser: TestBrowser;
  let actuals: Actuals;
  let page: Page;
  const measureId: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    base = app.url.replace(/\/graphql$/, '');
    actuals = await setUpActuals(app);
    const res = await app.gql<{ measures: { nodes: { id: string; title: string }[] } }>(
      '{ measures(filter: { planCode: "arakawa" }) { nodes { id title } } }',
    );
    for (const m of res.data!.measures.nodes) measureId[m.title] = m.id;
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page.close();
  });
  afterAll(async () => {
    writeFileSync(join(TEST_OUTPUT, 'first-render.json'), JSON.stringify(renders, null, 2) + '\n');
    await browser?.close();
    await app?.close();
  });

  /** Opens a page, waits for its content, counts its GraphQL requests and reads the first-render mark. */
  async function visit(path: string, name: string): Promise<Visit> {
    let graphqlRequests = 0;
    const count = (req: { url(): string }) => {
      if (new URL(req.url()).pathname === '/graphql') graphqlRequests += 1;
    };
    page.on('request', count);
    await page.goto(base + path);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    page.off('request', count);
    const firstRenderMs = await page.evaluate(
      () => performance.getEntriesByName('plangraph:rendered')[0]?.startTime ?? Number.NaN,
    );
    renders[name] = Math.round(firstRenderMs);
    return { graphqlRequests, firstRenderMs };
  }

  async function expectAccessible(name: string): Promise<void> {
    const violations = await seriousViolations(page);
    expect([
      name,
      violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes[0]?.target.join(' ')}`),
    ]).toEqual([name, []]);
  }

  it('overview: the 8 measures of the bundled plan with their progress, one request, no other host', async () => {
    const v = await visit('/?year=2021', 'overview-ja');
    expect(v.graphqlRequests).toBe(1);
    expect(v.firstRenderMs).toBeLessThan(3000);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const titles = await page.locator('[data-measure] > a').allTextContents();
    expect(titles).toEqual(MEASURES);
    const link = await page.locator('[data-measure="健全な財政運営"] > a').getAttribute('href');
    expect(link).toBe(`/measures/${encodeURIComponent(measureId['健全な財政運営'])}?year=2021`);
    expect(await page.locator('[data-measure="健全な財政運営"] .bar-text').textContent()).toMatch(/指標\d+件/);
    await screenshot(page, 'overview-ja');
    await expectAccessible('overview');
    expect(browser.outside).toEqual([]);
  });

  it('measure page: 経常収支比率 with its five cells, qualifiers, a chart and its text summary', async () => {
    const v = await visit(`/measures/${measureId['健全な財政運営']}?year=2021`, 'measure-ja');
    expect(v.graphqlRequests).toBe(1);
    expect(v.firstRenderMs).toBeLessThan(3000);
    expect(await page.locator('h1').textContent()).toBe('健全な財政運営');
    const row = page.locator('[data-indicator="経常収支比率"]');
    const cells = await row.locator('td[data-cell]').allTextContents();
    expect(cells).toEqual(['90%程度', '90%程度', '85%程度', '85%程度', '80%程度']);
    await row.locator('[data-chart] svg').waitFor();
    expect(await row.locator('[data-chart] svg').getAttribute('aria-label')).toBe('経常収支比率のグラフ');
    expect(await row.locator('.chart-summary').textContent()).toContain('目標: 令和3年度 90%程度');
    await page.locator('[data-chart] svg').first().waitFor();
    await screenshot(page, 'measure-ja');
    await expectAccessible('measure');
    expect(browser.outside).toEqual([]);
  });

  it('shows an actual once it is approved through the API (and not before)', async () => {
    const path = `/measures/${measureId['健全な財政運営']}?year=2021`;
    await visit(path, 'measure-before-actual');
    const row = page.locator('[data-indicator="経常収支比率"]');
    expect(await row.locator('td[data-actual]').count()).toBe(0);
    const recorded = await actuals.record(actuals.tokens.editor, '経常収支比率', 2021, '88.5%');
    expect(recorded.errors).toBeUndefined();
    await page.reload();
    await page.waitForSelector('body[data-rendered="true"]');
    expect(await row.locator('td[data-actual]').count()).toBe(0); // a draft is not public
    await actuals.move(actuals.tokens.editor, 'submitActual', recorded.data!.recordActual.id);
    await actuals.move(actuals.tokens.approver, 'approveActual', recorded.data!.recordActual.id);
    await visit(path, 'measure-with-actual');
    expect(await row.locator('td[data-actual="2021"]').textContent()).toBe('88.5%');
    expect(await row.locator('.badge').textContent()).toBe('判定: 達成');
    await row.locator('[data-chart] svg').waitFor();
    await screenshot(page, 'measure-with-actual-ja');
    await row.screenshot({ path: join(TEST_OUTPUT, 'measure-with-actual-keijo-ja.png') });
    await visit('/?year=2021', 'overview-with-actual');
    expect(await page.locator('[data-measure="健全な財政運営"] .bar-text').textContent()).toBe(
      '指標11件のうち判定できた1件中1件が達成 (達成割合 100%)',
    );
    await screenshot(page, 'overview-with-actual-ja');

    // No grade before the plan has a scale; set one through the API and the overview shows it in the page language.
    expect(await page.locator('[data-measure="健全な財政運営"] .grade').count()).toBe(0);
    const set = await app.gqlAs(
      actuals.tokens.admin,
      'mutation { setGradingScale(planCode: "arakawa", input: { preset: FIVE_LEVEL, name: "達成度" }) { name } }',
    );
    expect(set.errors).toBeUndefined();
    await visit('/?year=2021', 'overview-with-grade');
    expect(await page.locator('[data-measure="健全な財政運営"] .grade').textContent()).toBe('評価の目安: 2 目標を達成');
    await screenshot(page, 'overview-with-grade-ja');
    await visit('/?year=2021&lang=en', 'overview-with-grade-en');
    expect(await page.locator('[data-measure="健全な財政運営"] .grade').textContent()).toBe(
      'Suggested grade: 2 Achieved the target',
    );
  });

  it("a footnote's text appears on focus; COVID-19 adjustments stand out", async () => {
    await visit(`/measures/${measureId['区民参画・協働の推進']}?year=2021`, 'measure-footnotes');
    const marker = page.locator('.fn.covid .fn-marker').first();
    const tip = page.locator('.fn.covid .fn-tip').first();
    expect(await tip.isVisible()).toBe(false);
    await marker.focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('新型コロナウイルス感染症');
    const describedBy = await marker.getAttribute('aria-describedby');
    expect(await tip.getAttribute('id')).toBe(describedBy);
    await screenshot(page, 'footnote-focus-ja');
    await page.keyboard.press('Tab');
    expect(await tip.isVisible()).toBe(false);
    await expectAccessible('measure with footnotes');
  });

  it('the English switch sets ?lang=en and keeps the page; /?lang=en opens in English', async () => {
    await visit('/?year=2021', 'overview-before-switch');
    await Promise.all([page.waitForURL(/lang=en/), page.locator('[data-lang-switch="en"]').click()]);
    await page.waitForSelector('body[data-rendered="true"]');
    expect(new URL(page.url()).search).toBe('?lang=en&year=2021');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.top .home').textContent()).toBe('Progress dashboard');
    expect(await page.locator('[data-measure="健全な財政運営"] .bar-text').textContent()).toMatch(/indicators/);
    // Plan texts stay as printed.
    expect(await page.locator('[data-measure] > a').allTextContents()).toEqual(MEASURES);
    const v = await visit('/?lang=en', 'overview-en');
    expect(v.graphqlRequests).toBe(1);
    expect(await page.locator('[data-lang-switch="ja"]').textContent()).toBe('日本語');
    await screenshot(page, 'overview-en');
    await expectAccessible('overview in English');
  });

  it('indicator page (deep link): chart, table of the same numbers, explanation; in English too', async () => {
    const id = await actuals.indicatorId('経常収支比率');
    const v = await visit(`/indicators/${encodeURIComponent(id)}?year=2021&lang=en`, 'indicator-en');
    expect(v.graphqlRequests).toBe(1);
    expect(v.firstRenderMs).toBeLessThan(3000);
    expect(await page.locator('h1').textContent()).toBe('経常収支比率');
    expect(await page.locator('td[data-cell]').count()).toBe(5);
    expect(await page.locator('th[scope="col"]').first().textContent()).toBe('Fiscal year');
    expect(await page.locator('.explanation').textContent()).not.toBe('');
    await page.locator('[data-chart] svg').waitFor();
    await screenshot(page, 'indicator-en');
    await expectAccessible('indicator');
    const ja = await visit(`/indicators/${encodeURIComponent(id)}?year=2021`, 'indicator-ja');
    expect(ja.graphqlRequests).toBe(1);
    await page.locator('[data-chart] svg').waitFor();
    await screenshot(page, 'indicator-ja');
    expect(browser.outside).toEqual([]);
  });

  it('keyboard: the skip link comes first and moves to the main content', async () => {
    await visit('/?year=2021', 'overview-keyboard');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  });
});
