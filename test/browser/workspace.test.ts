import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDeps } from '../../src/app/account-deps.js';
import { complaintId } from '../../src/domain/complaint.js';
import { apiRouter } from '../../src/http/api.js';
import { createMetrics } from '../../src/http/metrics.js';
import { boundPort, closeServer, createApp, listen } from '../../src/http/server.js';
import { ROOT, waitFor } from '../support/cli.js';
import { captureLogger } from '../support/logger.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { startPushWorld, type PushWorld } from '../support/push-world.js';

const skip = chromiumMissing;
const title = skip
  ? `OPD workspace in a real browser — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`
  : 'OPD workspace in a real browser (headless Chromium, sandboxes, Redis)';
/** Written by every run, kept out of git (.gitignore: test-results/). */
const SHOTS = join(ROOT, 'test-results', 'screenshots');

const STAFF = { username: 'staf.pu', password: 'staf-pu-password-1' };
const HEAD = { username: 'kadis.pu', password: 'kepala-pu-password' };
const OTHER_HEAD = { username: 'kadis.kes', password: 'kepala-kes-password' };
const DPUPR = 'Dinas Pekerjaan Umum dan Penataan Ruang';
const ANSWER = 'Jalan di Desa Jepon sudah ditambal tim UPT Jalan pada 2 Desember. Info lanjut hubungi 081234567890.';
/** Idle timeout of this test's sessions: short, so expiry is seen for real. */
const IDLE_SECONDS = 6;

type WaState = { wa: { handlings: Record<string, { kesimpulan: { text: string }[] }> } };

