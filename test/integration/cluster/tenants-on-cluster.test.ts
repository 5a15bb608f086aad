import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { complaintId, type Complaint } from '../../../src/domain/complaint.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import { QUEUE_NAMES } from '../../../src/queue/names.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld } from '../../support/push-world.js';
import { redisServersUnavailable, startTestCluster, type TestCluster } from '../../support/redis-servers.js';

/**
 * Two kabupaten on one 3-master Redis Cluster, each under a hash-tagged key prefix. Their tags
 * were chosen so that their slots (CLUSTER KEYSLOT kab-a = 9075, kab-b = 4880) fall to two
 * different masters of `redis-cli --cluster create`; the test reads that from the cluster.
 */
const TENANTS = [
  { tag: 'kab-a', seed: 11 },
  { tag: 'kab-b', seed: 12 },
] as const;
const REGIONAL = 20;
/** What a Cluster answers when a script or command reaches keys of another slot or node. */
const SLOT_ERRORS = /CROSSSLOT|non local key|do not hash to the same slot|MOVED \d|ASK \d|CLUSTERDOWN/;

type Wa = { reports: unknown[]; handlings: Record<string, { kesimpulan: { text: string }[] }> };
type Superapp = { complaints: unknown[]; followups: Record<string, { description: string }[]> };

interface Tenant {
  tag: string;
  world: PushWorld;
  pipe: TestPipeline;
  /** The LAPOR report told on three channels (its WhatsApp desk handling and super-app record name it). */
  trackingId: string;
}

async function admin(w: PushWorld, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${w.regional.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

/** The world's config file, with the Redis Cluster's nodes. */
function onCluster(file: string, cluster: TestCluster): string {
  const config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...config, redis: { cluster: { nodes: cluster.nodes } } }));
  return file;
}

async function startTenant(tag: string, seed: number, cluster: TestCluster): Promise<Tenant> {
  const world = await startPushWorld({
    lapor: { reports: 60, seed, historyDays: 30 },
    regional: { seed, counts: { wa: REGIONAL, superapp: REGIONAL, bupati: 0, open311: 0 }, crossChannel: 0.1 },
  });
  const trackingId = world.lapor.addReport({ disposed: true });
  world.lapor.act(trackingId, { action: 'proses', unit: 'Dinas PUPR' });
  await admin(world, 'wa/records', { handling: { trackingId, status: 'Proses OPD Terkait' } });
  await admin(world, 'superapp/records', { sp4n_id: trackingId });
  const pipe = await startTestPipeline({
    file: onCluster(world.configFile, cluster),
    env: { ...world.env, LAPOR_BRIDGE__REDIS__KEYPREFIX: `{${tag}}` },
  });
  return { tag, world, pipe, trackingId };
}

async function everything(pipe: TestPipeline): Promise<Complaint[]> {
  const { ledger } = pipe.runtime.store;
  return (await ledger.getMany(await ledger.ids(0, 100_000))).filter((c): c is Complaint => c !== undefined);
}

function count(texts: readonly string[], needle: string): number {
  return texts.filter((t) => t.includes(needle)).length;
}

