import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, TEST_OUTPUT as OUTPUT, type TestBrowser } from '../support/browser';

// The explorer in a real browser (Debian's chromium, driven by playwright-core) with the network limited to
// this machine: every request to another host is aborted and recorded, and the test fails if there was one.

describe('explorer in a browser (offline: loopback only)', () => {
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let foreign: string[] = [];
  const pageErrors: string[] = [];
  let loadedMs = 0;

  beforeAll(async () => {
    app = await startTestApp(undefined, { examplePlanCode: 'arakawa' });
    browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    foreign = browser.outside;
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens GraphiQL with the example operations as tabs, their variables and the headers editor', async () => {
    const started = Date.now();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    for (const name of ['CovidCells', 'CovidFootnotes', 'IndicatorByName', 'MeasureDashboard', 'WholePlan']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    const tools = page.locator('.graphiql-editor-tool');
    await tools.filter({ hasText: '"planCode": "arakawa"' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await tools.filter({ hasText: 'Authorization' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Variables', exact: true }).click();
    loadedMs = Date.now() - started;
  });

  it('runs an example operation and shows its result on the page', async () => {
    const started = Date.now();
    await page.getByRole('button', { name: 'IndicatorByName', exact: true }).click();
    await page.locator('.graphiql-editor-tool').filter({ hasText: '"search": ""' }).waitFor({ timeout: 20_000 });
    await page.locator('.graphiql-query-editor').filter({ hasText: 'query IndicatorByName' }).waitFor();
    type Answer = {
      data?: { indicators: { totalCount: number; nodes: { id: string }[] } };
      errors?: { message: string }[];
    };
    // Right after a tab switch GraphiQL may still send the previous tab's operationName (an "Unknown operation
    // named …" answer from the server); a user would press the button again, and so does the test, at most twice.
    let body: Answer = {};
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('query IndicatorByName'),
      );
      await page.getByRole('button', { name: /Execute query/ }).click();
      body = (await (await answered).json()) as Answer;
      if (!body.errors?.some((e) => e.message.startsWith('Unknown operation named'))) break;
    }
    expect(body.errors).toBeUndefined();
    if (!body.data) throw new Error('no data in the answer');
    expect(body.data.indicators.totalCount).toBeGreaterThan(0);
    const result = page.locator('.graphiql-response');
    await result.filter({ hasText: `"totalCount": ${body.data.indicators.totalCount}` }).waitFor({ timeout: 20_000 });
    await result.filter({ hasText: body.data.indicators.nodes[0].id }).waitFor();
    const answerMs = Date.now() - started;
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'explorer.png') });
    writeFileSync(join(OUTPUT, 'explorer-timings.json'), JSON.stringify({ loadedMs, answerMs }, null, 2));
  });

  it('has the docs explorer, from introspection', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click({ timeout: 20_000 });
    await docs.getByText('indicators', { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(OUTPUT, 'explorer-docs.png') });
  });

  it('asked no other host for anything and threw no error', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