describe.skipIf(skip)(title, () => {
  let world: PushWorld;
  let pipe: TestPipeline;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  let trackingId: string;
  let laporComplaint: string;

  const laporNotes = () =>
    (world.lapor.report(trackingId)!.timeline as { note?: string }[]).map((e) => String(e.note ?? ''));
  const waNotes = () =>
    Object.values((world.regional.state() as WaState).wa.handlings).flatMap((h) => h.kesimpulan.map((k) => k.text));
  const count = (notes: string[]) => notes.filter((n) => n.includes('sudah ditambal tim UPT Jalan')).length;

  async function signedIn(
    user: { username: string; password: string },
    viewport = { width: 1200, height: 900 },
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${base}/kotak-masuk`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.locator('input[name="username"]').fill(user.username);
    await page.locator('input[name="password"]').fill(user.password);
    await Promise.all([page.waitForURL(/\/kotak-masuk$/), page.locator('form[action="/login"] button').click()]);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    const file = join(SHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startPushWorld();
    trackingId = world.lapor.addReport({ disposed: true });
    world.lapor.act(trackingId, { action: 'proses', unit: DPUPR });
    const res = await fetch(`${world.regional.url}/_sandbox/wa/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handling: { trackingId, status: 'Proses OPD Terkait' } }),
    });
    expect(res.status).toBeLessThan(300);
    pipe = await startTestPipeline({
      file: world.configFile,
      env: { ...world.env, LAPOR_BRIDGE__ACCOUNTS__IDLEMINUTES: String(IDLE_SECONDS / 60) },
    });
    const { runtime } = pipe;
    for (const source of ['lapor', 'wadesk']) await runtime.enqueuePoll(source, 'live', 'first');
    await pipe.drain();
    laporComplaint = complaintId('lapor', trackingId);
    expect((await runtime.store.ledger.get(laporComplaint))?.opd?.code).toBe('dpupr');

    await runtime.accounts.add({ ...STAFF, role: 'opd_staff', opd: 'dpupr', displayName: 'Sari (staf PUPR)' }, 'test');
    await runtime.accounts.add(
      { ...HEAD, role: 'opd_head', opd: DPUPR, displayName: 'Ir. Bambang (Kepala DPUPR)' },
      'test',
    );
    await runtime.accounts.add(
      { ...OTHER_HEAD, role: 'opd_head', opd: 'Dinas Kesehatan', displayName: 'dr. Wulan (Kepala Dinkes)' },
      'test',
    );
    const account = accountDeps(runtime);
    const app = createApp({
      logger: captureLogger().logger,
      queues: runtime.queues,
      metrics: createMetrics(runtime.queues),
      readiness: [],
      isStopping: () => false,
      about: {},
      dashboard: { enabled: true, readOnly: true },
      ...account,
      api: apiRouter(runtime.push, account.workspace.workspace),
    });
    server = await listen(app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${boundPort(server)}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server);
    await pipe?.stop();
    await world?.close();
  });

  it('a staff member finds the complaint by its LAPOR number and writes a draft, on a phone', async () => {
    const page = await signedIn(STAFF, { width: 390, height: 844 });
    expect(await page.locator('#kotak-masuk tbody tr').count()).toBe(1);
    expect(await page.locator('#kotak-masuk tbody tr td').nth(3).textContent()).toBe('Perlu jawaban');
    await shot(page, 'kotak-masuk-390');
    // Nothing wider than the phone: tables scroll inside their own box.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(390);
    // A row is a card: its state and its clock are on the screen, not behind a sideways scroll.
    for (const cell of ['td[data-label="Keadaan"]', 'td.clock']) {
      const box = (await page.locator(`#kotak-masuk tbody tr ${cell}`).boundingBox())!;
      expect(box.x + box.width, cell).toBeLessThanOrEqual(390);
    }

    await page.goto(`${base}/aduan?q=${trackingId}`);
    expect(new URL(page.url()).pathname).toBe(`/aduan/${laporComplaint}`);
    expect(await page.locator('#nomor-lapor').textContent()).toBe(trackingId);
    // Its creation by a poll is one entry for the whole page in the general trail: the page says so, not an empty table.
    expect(await page.locator('#diterima').textContent()).toMatch(
      /^Diterima dari lapor pada \d{4}-\d\d-\d\d \d\d:\d\d WIB\./,
    );
    const systems = await page.$$eval('#catatan tbody tr', (rows) =>
      rows.map((r) => (r.querySelector('td')?.textContent ?? '').trim()),
    );
    expect(systems).toEqual(['lapor', 'wadesk']);

    await page.locator('textarea[name="text"]').fill('Sedang kami cek ke lapangan.');
    await Promise.all([
      page.waitForURL(/\?ok=written$/),
      page.locator(`form[action="/aduan/${laporComplaint}/jawaban"] button`).click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('Draf tersimpan');
    // Staff edit the draft before the head decides.
    await page.locator('[data-answer] details summary').click();
    await page.locator('[data-answer] details textarea').fill(ANSWER);
    await Promise.all([page.waitForURL(/\?ok=edited$/), page.locator('[data-answer] details button').click()]);
    expect(await page.locator('[data-answer] .quote').textContent()).toBe(ANSWER);
    expect(await page.locator('[data-answer]').textContent()).toContain(`Diubah: ${STAFF.username}`);
    expect(await page.locator('[data-answer] .badge').first().textContent()).toBe('draf');
    expect(await page.locator('[data-answer] .badge').first().getAttribute('data-state')).toBe('draft');
    await shot(page, 'aduan-draf-390');
    expect(count(laporNotes()) + count(waNotes())).toBe(0);
  });

  it('a head of another OPD neither sees the complaint nor can approve its draft', async () => {
    const page = await signedIn(OTHER_HEAD);
    expect(await page.locator('#kotak-masuk').count()).toBe(0);
    await page.goto(`${base}/persetujuan`);
    expect(await page.locator('[data-draft]').count()).toBe(0);
    const denied = await page.goto(`${base}/aduan/${laporComplaint}`);
    expect(denied?.status()).toBe(403);
    await page.goto(`${base}/kotak-masuk`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    // The case is named after whichever of its two records was ingested first.
    const { caseId } = (await pipe.runtime.store.ledger.get(laporComplaint))!;
    const draft = (await pipe.runtime.push.responses.ofCase(caseId)).find((a) => a.state === 'draft')!;
    const attempt = await page.request.post(`${base}/persetujuan/${draft.id}/setujui`, {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(attempt.status()).toBe(403);
    expect((await pipe.runtime.push.responses.get(draft.id))!.state).toBe('draft');
  });

  it('the right head sees where it goes and how it reads there, approves, and the answer reaches each simulator exactly once', async () => {
    const page = await signedIn(HEAD);
    // English by choice: the header's link switches, and back.
    await Promise.all([page.waitForURL(/\/kotak-masuk$/), page.locator('header a[hreflang="en"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Inbox — dpupr');
    await Promise.all([page.waitForURL(/\/kotak-masuk$/), page.locator('header a[hreflang="id"]').click()]);
    await page.goto(`${base}/persetujuan`);
    const drafts = page.locator('[data-draft]');
    expect(await drafts.count()).toBe(1);
    // How long it has waited for this head, per draft.
    expect(await drafts.first().locator('p.muted').first().textContent()).toMatch(/menunggu \d+ menit/);
    const previews = await page.$$eval('[data-draft] .pratinjau tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())),
    );
    expect(previews.map((p) => p[0])).toEqual(['lapor', 'wadesk']);
    for (const p of previews) {
      expect(p[2]).toContain('sudah ditambal tim UPT Jalan');
      // Masked per the privacy rule: the phone number never leaves the bridge.
      expect(p[2]).not.toContain('081234567890');
    }
    await shot(page, 'persetujuan');

    // A form without the session's token is refused.
    const draftId = (await drafts.first().getAttribute('data-draft'))!;
    expect(
      (
        await page.request.post(`${base}/persetujuan/${draftId}/setujui`, {
          form: { _csrf: 'forged' },
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(403);

    await Promise.all([
      page.waitForURL(/\?ok=approved$/),
      page.locator(`form[action="/persetujuan/${draftId}/setujui"] button`).click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('disetujui');
    await waitFor(
      () => count(laporNotes()) === 1 && count(waNotes()) === 1,
      30_000,
      'the answer on LAPOR and the WhatsApp desk',
    );

    // Pull both channels again: the answer comes back from each and must not be sent anywhere twice.
    for (const source of ['lapor', 'wadesk']) await pipe.runtime.enqueuePoll(source, 'live', 'again');
    await pipe.drain();
    await waitFor(
      async () => (await pipe.runtime.queues.push.getJobCounts('waiting', 'active', 'delayed')).waiting === 0,
      15_000,
      'push queue to settle',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(count(laporNotes())).toBe(1);
    expect(count(waNotes())).toBe(1);
    for (const note of [...laporNotes(), ...waNotes()]) expect(note).not.toContain('081234567890');

    await page.goto(`${base}/aduan/${laporComplaint}`);
    const panel = page.locator('[data-answer]').first();
    expect(await panel.locator('.badge').first().textContent()).toBe('disetujui');
    expect(await panel.textContent()).toContain(`Disetujui: ${HEAD.username}`);
    await waitFor(
      async () => (await page.reload(), (await page.locator('[data-answer] .badge.done').count()) >= 3),
      15_000,
      'send states shown as sent',
    );
    // Each write in the reader's words: the answer to each channel, the field kept on the item.
    const delivered = await panel.locator('li[data-field]').allInnerTexts();
    expect(delivered.some((d) => /^jawaban ke lapor \S+: terkirim/.test(d))).toBe(true);
    expect(await page.locator('.card b[data-status]').textContent()).not.toMatch(/_/);
    const audit = await page.$$eval('#audit tbody tr', (rows) =>
      rows.map((r) =>
        [...r.querySelectorAll('td')].map((c) => (c.dataset.what ?? c.dataset.who ?? c.textContent ?? '').trim()),
      ),
    );
    expect(audit.map((r) => `${r[1]} ${r[2]}`)).toEqual(
      expect.arrayContaining([
        `officer:${STAFF.username} answer_drafted`,
        `officer:${HEAD.username} answer_approved`,
        'push answer_sent',
      ]),
    );
    // People read what was done in their language; the code stays on the cell.
    const sent = page.locator('#audit tr', { has: page.locator('td[data-what="answer_sent"]') }).first();
    expect(await sent.locator('td').nth(1).textContent()).toBe('pengiriman');
    expect(await sent.locator('td').nth(2).textContent()).toBe('jawaban dikirim');
    expect(await sent.locator('td').nth(3).textContent()).toMatch(/^jawaban yang disetujui dikirim ke \S+ \S+$/);
    await shot(page, 'aduan-terkirim');
  });

  it('ends a session that sat idle past its timeout', async () => {
    const page = await signedIn(STAFF);
    await page.goto(`${base}/aduan/${laporComplaint}`);
    expect(new URL(page.url()).pathname).toBe(`/aduan/${laporComplaint}`);
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 1.5) * 1000));
    await page.goto(`${base}/aduan/${laporComplaint}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'login-setelah-sesi-berakhir');
  });

  it('shows the OPD an operator assigned, not the one the source named', async () => {
    // LAPOR named DPUPR; an operator gives it to the Dinas Kesehatan.
    await pipe.runtime.routing.assign(laporComplaint, 'dinkes', 'admin');
    // A small laptop's screen.
    const page = await signedIn(OTHER_HEAD, { width: 1024, height: 768 });
    await page.goto(`${base}/aduan/${laporComplaint}`);
    expect(await page.locator('#opd').textContent()).toBe('Dinas Kesehatan');
    await page.goto(`${base}/kotak-masuk`);
    expect(await page.locator(`tr:has(a[href="/aduan/${laporComplaint}"]) td.wrap .muted`).first().textContent()).toBe(
      'Dinas Kesehatan',
    );
    // Answered: its clock says when LAPOR closes it by itself, a long sentence that wraps
    // rather than pushing the column past the page's edge.
    const clock = page.locator(`tr:has(a[href="/aduan/${laporComplaint}"]) td.clock`);
    expect(await clock.textContent()).toContain('selesai otomatis');
    const fits = await page
      .locator('.scroll')
      .first()
      .evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
  });
});
