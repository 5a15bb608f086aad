import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import {
  DASHBOARD,
  DINKES,
  DPUPR,
  HOSTILE_TITLE,
  SECRET_TITLE,
  serveRekapWorld,
  startRekapWorld,
  type RekapWorld,
} from '../support/rekap-world.js';

const skip = chromiumMissing;
const title = skip
  ? `pages in a real browser — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`
  : 'pages in a real browser (headless Chromium)';

const HOSTILE_SYNC_ERROR = '<script>window.__pwned = "sync"</script>LAPOR answered 503 <i>maintenance</i>';
const HOSTILE_STATE_ERROR = '<img src=x onerror="window.__pwned = \'state\'">token invalid';

async function cellTexts(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tr`, (rows) =>
    rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim())),
  );
}

/** Screenshots go to a git-ignored folder of the checkout, to look at after a run. */
const SHOTS = join(ROOT, 'test-results', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, name);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(10_000);
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

  beforeAll(async () => {
    world = await startRekapWorld({ hostile: true });
    const { store } = world.pipe.runtime;
    await store.syncRun({
      source: 'lapor',
      lane: 'live',
      slot: 'hostile',
      startedAt: '2026-03-31T02:05:00Z',
      finishedAt: '2026-03-31T02:05:03Z',
      pages: 0,
      records: 0,
      invalid: 0,
      pushed: 3,
      failed: 1,
      outcome: 'failed',
      error: HOSTILE_SYNC_ERROR,
    });
    await store.sources.failed('lapor', HOSTILE_STATE_ERROR);
    http = await serveRekapWorld(world);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await page.locator('input[name="username"]').fill(DASHBOARD.username);
    await page.locator('input[name="password"]').fill(DASHBOARD.password);
    await Promise.all([
      page.waitForURL(/\/rekap\?month=2026-03$/),
      page.locator('form[action="/login"] button').click(),
    ]);
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
    // OPD, received, share, on time, late, no date, not answered, overdue, bukan wewenang, archived, median, p90 (then topics).
    const body = (await cellTexts(page, '#rekap tbody')).map((r) => r.slice(0, 12));
    expect(body).toEqual([
      [DINKES, '4', '40%', '1', '0', '0', '2', '1', '0', '1', '1,0', '1,0'],
      [DPUPR, '2', '20%', '2', '0', '0', '0', '0', '0', '0', '3,5', '4,7'],
      // K's OPD name is not in the directory: it waits in triage and counts in the no-OPD row.
      ['Belum ada OPD', '4', '40%', '0', '0', '0', '4', '4', '1', '0', '–', '–'],
    ]);
    expect((await cellTexts(page, '#rekap tfoot')).map((r) => r.slice(0, 12))).toEqual([
      ['Jumlah', '10', '100%', '3', '0', '0', '6', '5', '1', '1', '2,0', '4,4'],
    ]);

    const late = await cellTexts(page, '#terlambat tbody');
    expect(late.map((r) => r[2])).toContain(HOSTILE_TITLE);
    expect(late.map((r) => r[2])).toContain('Aduan rahasia: isi tidak ditampilkan');
    expect(await page.locator('body').textContent()).not.toContain(SECRET_TITLE);
    // The weekly chart is drawn on the server: bars for received and answered, no script.
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('figure.chart').first().locator('rect').count()).toBeGreaterThanOrEqual(4);
    expect(await cellTexts(page, '#kanal tbody')).toEqual([
      [expect.stringContaining('lapor'), '10', '100%', '3', '0', '6', '5', '2,0'],
    ]);
    await nothingRan(page);
    await shot(page, 'rekap-desktop.png');
  });

  it('keeps the signed-in menu on the rekap and due pages: the way back to the inbox, the account, sign-out', async () => {
    for (const path of ['/rekap?month=2026-03', '/rekap/jatuh-tempo']) {
      await page.goto(`${http.base}${path}`);
      const header = page.locator('header');
      expect(await header.locator('nav a[href="/kotak-masuk"]').count(), path).toBe(1);
      expect(await header.locator('nav a[aria-current="page"]').getAttribute('href'), path).toBe('/rekap');
      expect(await header.locator('form[action="/logout"] button').count(), path).toBe(1);
    }
  });

  it('draws the most frequent topics as bars, the same as the JSON counts them', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    const json = (await (await page.request.get(`${http.base}/api/rekap?month=2026-03`)).json()) as {
      total: { topCategories: { topic: string; count: number }[]; topWords: { topic: string; count: number }[] };
    };
    const expected = [...json.total.topCategories, ...json.total.topWords].map((t) => `${t.topic}: ${t.count}`);
    expect(expected.length).toBeGreaterThan(0);
    const drawn = await page.$$eval(
      'svg[aria-label="Kategori"] g > title, svg[aria-label="Kata terbanyak (aduan tanpa kategori)"] g > title',
      (titles) => titles.map((t) => t.textContent ?? ''),
    );
    // Categories, then the words of complaints without one; each longest first.
    expect(drawn).toEqual(expected);
    // A rahasia complaint's title never feeds the word counts.
    expect(drawn.join(' ')).not.toMatch(/pungli/i);
  });

  it('sorts by any column on the server, and the header says which', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await Promise.all([
      page.waitForURL(/sort=total&dir=desc/),
      page.locator('#rekap thead a', { hasText: 'Diterima' }).click(),
    ]);
    expect((await cellTexts(page, '#rekap tbody')).map((r) => r[0])).toEqual([DINKES, DPUPR, 'Belum ada OPD']);
    expect(await page.locator('#rekap thead th[aria-sort="descending"]').textContent()).toContain('Diterima');
    await Promise.all([
      page.waitForURL(/sort=total&dir=asc/),
      page.locator('#rekap thead a', { hasText: 'Diterima' }).click(),
    ]);
    expect((await cellTexts(page, '#rekap tbody')).map((r) => r[0])).toEqual([DPUPR, DINKES, 'Belum ada OPD']);
    await page.goto(`${http.base}/rekap?month=2026-03&sort=median&dir=desc`);
    expect((await cellTexts(page, '#rekap tbody')).map((r) => r[0])).toEqual([DPUPR, DINKES, 'Belum ada OPD']);
  });

  it('opens one OPD with its own overdue list from its row', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await Promise.all([page.waitForURL(/\/rekap\/opd\//), page.locator('#rekap tbody a', { hasText: DINKES }).click()]);
    expect(await page.locator('h1').textContent()).toBe(`Rekap ${DINKES} — Maret 2026`);
    expect((await cellTexts(page, '#rekap tbody')).map((r) => r.slice(0, 8))).toEqual([
      [DINKES, '4', '100%', '1', '0', '0', '2', '1'],
    ]);
    const overdue = await cellTexts(page, '#terlambat tbody');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]![1]).toBe(DINKES);
    await nothingRan(page);
  });

  it('reads on a 390 px phone: no page-wide sideways scrolling, overdue complaints as cards', async () => {
    // The same signed-in session, on a phone's screen.
    const phone = await browser.newContext({
      storageState: await page.context().storageState(),
      viewport: { width: 390, height: 844 },
    });
    try {
      const small = await phone.newPage();
      const opened = await small.goto(`${http.base}/rekap?month=2026-03`);
      expect(opened?.status()).toBe(200);
      expect(await small.locator('h1').textContent()).toBe('Rekap aduan per OPD — Maret 2026');
      expect(
        await small.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        ),
      ).toBeLessThanOrEqual(390);
      expect(await small.locator('#terlambat thead').isVisible()).toBe(false);
      const card = small.locator('#terlambat tbody tr').first();
      const box = await card.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(390);
      await shot(small, 'rekap-390px.png');
    } finally {
      await phone.close();
    }
  }, 90_000);

  it('prints on A4 landscape in one or two pages, with the heading for the meeting', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    // A4 landscape: 842 × 595 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 841\.\d+ 59[45]\.\d+\s*\]/);
    writeFileSync(join(SHOTS, 'rekap-print.pdf'), pdf);
  });

  it('downloads XLSX and CSV from the page', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    const href = await page.locator('.downloads a', { hasText: 'XLSX' }).getAttribute('href');
    const res = await page.request.get(`${http.base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
  });

  it('moves between months with the picker', async () => {
    await page.goto(`${http.base}/rekap?month=2026-03`);
    await page.locator('form[action="/rekap"] input[name="month"]').first().fill('2026-02');
    await Promise.all([page.waitForURL(/month=2026-02/), page.locator('form[action="/rekap"] button').first().click()]);
    expect(await page.locator('h1').textContent()).toBe('Rekap aduan per OPD — Februari 2026');
    expect((await cellTexts(page, '#rekap tfoot')).map((r) => r.slice(0, 12))).toEqual([
      ['Jumlah', '1', '100%', '0', '0', '0', '1', '1', '0', '0', '–', '–'],
    ]);
  });

  it('shows sync runs and source state, with source errors as plain text', async () => {
    const res = await page.goto(`${http.base}/sync-logs`);
    expect(res?.status()).toBe(200);
    const runs = await cellTexts(page, '#penarikan tbody');
    expect(runs[0]).toEqual([
      'lapor',
      'rutin',
      'hostile',
      '2026-03-31 09:05:00 WIB',
      '2026-03-31 09:05:03 WIB',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      // Written to LAPOR since the run before: 3 accepted, 1 failed.
      '3',
      '1',
      'gagal',
      HOSTILE_SYNC_ERROR,
    ]);
    // The world's poll: every report the LAPOR sandbox holds was fetched, and each became a new complaint.
    const reports = String(Object.keys(world.ids).length);
    expect(runs[1]!.slice(0, 3)).toEqual(['lapor', 'rutin', 'rekap']);
    expect(runs[1]!.slice(6, 13)).toEqual([reports, reports, '0', '0', '0', '0', '0']);
    expect(runs[1]!.at(-2)).toBe('selesai');
    const sources = await cellTexts(page, '#sumber tbody');
    expect(sources[0]![6]).toBe(HOSTILE_STATE_ERROR);
    // Where LAPOR's next pull starts: the change time its cursor says, in WIB (the cursor itself in the title).
    expect(sources[0]![7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} WIB$/);
    await nothingRan(page);
    await shot(page, 'sync-logs-desktop.png');
  });

  it('explains a failing source in Indonesian, warns of stale data, and lets only an admin sync now', async () => {
    const { store } = world.pipe.runtime;
    // The last success long before "now" (09:00 WIB), and a refusal of the credentials since.
    await world.pipe.runtime.redis.hset(store.keys.sourceState('lapor'), 'lastSuccessAt', '2026-03-31T00:30:00Z');
    await store.sources.failed('lapor', 'LAPOR answered 401', 'AUTH');
    await page.goto(`${http.base}/sync-logs`);
    const help = (await page.locator('#bantuan-lapor').textContent()) ?? '';
    expect(help).toContain('Sumber menolak kredensial bridge');
    expect(help).toContain('lapor-bridge check lapor');
    expect(help).toContain('AUTH: LAPOR answered 401');
    const banner = page.locator('.stale[data-source="lapor"]');
    expect(await banner.textContent()).toContain('tidak ada sinkronisasi berhasil sejak 2026-03-31 07:30 WIB');
    await page.goto(`${http.base}/rekap?month=2026-03`);
    expect(await page.locator('.stale[data-source="lapor"]').count()).toBe(1);

    // Without the form's CSRF token the session's POST is refused and nothing is queued.
    const before = await world.pipe.runtime.queues.poll.getJobCountByTypes('waiting', 'active', 'completed', 'delayed');
    const forged = await page.request.post(`${http.base}/sync-logs/sinkronkan`, { form: { source: 'lapor' } });
    expect(forged.status()).toBe(403);
    expect(await world.pipe.runtime.queues.poll.getJobCountByTypes('waiting', 'active', 'completed', 'delayed')).toBe(
      before,
    );

    await page.goto(`${http.base}/sync-logs`);
    await Promise.all([page.waitForURL(/ok=queued&for=lapor/), page.locator('button[data-source="lapor"]').click()]);
    expect(await page.locator('p.notice[role="status"]').textContent()).toContain('Penarikan lapor diantrekan');
    // The same poll worker runs it against the sandbox: a run of its own appears, done.
    await world.pipe.drain(60_000);
    await page.goto(`${http.base}/sync-logs`);
    const manual = (await cellTexts(page, '#penarikan tbody')).find((r) => r[2]?.startsWith('manual-'));
    expect(manual?.at(-2)).toBe('selesai');
    await shot(page, 'sync-logs-failing.png');

    // A viewer sees no button, and a POST in a viewer's session is refused.
    await world.pipe.runtime.accounts.add(
      { username: 'inspektorat', role: 'viewer', password: 'inspektorat-password' },
      'test',
    );
    const viewer = await browser.newContext();
    try {
      const p = await viewer.newPage();
      await p.goto(`${http.base}/login?next=/sync-logs`);
      await p.locator('input[name="username"]').fill('inspektorat');
      await p.locator('input[name="password"]').fill('inspektorat-password');
      await Promise.all([p.waitForURL(/\/sync-logs$/), p.locator('form[action="/login"] button').click()]);
      expect(await p.locator('button[data-source]').count()).toBe(0);
      const csrf = await p.locator('header input[name="_csrf"]').getAttribute('value');
      const refused = await p.request.post(`${http.base}/sync-logs/sinkronkan`, {
        form: { source: 'lapor', _csrf: csrf ?? '' },
      });
      expect(refused.status()).toBe(403);
    } finally {
      await viewer.close();
    }
  });

  it("shows the queue board's job times in the instance's zone by its name, on a 24-hour clock", async () => {
    await page.goto(`${http.base}/admin/queues/queue/ingest?status=completed`);
    const times = page.locator('time');
    await times.first().waitFor({ timeout: 15_000 });
    const shown = await times.allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    // The board formats in its own English locale: "GMT+7" would be the zone's offset, not its name.
    for (const t of shown) expect(t).toMatch(/^(\w+ \d+, )?\d{2}:\d{2}(:\d{2})? Western Indonesia Time$/);
  });
});