/** Polls every source, checks the ledger against the simulators, answers the three-channel case and reads the rekap. */
async function runTenant(t: Tenant): Promise<void> {
  const { runtime } = t.pipe;
  for (const source of ['lapor', 'wadesk', 'superapp']) await runtime.enqueuePoll(source, 'live', 'first');
  await t.pipe.drain(60_000);

  // Every record of the simulators, once: counted on them.
  const wa = () => t.world.regional.state().wa as Wa;
  const superapp = () => t.world.regional.state().superapp as Superapp;
  const all = await everything(t.pipe);
  const perSource = (s: string) => all.filter((c) => c.source === s).length;
  expect(perSource('lapor')).toBe(t.world.lapor.visibleTrackingIds().length);
  expect(perSource('wadesk')).toBe(wa().reports.length);
  expect(perSource('superapp')).toBe(superapp().complaints.length);
  expect(all).toHaveLength(await runtime.store.ledger.count());

  // Cases: the report named on three channels, and each resend the simulator mixed in.
  const lapor = (await runtime.store.ledger.get(complaintId('lapor', t.trackingId)))!;
  expect(await runtime.store.ledger.caseMembers(lapor.caseId)).toHaveLength(3);
  const resends = t.world.regional.crossChannel.filter((r) => r.kind === 'resend');
  expect(resends.length).toBeGreaterThan(0);
  const byId = new Map(all.map((c) => [c.id, c]));
  const source = { wa: 'wadesk', superapp: 'superapp' } as Record<string, string>;
  for (const r of resends) {
    const [original, copy] = [r.original, r.copy].map((x) => byId.get(complaintId(source[x.system]!, x.id))!);
    expect(copy!.caseId, `${copy!.id} resends ${original!.id}`).toBe(original!.caseId);
  }

  // An approved answer reaches each channel of the case once, counted on the simulators.
  const text = `Jalan di wilayah ${t.tag} sudah ditambal oleh UPT Jalan.`;
  const answer = await runtime.push.addResponse({ complaintId: lapor.id, text, by: 'Budi Santoso', opd: 'Dinas PUPR' });
  await runtime.push.approve(answer.id, 'Kepala Dinas PUPR');
  const onLapor = () =>
    (t.world.lapor.report(t.trackingId)!.timeline as { tracking_note?: string; note?: string; text?: string }[]).map(
      (e) => String(e.tracking_note ?? e.note ?? e.text ?? ''),
    );
  const onWa = () => Object.values(wa().handlings).flatMap((h) => h.kesimpulan.map((k) => k.text));
  const onSuperapp = () => Object.values(superapp().followups).flatMap((list) => list.map((f) => f.description));
  await waitFor(
    () => [onLapor(), onWa(), onSuperapp()].every((notes) => count(notes, t.tag) === 1),
    30_000,
    () => `the answer on LAPOR, WhatsApp desk and super-app of ${t.tag}`,
  );

  // The rekap reads this tenant's ledger only: one row per case.
  const rekap = await computeRekap(runtime.store, rekapSettings(runtime.config), {
    period: { from: '2020-01-01', to: '2030-12-31' },
    now: new Date(),
  });
  const cases = new Set((await everything(t.pipe)).map((c) => c.caseId));
  expect(rekap.total.total).toBe(cases.size);
  expect(cases.size).toBeLessThanOrEqual(all.length - 2 - resends.length);

  // Nothing failed: no job, no dead letter, no slot refusal in the logs.
  for (const name of QUEUE_NAMES) expect(await runtime.queues[name].getJobCounts('failed')).toEqual({ failed: 0 });
  expect(await runtime.store.deadLetters.list()).toEqual([]);
  expect(t.pipe.logs.text()).not.toMatch(SLOT_ERRORS);
}

const unavailable = redisServersUnavailable();

describe.skipIf(unavailable !== undefined)(
  unavailable
    ? `two kabupaten on a Redis Cluster — SKIPPED: ${unavailable}`
    : 'two kabupaten on a real 3-master Redis Cluster',
  () => {
    let cluster: TestCluster | undefined;
    const tenants: Tenant[] = [];
    afterAll(async () => {
      for (const t of tenants) {
        await t.pipe.stop();
        await t.world.close();
      }
      await cluster?.stop();
    }, 60_000);

    it('runs the whole pipeline for each, every key of a kabupaten on its own master', async () => {
      cluster = await startTestCluster();
      for (const { tag, seed } of TENANTS) tenants.push(await startTenant(tag, seed, cluster));
      await Promise.all(tenants.map(runTenant));

      // Where the keys are: each master scanned on its own.
      const masters = await cluster.masters();
      expect(masters).toHaveLength(3);
      const ownerOf = (slot: number) => masters.find((m) => m.slots.some(([a, b]) => slot >= a && slot <= b))!.address;
      const owners = new Map<string, string>();
      for (const { tag } of TENANTS) owners.set(tag, ownerOf(await cluster.keySlot(tag)));
      expect(new Set(owners.values()).size).toBe(TENANTS.length);
      for (const m of masters) {
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, found] = await cluster.node(m.address).scan(cursor, 'COUNT', 1000);
          keys.push(...found);
          cursor = next;
        } while (cursor !== '0');
        for (const { tag } of TENANTS) {
          const own = keys.filter((k) => k.startsWith(`{${tag}}:`));
          if (owners.get(tag) === m.address) {
            // The ledger's keys and the queues' alike.
            expect(own.some((k) => k.startsWith(`{${tag}}:complaint:`))).toBe(true);
            expect(own.some((k) => k.startsWith(`{${tag}}:bull:ingest:`))).toBe(true);
          } else expect(own, `keys of ${tag} on ${m.address}`).toEqual([]);
        }
        // Nothing outside a tenant's tag.
        expect(keys.filter((k) => !TENANTS.some(({ tag }) => k.startsWith(`{${tag}}:`)))).toEqual([]);
      }
    }, 120_000);
  },
);
