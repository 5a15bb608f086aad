import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD, DINKES, HOSTILE_OPD, HOSTILE_TITLE, SECRET_TITLE, serveRekapWorld, startRekapWorld, type RekapWorld } from '../support/rekap-world.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Developers without Chromium get a skip that says so; CI installs it (.ci/run) and must run this.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const title = skip ? `pages in a real browser — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)` : 'pages in a real browser (headless Chromium)';

const HOSTILE_SYNC_ERROR = '<script>window.__pwned = "sync"</script>LAPOR answered 503 <i>maintenance</i>';
const HOSTILE_STATE_ERROR = '<img src=x onerror="window.__pwned = \'state\'">token invalid';

async function cellTexts(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim())));
}

async function nothingRan(page: Page): Promise<void> {
  // The browser context has a window; this project's TypeScript has no DOM library.
  expect(await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.locator('script').count()).toBe(0);
  expect(await page.locator('table img, table b, table i').count()).toBe(0);
}

describe.skipIf(skip)(title, () => {
  let world: RekapWorld;
  let http: Awaited<ReturnType<typeof serveRekapWorld>>;
  let browser: Browser;
  let page: Page;
  const shots = mkdtempSync(join(tmpdir(), 'lapor-bridge-pages-'));

  beforeAll(async () => {
    world = await startRekapWorld({ hostile: true });
    const { store } = world.pipe.runtime;
    await store.syncRun({ source: 'lapor', lane: 'live', slot: 'hostile', startedAt: '2026-03-31T02:05:00Z', finishedAt: '2026-03-31T02:05:03Z', pages: 0, records: 0, invalid: 0, outcome: 'failed', error: HOSTILE_SYNC_ERROR });
    await store.sources.failed('lapor', HOSTILE_STATE_ERROR);
    http = await serveRekapWorld(world);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await page.locator('input[name="username"]').fill(DASHBOARD.username);
    await page.locator('input[name="password"]').fill(DASHBOARD.password);
    await Promise.all([page.waitForURL(/\/rekap\?month=2026-03$/), page.locator('form[action="/login"] button').click()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await world?.close();
  });

  it('sends a browser without a session to the login page', async () => {
    const anonymous = await browser.newContext();
    try {
      expect((await anonymous.request.get(`${http.base}/api/rekap`)).status()).toBe(401);
      const visitor = await anonymous.newPage();
      await visitor.goto(`${http.base}/sync-logs`);
      expect(new URL(visitor.url()).pathname).toBe('/login');
      expect(await visitor.locator('table').count()).toBe(0);
      expect(await visitor.locator('form[action="/login"] input[name="password"]').count()).toBe(1);
    } finally {
      await anonymous.close();
    }
  });

  it('shows the rekap table, with markup from sources as plain text', async () => {
    const res = await page.goto(`${http.base}/rekap?month=2026-03`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Rekap aduan per OPD — Maret 2026');
    const body = await cellTexts(page, '#rekap tbody');
    expect(body).toEqual([
      [DINKES, '4', '1', '2', '1', '1,0', '0', '1'],
      ['Dinas Pekerjaan Umum dan Penataan Ruang', '2', '2', '0', '0', '3,5', '0', '0'],
      [HOSTILE_OPD, '1', '0', '1', '1', '–', '0', '0'],
      ['Belum ada OPD', '3', '0', '3', '3', '–', '1', '0'],
    ]);
    expect(await cellTexts(page, '#rekap tfoot')).toEqual([['Jumlah', '10', '3', '6', '5', '2,0', '1', '1']]);

    const late = await cellTexts(page, '#terlambat tbody');
    expect(late.map((r) => r[2])).toContain(HOSTILE_TITLE);
    expect(late.map((r) => r[2])).toContain('Aduan rahasia: isi tidak ditampilkan');
    expect(await page.locator('body').textContent()).not.toContain(SECRET_TITLE);
    await nothingRan(page);

    const file = join(shots, 'rekap.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(20_000);
    console.info(`rekap page screenshot: ${file}`);
  });

  it('moves between months with the picker', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await page.locator('form[action="/rekap"] input[name="month"]').first().fill('2026-02');
    await Promise.all([page.waitForURL(/month=2026-02/), page.locator('form[action="/rekap"] button').first().click()]);
    expect(await page.locator('h1').textContent()).toBe('Rekap aduan per OPD — Februari 2026');
    expect(await cellTexts(page, '#rekap tfoot')).toEqual([['Jumlah', '1', '0', '1', '1', '–', '0', '0']]);
  });

  it('shows sync runs and source state, with source errors as plain text', async () => {
    const res = await page.goto(`${http.base}/sync-logs`);
    expect(res?.status()).toBe(200);
    const runs = await cellTexts(page, '#penarikan tbody');
    expect(runs[0]).toEqual(['lapor', 'rutin', 'hostile', '2026-03-31 09:05:00 WIB', '2026-03-31 09:05:03 WIB', '0', '0', '0', 'gagal', HOSTILE_SYNC_ERROR]);
    expect(runs[1]!.slice(0, 3)).toEqual(['lapor', 'rutin', 'rekap']);
    expect(runs[1]!.at(-2)).toBe('selesai');
    const sources = await cellTexts(page, '#sumber tbody');
    expect(sources[0]![6]).toBe(HOSTILE_STATE_ERROR);
    await nothingRan(page);
  });
});
