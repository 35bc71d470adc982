/**
 * The docs in a real headless browser (Debian's chromium via playwright-core): the pages load
 * without console errors or warnings, and "Try it out" → Execute of every operation of every
 * vendor, with the values the page pre-fills, answers 200 with data from the mock itself.
 * Skipped, with a message, where /usr/bin/chromium is missing (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { generateWorld } from '../../src/world/index.ts';
import { listenOnLoopback } from './helpers.ts';

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
    // The default world: what `standin serve` shows a user who opens the docs.
    server = createServer(createApp({ world: generateWorld() }));
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
      if (msg.type() === 'error' || msg.type() === 'warning')
        problems.push(`console ${msg.type()}: ${msg.text()}`);
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

  /** Every operation of a vendor's docs page: path, the request prefix it calls, and the credential check. */
  const OPERATIONS: {
    vendor: string;
    path: string;
    calls: string;
    credential: (headers: Record<string, string>) => void;
  }[] = [
    {
      vendor: 'enneo',
      path: '/export/reporting_worklog',
      calls: '/enneo/api/mind/export/reporting_worklog',
      credential: (h) => expect(h.authorization).toMatch(/^Bearer eyJ/),
    },
    {
      vendor: 'enneo',
      path: '/ticket/{ticketId}/worklog',
      calls: '/enneo/api/mind/ticket/',
      credential: (h) => expect(h.authorization).toMatch(/^Bearer eyJ/),
    },
    {
      vendor: 'voipcube',
      path: '/stats/user-statuses',
      calls: '/voipcube/stats/user-statuses?',
      credential: (h) => expect(h.key).toBe('standin-voipcube-dev-key'),
    },
    {
      vendor: 'autozod',
      path: '/api/sessionLogs/list',
      calls: '/autozod/api/sessionLogs/list?',
      credential: (h) => expect(h.authorization).toMatch(/^Bearer /),
    },
  ];

  it.each(['enneo', 'voipcube', 'autozod'])(
    'the %s page lists exactly the operations tried below',
    async (vendor) => {
      const { page, problems } = await open(`/docs/${vendor}/`);
      await expect
        .poll(() => page.locator('.opblock-summary-path').allTextContents())
        .toEqual(OPERATIONS.filter((o) => o.vendor === vendor).map((o) => o.path));
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it.each(OPERATIONS)(
    '$vendor $path: Execute with the pre-filled values answers 200 with data, without console noise',
    async ({ vendor, path, calls, credential }) => {
      const { page, problems } = await open(`/docs/${vendor}/`);
      const block = page.locator('.opblock', {
        has: page.locator('.opblock-summary-path', {
          hasText: new RegExp(`^${path.replace(/[{}]/g, '\\$&')}$`),
        }),
      });
      await block.locator('.opblock-summary').click();
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().startsWith(`${base}${calls}`)),
        block.locator('button.execute').click(),
      ]);
      expect(response.status()).toBe(200);
      credential(response.request().headers());
      const body = await response.body();
      expect(body.length).toBeGreaterThan(0);
      if ((response.headers()['content-type'] ?? '').startsWith('application/json')) {
        const json: unknown = JSON.parse(body.toString('utf8'));
        const count = Array.isArray(json)
          ? json.length
          : ((json as { data?: { summary?: { total_session_count?: number } } }).data?.summary
              ?.total_session_count ?? 0);
        expect(count).toBeGreaterThan(0);
      }
      await expect
        .poll(() => block.locator('.live-responses-table tbody .response-col_status').first().textContent())
        .toContain('200');
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});
