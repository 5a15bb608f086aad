import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../../src/app/runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { complaintId } from '../../../src/domain/complaint.js';
import { Lifecycle } from '../../../src/lifecycle/lifecycle.js';
import { startDaemon, type Daemon } from '../../../src/main.js';
import { outboundResponse } from '../../../src/push/outbound.js';
import { sendField } from '../../../src/push/tasks.js';
import { waitFor } from '../../support/cli.js';
import { sandboxPortsEnv } from '../../support/daemon.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';

/**
 * The shipped demo (config/default.yaml and config/sandbox-sources.yaml, sandbox mode) run by the daemon through a few
 * simulated hours: new complaints on the channels, OPDs answering in their systems and in
 * LAPOR, heads approving, the simulators' clocks moving, transient faults. At the end it is
 * counted on the simulators themselves: every record carries each answer once, every
 * forward made one LAPOR report, and the dead-letter list holds only injected faults.
 */
let daemon: Daemon | undefined;
let redis: TestRedis | undefined;
let operator: { runtime: Runtime; lifecycle: Lifecycle } | undefined;
afterEach(async () => {
  await operator?.lifecycle.stop(10_000);
  await daemon?.stop();
  await redis?.cleanup();
  daemon = redis = operator = undefined;
});

const SOURCES = ['lapor', 'wadesk', 'superapp', 'bupatiapp', 'open311'] as const;
const HOURS = 4;
const TOKEN = 'sandbox-only-credential';
/** Different complaints from different citizens, so none is a resend of another. */
const WA_TEXTS = [
  'Lampu penerangan jalan di Desa Jepon mati sejak seminggu, mohon diperbaiki.',
  'Sampah menumpuk di pasar Randublatung dan menimbulkan bau.',
  'Jembatan kayu di Desa Tunjungan retak dan berbahaya dilewati.',
  'Air PDAM di Kelurahan Mlangsen keruh sejak tiga hari.',
];
const SA_TEXTS = [
  'Saluran tersumbat: saluran air di depan SD Cepu meluap saat hujan.',
  'Jalan berlubang: jalan menuju Puskesmas Kunduran berlubang besar.',
  'Pohon tumbang: pohon asam tumbang menutup jalan di Ngawen.',
  'Pungutan sekolah: ada pungutan seragam di SMP Banjarejo.',
];

type State = Record<string, unknown>;

async function json(url: string, init?: RequestInit & { body?: string }): Promise<unknown> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers as Record<string, string>) },
  });
  if (res.status >= 300) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

