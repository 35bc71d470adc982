/**
 * The docs in a real headless browser (Debian's chromium via playwright-core): the pages load
 * without console errors, and "try it out" against the mock itself returns 200.
 * Skipped, with a message, where /usr/bin/chromium is missing (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { listenOnLoopback, smallWorld } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  // Shown in the test output so a skipped browser test is never mistaken for a passing one.
  process.stderr.write(
    `docs-page.browser.test: ${CHROMIUM} is missing; skipping (apt-get install chromium)\n`,
  );
}

describe.skipIf(!HAVE_CHROMIUM)('docs page in headless chromium', () => {
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    server = createServer(createApp({ world: smallWorld() }));
    base = await listenOnLoopback(server);
    profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens a page and collects everything that went wrong on it. */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    return { page, problems };
  }

  it('the index page loads without console errors and lists the three vendors', async () => {
    const { page, problems } = await open('/');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Enneo',
      'VoIPcube',
      'Autozod',
      'Mock controls',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Autozod docs load their contract without console errors', async () => {
    const { page, problems } = await open('/docs/autozod/');
    await expect
      .poll(() => page.locator('.opblock-summary-path').allTextContents())
      .toEqual(['/api/sessionLogs/list']);
    expect(await page.locator('.servers select').inputValue()).toBe(`${base}/autozod`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('VoIPcube "try it out" calls the mock with the pre-authorised Key and gets 200', async () => {
    const { page, problems } = await open('/docs/voipcube/');
    await page.locator('.opblock-summary').first().click();
    await page.locator('tr[data-param-name="from"] input').fill('2025-09-01');
    await page.locator('tr[data-param-name="to"] input').fill('2025-09-02');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${base}/voipcube/stats/user-statuses?`)),
      page.locator('button.execute').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.request().headers().key).toBe('standin-voipcube-dev-key');
    await expect
      .poll(() => page.locator('.live-responses-table tbody .response-col_status').first().textContent())
      .toContain('200');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Enneo "try it out" calls the mock with the pre-authorised bearer JWT and gets 200', async () => {
    const { page, problems } = await open('/docs/enneo/');
    await page.locator('.opblock-summary', { hasText: '/export/reporting_worklog' }).first().click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${base}/enneo/api/mind/export/reporting_worklog`)),
      page.locator('button.execute').first().click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toMatch(/^Bearer eyJ/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
