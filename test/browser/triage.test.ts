import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDeps } from '../../src/app/account-deps.js';
import { complaintId } from '../../src/domain/complaint.js';
import { apiRouter } from '../../src/http/api.js';
import { createMetrics } from '../../src/http/metrics.js';
import { boundPort, closeServer, createApp, listen } from '../../src/http/server.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/chromium.js';
import { ROOT } from '../support/cli.js';
import { captureLogger } from '../support/logger.js';
import { MemoryConnector, type MemoryRecord } from '../support/memory-connector.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';

const skip = chromiumMissing;
const title = skip
  ? `Triage page in a real browser — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`
  : 'Triage page in a real browser: one-click assignment, "bukan wewenang" returns (headless Chromium, Redis)';
const SHOTS = join(ROOT, 'test-results', 'screenshots');

const ADMIN = { username: 'ops.kominfo', password: 'operator-password-1' };
const VIEWER = { username: 'inspektorat', password: 'viewer-password-12' };

/** Complaints whose source named their OPD: the model's history. */
const TOPICS: { opd: string; code: string; texts: string[] }[] = [
  {
    opd: 'Dinas Kesehatan',
    code: 'dinkes',
    texts: ['puskesmas antri lama dokter tidak ada', 'obat di puskesmas habis', 'bidan desa jarang datang posyandu'],
  },
  {
    opd: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    code: 'dpupr',
    texts: [
      'jalan kabupaten rusak berlubang',
      'jembatan retak mohon diperbaiki',
      'aspal jalan mengelupas banyak lubang',
    ],
  },
  {
    opd: 'Dinas Pendidikan',
    code: 'disdik',
    texts: ['guru sekolah dasar sering bolos', 'pungutan seragam sekolah mahal', 'gedung sekolah atap bocor kelas'],
  },
];

