import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCatalog } from '../../harness/conformance/index.js';
import { htmlReport } from '../../harness/report/index.js';
import { CATALOG, TRANSPORT_PLANTED, TRANSPORT_CHECKS } from '../../scenarios/index.js';

/** Debian's chromium (installed by .ci/run); playwright never downloads a browser here (DESIGN.md). */
const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env['MIMI_SKIP_BROWSER'] === '1';
/** Where the screenshot goes for people to look at (gitignored). */
const OUTPUT = resolve('test-output');

describe.skipIf(SKIP)('the HTML report in a real browser (issue 11 §4)', () => {
  it('filters to the failing check, opens its evidence, and its sequence diagram shows its exchanges', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (or set MIMI_SKIP_BROWSER=1)`);
    const bug = TRANSPORT_PLANTED.find((b) => b.name === 'answers 200 instead of 405');
    if (bug === undefined) throw new Error('planted bug not found');
    const checks = TRANSPORT_CHECKS.filter((c) => c.id.startsWith('transport.http.'));
    const results = await runCatalog({ target: bug.target('target.test'), checks, seed: 1 });
    const failing = results.filter((r) => r.status === 'fail');
    expect(failing.map((r) => r.id)).toContain('transport.http.method-not-allowed');
    const failed = failing.find((r) => r.id === 'transport.http.method-not-allowed');
    if (failed === undefined) throw new Error('no failing result');
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, 'report.html');
    writeFileSync(file, htmlReport({ runs: [{ target: bug.name, seed: 1, transport: 'tls', results }], checks: new Map(CATALOG.map((c) => [c.id, { quote: c.quote }])), harnessVersion: 'test' }));

    // launch() gives the browser a fresh, empty profile of its own, removed on close.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => { requests.push(request.url()); });
      await page.goto(pathToFileURL(file).href);
      const rows = page.locator('tr[data-check]');
      expect(await rows.count()).toBe(results.length);
      await page.selectOption('select[data-filter="status"]', 'fail');
      const visible = page.locator('tr[data-check]:not([hidden])');
      expect(await visible.count()).toBe(failing.length);
      expect(await page.locator('#shown').textContent()).toBe(String(failing.length));
      await page.click(`a[data-open="check-${failed.id}"]`);
      const section = page.locator(`details[id="check-${failed.id}"]`);
      expect(await section.evaluate((el) => (el as { open?: boolean }).open)).toBe(true);
      expect(await section.locator('.actual-text').textContent()).toBe(failed.evidence.actual);
      const exchanges = failed.evidence.exchanges;
      expect(exchanges.length).toBeGreaterThan(0);
      expect(await section.locator('svg.sequence g.arrow[data-kind="request"]').count()).toBe(exchanges.length);
      expect(await section.locator('svg.sequence g.arrow[data-kind="answer"]').count()).toBe(exchanges.length);
      const labels = await section.locator('svg.sequence g.arrow[data-kind="request"] text').allTextContents();
      expect(labels).toEqual(exchanges.map((e) => `${e['method'] as string} ${e['path'] as string}`));
      expect(await section.locator('svg.sequence').isVisible()).toBe(true);
      await section.locator('svg.sequence').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: false });
      // The page is self-contained: the browser fetched nothing but the file itself.
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser.close();
    }
  });
});