describe('the shipped demo through a few simulated hours (daemon, simulators, real Redis)', () => {
  it('ends with each answer once and each forward once on every simulator record', async () => {
    redis = await testRedis('demo');
    const r = redis;
    const ports = await sandboxPortsEnv();
    const pace = join(mkdtempSync(join(tmpdir(), 'lb-demo-')), 'pace.yaml');
    writeFileSync(pace, 'push:\n  backoffMs: [300, 1000]\n  destinations:\n    lapor: { ratePerMinute: 600 }\n');
    const lapor = `http://127.0.0.1:${ports.LAPOR_BRIDGE__SANDBOX__LAPOR__PORT}`;
    const regional = `http://127.0.0.1:${ports.LAPOR_BRIDGE__SANDBOX__REGIONAL__PORT}`;
    const env: Record<string, string> = {
      ...ports,
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: r.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'long-demo-password',
      LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '40',
      LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '8',
      // Only the pace changes: retries within a second, LAPOR's budget above this test's traffic.
      LAPOR_BRIDGE_CONFIG: pace,
      // Quarantined records are fetched again after 2 s, not a minute.
      LAPOR_BRIDGE__PIPELINE__QUARANTINEREFETCH__AFTERMS: '2000',
      ...Object.fromEntries(
        SOURCES.map((s) => [`LAPOR_BRIDGE__SOURCES__${s.toUpperCase()}__SCHEDULE`, '*/2 * * * * *']),
      ),
    };
    const logs = captureLogger('info');
    daemon = await startDaemon(loadConfig({ env }), logs.logger);
    const lifecycle = new Lifecycle(captureLogger('warn').logger);
    // An operator's view of the same Redis, as the CLI has it: approvals go through the daemon's queues.
    operator = {
      lifecycle,
      runtime: await openRuntime(loadConfig({ env }), captureLogger('warn').logger, lifecycle, {
        authority: 'published',
      }),
    };
    const { runtime } = operator;

    const laporReport = async (id: string) =>
      (await json(`${lapor}/_sandbox/reports/${id}`)) as {
        clientRef?: string;
        timeline: { type: string; note: string }[];
      };
    const regionalState = async () => (await json(`${regional}/_sandbox/state`)) as Record<string, State>;
    let fired = 0;
    const firedOn = async (base: string) =>
      Object.values(((await json(`${base}/_sandbox/faults`)) as { fired: Record<string, number> }).fired).reduce(
        (a, b) => a + b,
        0,
      );

    // Transient faults on both simulators for the first hours: retried, never a dead letter.
    await json(`${lapor}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ serverError: { rate: 0.08 }, rateLimit: { every: 9, retryAfterSeconds: 1 } }),
    });
    await json(`${regional}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ serverError: { rate: 0.08 } }),
    });

    const added: { source: string; id: string }[] = [];
    const tokens: string[] = [];
    for (let hour = 1; hour <= HOURS; hour++) {
      // New complaints on the WhatsApp desk and the super-app: the demo's rules forward them to LAPOR.
      const [wa] = (await json(`${regional}/_sandbox/wa/records`, {
        method: 'POST',
        body: JSON.stringify({
          message: WA_TEXTS[hour - 1],
          from: `62812000000${hour}`,
          user: { name: `Warga ${hour}` },
        }),
      })) as { _id: string }[];
      const [sa] = (await json(`${regional}/_sandbox/superapp/records`, {
        method: 'POST',
        body: JSON.stringify({
          title: SA_TEXTS[hour - 1]!.split(':')[0],
          description: SA_TEXTS[hour - 1],
          user: { name: `Pelapor ${hour}`, phone: `08131000000${hour}`, email: null },
        }),
      })) as { id: number }[];
      added.push({ source: 'wadesk', id: wa!._id }, { source: 'superapp', id: String(sa!.id) });

      // OPDs answer in their own systems (drafts for the bridge) and in LAPOR (published there).
      const state = await regionalState();
      const superapp = (state.superapp!.complaints as { id: number }[])[hour]!;
      const bupati = (state.bupati!.reports as { id: number }[] | undefined)?.[hour];
      for (const [system, id] of [
        ['superapp', String(superapp.id)],
        ...(bupati ? [['bupati', String(bupati.id)]] : []),
      ] as const) {
        const text = `Sudah ditinjau petugas [demo-${hour}-${system}].`;
        tokens.push(`[demo-${hour}-${system}]`);
        await json(`${regional}/_sandbox/${system}/records/${id}/answers`, {
          method: 'POST',
          body: JSON.stringify({ text, by: 'Operator OPD' }),
        });
      }
      const disposed = (
        (await json(`${lapor}/_sandbox/reports?status=diproses`).catch(() => ({ reports: [] }))) as {
          reports: { tracking_id: string }[];
        }
      ).reports;
      const target = disposed[hour];
      if (target) {
        const text = `Tindak lanjut dari LAPOR [demo-${hour}-lapor].`;
        const res = await fetch(`${lapor}/api/v1/laporan/${target.tracking_id}/tindak-lanjut`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Lapor-Token': TOKEN },
          body: JSON.stringify({ isi: text, oleh: 'Admin OPD' }),
        });
        if (res.status < 300) tokens.push(`[demo-${hour}-lapor]`);
      }

      // An hour passes on both simulators (LAPOR closes what is due), and the daemon polls on.
      await json(`${lapor}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ hours: 1 }) });
      await json(`${regional}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 3600 }) });
      await new Promise((resolve) => setTimeout(resolve, 3000));

      // The heads approve what waits for them.
      for await (const answer of runtime.push.responses.all())
        if (answer.state === 'draft') await runtime.push.approve(answer.id, 'Kepala OPD');
      if (hour === HOURS - 1) {
        fired = (await firedOn(lapor)) + (await firedOn(regional));
        await json(`${lapor}/_sandbox/faults`, { method: 'DELETE' });
        await json(`${regional}/_sandbox/faults`, { method: 'DELETE' });
      }
    }

    // Quiet: every added complaint in the ledger (one whose per-record call met an injected 5xx
    // waits in quarantine until it is fetched again), nothing waits in the push queue, nothing is left to approve, twice in a row.
    const pushQueue = `{${r.prefix}}:push`;
    let missing: string[] = [];
    const idle = async () => {
      const ingested = await runtime.store.ledger.getMany(added.map(({ source, id }) => complaintId(source, id)));
      missing = added.filter((_a, i) => !ingested[i]).map(({ source, id }) => `${source} ${id}`);
      if (missing.length > 0) return false;
      const counts = await Promise.all([
        r.redis.llen(`${pushQueue}:wait`),
        r.redis.llen(`${pushQueue}:active`),
        r.redis.zcard(`${pushQueue}:delayed`),
        r.redis.zcard(`${pushQueue}:prioritized`),
      ]);
      for await (const answer of runtime.push.responses.all())
        if (answer.state === 'draft') {
          await runtime.push.approve(answer.id, 'Kepala OPD');
          return false;
        }
      return counts.every((n) => n === 0);
    };
    let quietSince = 0;
    await waitFor(
      async () => {
        if (!(await idle())) quietSince = 0;
        else quietSince ||= Date.now();
        return quietSince > 0 && Date.now() - quietSince > 5000;
      },
      40_000,
      () => `the demo to settle (not in the ledger: ${missing.join(', ') || 'none'})\n${logs.text().slice(-3000)}`,
    );

    // Forwards: the case of each complaint added on a channel is on LAPOR exactly once (a report
    // made for it, or a LAPOR report already in its case), and no complaint made two reports.
    const byRef = new Map<string, number>();
    const laporIds = ((await json(`${lapor}/_sandbox/reports`)) as { reports: { tracking_id: string }[] }).reports.map(
      (x) => x.tracking_id,
    );
    const reports = new Map(await Promise.all(laporIds.map(async (id) => [id, await laporReport(id)] as const)));
    for (const report of reports.values())
      if (report.clientRef) byRef.set(report.clientRef, (byRef.get(report.clientRef) ?? 0) + 1);
    for (const { source, id } of added) {
      const complaint = await runtime.store.ledger.get(complaintId(source, id));
      expect(complaint, `${source} ${id} in the ledger`).toBeDefined();
      const members = new Set(await runtime.store.ledger.caseMembers(complaint!.caseId));
      const onLapor = [...reports.entries()].filter(
        ([trackingId, report]) =>
          (report.clientRef !== undefined && members.has(report.clientRef)) ||
          members.has(complaintId('lapor', trackingId)),
      );
      expect(
        onLapor.map(([t]) => t),
        `${source} ${id}`,
      ).toHaveLength(1);
    }
    expect([...byRef.values()].every((n) => n === 1)).toBe(true);

    // Answers: on every record of every simulator, each answer shows once at most…
    const state = await regionalState();
    const answersOn = (system: string, id: string): string[] => {
      if (system === 'lapor')
        return (reports.get(id)?.timeline ?? []).filter((e) => e.type === 'tindak_lanjut').map((e) => e.note);
      if (system === 'wadesk')
        return ((state.wa!.handlings as Record<string, { kesimpulan: { text: string }[] }>)[id]?.kesimpulan ?? []).map(
          (k) => k.text,
        );
      if (system === 'superapp')
        return ((state.superapp!.followups as Record<string, { description: string }[]>)[id] ?? []).map(
          (f) => f.description,
        );
      if (system === 'bupatiapp')
        return ((state.bupati!.comments as Record<string, { content: string }[]>)[id] ?? []).map((c) => c.content);
      return (state.open311!.updates as { service_request_id: string; description: string | null }[])
        .filter((u) => u.service_request_id === id && u.description)
        .map((u) => u.description!);
    };
    const recordsOf = (system: string): string[] => {
      if (system === 'lapor') return laporIds;
      if (system === 'wadesk') return Object.keys(state.wa!.handlings as object);
      if (system === 'superapp') return (state.superapp!.complaints as { id: number }[]).map((c) => String(c.id));
      if (system === 'bupatiapp') return (state.bupati!.reports as { id: number }[]).map((c) => String(c.id));
      return (state.open311!.requests as { service_request_id: string }[]).map((q) => String(q.service_request_id));
    };
    for (const system of SOURCES)
      for (const id of recordsOf(system)) {
        const texts = answersOn(system, id);
        expect(new Set(texts).size, `${system} ${id}: ${JSON.stringify(texts)}`).toBe(texts.length);
        for (const token of tokens)
          expect(texts.filter((t) => t.includes(token)).length, `${system} ${id} ${token}`).toBeLessThanOrEqual(1);
      }

    // …and exactly once on every record of its case it was sent to; none is left failing or pending.
    let delivered = 0;
    for await (const answer of runtime.push.responses.all()) {
      if (answer.state !== 'approved' || answer.historical) continue;
      const text = outboundResponse(answer).text;
      for (const { target } of await runtime.push.targetsOfCase(answer.caseId)) {
        const shown = answersOn(target.system, target.externalId).filter((t) => t.includes(text)).length;
        const isOrigin = answer.origin?.source === target.system && answer.origin.externalId === target.externalId;
        const sent = await runtime.push.sendStates.get(answer.id, sendField.answer(target));
        const where = `${answer.id} on ${target.system} ${target.externalId} (${sent?.state ?? 'no state'}: ${sent?.lastReason ?? ''})`;
        expect(['failed', 'pending'], where).not.toContain(sent?.state);
        if (isOrigin || sent?.state === 'sent') expect(shown, where).toBe(1);
        else expect(shown, where).toBe(0);
        if (!isOrigin && sent?.state === 'sent') delivered++;
      }
    }
    expect(delivered).toBeGreaterThan(0);

    // The dead-letter list holds only what the faults caused.
    const dead = await runtime.store.deadLetters.list();
    for (const [, entry] of dead) expect(String(entry.reason)).toMatch(/50[03]|429|maintenance|server error/i);
    // The faults did fire: the run went through them.
    expect(fired).toBeGreaterThan(0);
  }, 120_000);
});