describe.skipIf(skip)(title, () => {
  let pipe: TestPipeline;
  let source: MemoryConnector;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  const unrouted = complaintId('warga', 'baru-1');
  const returned = complaintId('warga', 'balik-1');

  async function signedIn(user: { username: string; password: string }): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await page.goto(`${base}/login`);
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

  const ingest = async (records: MemoryRecord[]) => {
    source.records.push(...records);
    await pipe.runtime.enqueuePoll('warga', 'live', `t${source.records.length}`);
    await pipe.drain();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    source = new MemoryConnector('warga', 50);
    pipe = await startTestPipeline({
      connectors: new Map([['warga', source]]),
      // The model only suggests here: every complaint without an OPD waits for an operator.
      env: { LAPOR_BRIDGE__ROUTING__THRESHOLD: '1', LAPOR_BRIDGE__ROUTING__MINEXAMPLES: '20' },
    });
    const history: MemoryRecord[] = [];
    let n = 0;
    for (let round = 0; round < 4; round++)
      for (const topic of TOPICS)
        for (const text of topic.texts)
          history.push({
            id: `h-${++n}`,
            updatedAt: new Date(Date.parse('2026-01-05T01:00:00Z') + n * 60_000).toISOString(),
            body: `${text} di desa ${round} mohon ditindaklanjuti`,
            opd: topic.opd,
          });
    await ingest(history);
    const trained = await pipe.runtime.routing.train();
    expect(trained).toMatchObject({ trained: true, examples: history.length });

    // A new complaint without an OPD, and one the model once placed that comes back "bukan wewenang".
    await ingest([
      { id: 'baru-1', updatedAt: '2026-02-02T02:00:00.000Z', body: 'jalan desa rusak parah banyak lubang besar' },
      { id: 'balik-1', updatedAt: '2026-02-02T03:00:00.000Z', body: 'obat di puskesmas kosong sejak minggu lalu' },
    ]);
    await pipe.runtime.store.ledger.transact(returned, (c) =>
      c
        ? {
            complaint: {
              ...c,
              version: c.version + 1,
              opd: { code: 'dpupr', assignedBy: 'model', reason: 'model (test)', at: '2026-02-02T03:01:00.000Z' },
            },
            audit: { who: 'routing:model', what: 'routed', why: 'model (test)' },
          }
        : null,
    );
    await pipe.runtime.store.triage.delete(`${returned}:route`);
    await ingest([
      {
        id: 'balik-1',
        updatedAt: '2026-02-03T03:00:00.000Z',
        body: 'obat di puskesmas kosong sejak minggu lalu',
        status: 'bukan_wewenang',
        canonical: 'not_authority',
      },
    ]);

    await pipe.runtime.accounts.add({ ...ADMIN, role: 'admin', displayName: 'Operator Kominfo' }, 'test');
    await pipe.runtime.accounts.add({ ...VIEWER, role: 'viewer' }, 'test');
    const account = accountDeps(pipe.runtime);
    const app = createApp({
      logger: captureLogger().logger,
      queues: pipe.runtime.queues,
      metrics: createMetrics(pipe.runtime.queues),
      readiness: [],
      isStopping: () => false,
      about: {},
      dashboard: { enabled: true, readOnly: true },
      ...account,
      api: apiRouter(pipe.runtime.push, account.workspace.workspace),
    });
    server = await listen(app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${boundPort(server)}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server);
    await pipe?.stop();
  });

  it('a viewer reads triage but gets no assignment form, and a forged assignment is refused', async () => {
    const page = await signedIn(VIEWER);
    await page.goto(`${base}/triase`);
    const row = page.locator(`#triase tr[data-complaint="${unrouted}"]`);
    expect(await row.count()).toBe(1);
    // What waits and which complaint, in the reader's language and as people find it: its words and its channel's number.
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[2]).toBe('belum ada OPD');
    expect(cells[4]).toBe('jalan desa rusak parah banyak lubang besar\nwarga baru-1');
    expect(await page.locator('#triase form').count()).toBe(0);
    const csrf = await page
      .locator('input[name="_csrf"]')
      .first()
      .inputValue()
      .catch(() => '');
    const attempt = await page.request.post(`${base}/triase/${unrouted}/tetapkan`, {
      form: { _csrf: csrf, opd: 'dpupr' },
      maxRedirects: 0,
    });
    expect(attempt.status()).toBe(403);
    expect((await pipe.runtime.store.ledger.get(unrouted))!.opd?.code).toBeUndefined();
  });

  it("assigns a complaint in one click on a suggestion, in the operator's name, as training data", async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${base}/triase`);
    const row = page.locator(`#triase tr[data-complaint="${unrouted}"]`);
    const suggested = await row
      .locator('form.saran')
      .evaluateAll((forms) => forms.map((f) => f.getAttribute('data-opd')));
    expect(suggested).toHaveLength(3);
    expect(suggested[0]).toBe('dpupr');
    expect(await row.locator('form.saran button').first().textContent()).toContain(
      'Dinas Pekerjaan Umum dan Penataan Ruang',
    );
    await shot(page, 'triase');

    await Promise.all([page.waitForURL(/\/triase\?ok=assigned/), row.locator('form.saran button').first().click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain(
      'Aduan ditetapkan ke Dinas Pekerjaan Umum dan Penataan Ruang',
    );
    expect(await page.locator(`#triase tr[data-complaint="${unrouted}"]`).count()).toBe(0);

    const complaint = (await pipe.runtime.store.ledger.get(unrouted))!;
    expect(complaint.opd).toMatchObject({ code: 'dpupr', assignedBy: 'operator' });
    expect(await pipe.runtime.store.routing.examples.get(unrouted)).toMatchObject({
      opd: 'dpupr',
      origin: 'triage',
      by: ADMIN.username,
    });
    const trail = await pipe.runtime.store.readAudit(50, unrouted);
    expect(trail.map((e) => `${e.fields.who} ${e.fields.what}`)).toContain(`operator:${ADMIN.username} routed`);

    // The inbox of every OPD narrows to one chosen by its name: the complaint is in its OPD's list and no other.
    for (const [name, holds] of [
      ['Dinas Pekerjaan Umum dan Penataan Ruang', true],
      ['Dinas Kesehatan', false],
    ] as const) {
      await page.goto(`${base}/kotak-masuk`);
      await page.locator('select[name="opd"]').selectOption({ label: name });
      await Promise.all([
        page.waitForURL(/\/kotak-masuk\?/),
        page.locator('form[action="/kotak-masuk"] button').click(),
      ]);
      expect(await page.locator(`#kotak-masuk a[href="/aduan/${unrouted}"]`).count(), name).toBe(holds ? 1 : 0);
      expect(await page.locator('select[name="opd"] option:checked').textContent()).toBe(name);
    }
  });

  it('a "bukan wewenang" return waits without the OPD that returned it; the OPD chosen for it teaches the model', async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${base}/triase`);
    const row = page.locator(`#triase tr[data-complaint="${returned}"]`);
    expect(await row.textContent()).toContain('bukan wewenang');
    const suggested = await row
      .locator('form.saran')
      .evaluateAll((forms) => forms.map((f) => f.getAttribute('data-opd')));
    expect(suggested).not.toContain('dpupr');
    expect(suggested[0]).toBe('dinkes');
    const examplesBefore = await pipe.runtime.routing.train();

    // The other-OPD form: any unit of the directory.
    await row.locator('form.lain select').selectOption('dinkes');
    await Promise.all([page.waitForURL(/\/triase\?ok=assigned/), row.locator('form.lain button').click()]);
    expect((await pipe.runtime.store.ledger.get(returned))!.opd).toMatchObject({
      code: 'dinkes',
      assignedBy: 'operator',
    });
    expect(await pipe.runtime.store.routing.examples.get(returned)).toMatchObject({
      opd: 'dinkes',
      origin: 'bukan_wewenang',
      by: ADMIN.username,
    });
    // Still "bukan wewenang" at its source, yet it is in the next model's training set.
    expect((await pipe.runtime.store.ledger.get(returned))!.status).toBe('not_authority');
    const after = await pipe.runtime.routing.train();
    expect(after.trained && examplesBefore.trained && after.examples - examplesBefore.examples).toBe(1);
  });

  it('marks a question that needs no OPD reviewed, alone or with every one like it, in the operator’s name', async () => {
    const odd = ['aneh-1', 'aneh-2', 'aneh-3'];
    const version = (id: string, at: string): MemoryRecord => ({
      id,
      updatedAt: at,
      body: `lampu jalan mati di dusun ${id}`,
      status: 'weird',
    });
    await ingest(odd.map((id) => version(id, '2026-02-04T01:00:00.000Z')));
    const [first, second, third] = odd.map((id) => complaintId('warga', id)) as [string, string, string];
    const question = (page: Page, id: string) =>
      page.locator(`#triase tr[data-complaint="${id}"][data-kind="unmapped_status"]`);

    const page = await signedIn(ADMIN);
    await page.goto(`${base}/triase`);
    const row = question(page, first);
    expect(await row.locator('form.tinjau button').allInnerTexts()).toEqual([
      'Sudah ditinjau',
      'Ini dan 2 lainnya yang sama',
    ]);
    // Entries an OPD settles have no such button.
    expect(await page.locator('#triase tr[data-kind="unrouted"] form.tinjau').count()).toBe(0);
    await Promise.all([
      page.waitForURL(/\/triase\?ok=reviewed/),
      row.locator('form.tinjau button[value="entry"]').click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('1 entri ditandai sudah ditinjau.');
    expect(await question(page, first).count()).toBe(0);
    expect(await question(page, second).count()).toBe(1);
    const trail = await pipe.runtime.store.readAudit(50, first);
    expect(trail.map((e) => `${e.fields.who} ${e.fields.what}`)).toContain(
      `operator:${ADMIN.username} triage_reviewed`,
    );
    await page.goto(`${base}/aduan/${first}`);
    expect(await page.locator('body').innerText()).toContain(
      `status belum dipetakan "weird" (warga) ditinjau oleh ${ADMIN.username}`,
    );

    // A page read before a new version of the complaint filed the question again says so, and keeps it.
    await page.goto(`${base}/triase`);
    await ingest([version('aneh-2', '2026-02-05T01:00:00.000Z')]);
    await Promise.all([
      page.waitForURL(/\/triase\?ok=filed-again/),
      question(page, second).locator('form.tinjau button[value="entry"]').click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('diisi ulang oleh versi baru');
    expect(await question(page, second).count()).toBe(1);

    await Promise.all([
      page.waitForURL(/\/triase\?ok=reviewed/),
      question(page, third).locator('form.tinjau button[value="same"]').click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('2 entri ditandai sudah ditinjau.');
    expect(await page.locator('#triase tr[data-kind="unmapped_status"]').count()).toBe(0);
    const left = (await pipe.runtime.store.triage.list(500)).map(([, e]) => e);
    expect(left.filter((e) => e.kind === 'unmapped_status')).toEqual([]);
    // The complaints keep their OPD questions: reviewing one kind touches no other.
    expect(left.filter((e) => odd.some((id) => e.complaintId === complaintId('warga', id))).map((e) => e.kind)).toEqual(
      ['unrouted', 'unrouted', 'unrouted'],
    );
  });

  it('refuses a code that is not in the directory and changes nothing', async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${base}/triase`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const other = complaintId('warga', 'h-1');
    const before = (await pipe.runtime.store.ledger.get(other))!.opd;
    const res = await page.request.post(`${base}/triase/${other}/tetapkan`, {
      form: { _csrf: csrf, opd: 'dinas-khayalan' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain('dinas-khayalan');
    expect((await pipe.runtime.store.ledger.get(other))!.opd).toEqual(before);
  });
});
