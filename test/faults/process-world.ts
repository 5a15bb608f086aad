import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { systemClock } from '../../src/domain/clock.js';
import { complaintId } from '../../src/domain/complaint.js';
import { generateComplaints } from '../../src/sandbox/shared/generate.js';
import { createRandom } from '../../src/sandbox/shared/random.js';
import { createStore, type Store } from '../../src/store/store.js';
import { freePort, ROOT, spawnCli, waitFor } from '../support/cli.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';

/**
 * The process faults of the fault matrix: the simulators and the daemons are separate
 * processes (the simulators outlive every daemon crash), on a redis-server the test starts,
 * kills, freezes and restarts itself. While the faults run, new complaints arrive on two
 * regional channels (forwarded to LAPOR by rule) and OPDs answer some of the forwarded
 * reports on LAPOR (answers the bridge must bring back to the regional record). Once the
 * faults stop and the system settles, everything is counted on the simulators.
 */
export interface ProcessScale {
  /** LAPOR reports the instansi sees (seeded before the daemons start). */
  lapor: number;
  /** Complaints added on each regional channel while the faults run. */
  perRegional: number;
  /** How long the faults run (and complaints arrive), seconds. */
  activeSeconds: number;
  /** How long the system may take to settle once the faults stop, seconds. */
  settleSeconds: number;
}

export interface ProcessFault {
  /** Daemons running at once. */
  replicas: number;
  /** SIGKILL a random daemon once it has been ready (/readyz) a random [min, max] ms; restarted at once, as a supervisor would. */
  killEveryMs?: [number, number];
  /** Redis SIGKILLed this many times (evenly spread), restarted a second later from its AOF. */
  redisKills?: number;
  /** Redis stopped (SIGSTOP) this long once, then continued. */
  redisFrozenMs?: number;
  /** Every daemon down this long (several poll slots of 2 s), twice. */
  downForMs?: number;
}

export interface ProcessRow {
  source: string;
  atSource: number;
  inLedger: number;
  lost: number;
  doubled: number;
  quarantined: number;
}

export interface ProcessResult {
  fault: string;
  rows: ProcessRow[];
  forwards: { expected: number; delivered: number; twice: number };
  answers: { expected: number; delivered: number; twice: number };
  deadLetters: string[];
  /** What was in flight at each daemon SIGKILL (jobs active per queue > 0). */
  kills: { total: number; poll: number; ingest: number; push: number };
  redisKills: number;
  settleSeconds: number;
  /** Left undone when the settle time ran out (first few of each). */
  unsettled: string[];
}

const PREFIX = 'faults';
const LAPOR_TOKEN = 'faults-lapor-token';
const SLOT = '*/2 * * * * *';
const REGIONAL = [
  { source: 'wadesk', system: 'wa', preset: 'wa-desk.yaml' },
  { source: 'superapp', system: 'superapp', preset: 'superapp.yaml' },
] as const;

type Json = Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function json(url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) {
  const res = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init?.headers },
    ...(init?.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (res.status >= 300) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as unknown;
}

function presetSource(file: string, name: string): Json {
  return (parse(readFileSync(join(ROOT, 'config', 'presets', file), 'utf8')) as { sources: Record<string, Json> })
    .sources[name]!;
}

/** A simulator as a child process of its own; ready once its admin endpoint answers. */
async function startSimulator(args: string[]) {
  const port = await freePort();
  const sim = spawnCli(['sandbox', ...args, '--port', String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await fetch(`${url}/_sandbox/state`).catch(() => null))?.status === 200,
    60_000,
    () => `simulator ${args[0]}:\n${sim.output().stderr}`,
  );
  return { ...sim, url };
}

/** Daemons kept running as a supervisor would (restart on exit), each on its own HTTP port. */
function supervise(configFile: string, env: Record<string, string>) {
  const running: ReturnType<typeof spawnCli>[] = [];
  /** When each replica's current process first answered /readyz (undefined while it starts). */
  const readyAt: (number | undefined)[] = [];
  let heldUntil = 0;
  let stopping = false;
  const loops: Promise<void>[] = [];
  const slot = async (i: number) => {
    while (!stopping) {
      while (Date.now() < heldUntil && !stopping) await sleep(100);
      if (stopping) return;
      const port = await freePort();
      const daemon = spawnCli(['start', '--config', configFile], { ...env, LAPOR_BRIDGE_HTTP_PORT: String(port) });
      running[i] = daemon;
      readyAt[i] = undefined;
      let exited = false;
      void (async () => {
        while (!exited && !stopping) {
          if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200) {
            if (!exited) readyAt[i] = Date.now();
            return;
          }
          await sleep(200);
        }
      })();
      const ended = await daemon.exited;
      exited = true;
      readyAt[i] = undefined;
      if (!stopping && ended.signal !== 'SIGKILL')
        process.stdout.write(`daemon ${i} ended (${ended.code ?? ended.signal}): ${ended.stderr.slice(-400)}\n`);
      await sleep(200);
    }
  };
  return {
    start(replicas: number) {
      for (let i = 0; i < replicas; i++) loops.push(slot(i));
    },
    /** How long replica `i` has been up and ready (undefined while it starts or is down). */
    upFor(i: number): number | undefined {
      const at = readyAt[i];
      return at === undefined ? undefined : Date.now() - at;
    },
    kill(i: number) {
      readyAt[i] = undefined;
      running[i]?.child.kill('SIGKILL');
    },
    /** Every daemon killed, and none started again for `ms`. */
    async down(ms: number) {
      heldUntil = Date.now() + ms;
      for (const d of running) d?.child.kill('SIGKILL');
      await sleep(ms);
    },
    count: () => running.length,
    async stop() {
      stopping = true;
      for (const d of running) d?.child.kill('SIGKILL');
      await Promise.all(loops);
    },
  };
}

/** The exports the regional simulator prints under each system's heading, for the systems named only. */
function exportsOf(stdout: string, systems: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    const heading = /^(\w+): http/.exec(line);
    if (heading) current = heading[1];
    const exported = /export (\w+)='([^']*)'/.exec(line);
    if (exported && current && systems.includes(current)) env[exported[1]!] = exported[2]!;
  }
  return env;
}

/** Complaint texts for the regional channels: generated facts, so each reads as a complaint of its own. */
function complaintTexts(count: number, seed: number): { title: string; text: string }[] {
  const now = Date.now();
  return generateComplaints({ seed, count, from: new Date(now - 86_400_000), to: new Date(now) }).map((f, i) => ({
    title: f.title,
    text: `${f.text.plain} (${f.place.desa}, no. ${i + 1})`,
  }));
}

export async function runProcessFault(
  fault: string,
  on: ProcessFault,
  scale: ProcessScale,
  seed = 61,
): Promise<ProcessResult> {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  const random = createRandom(seed).fork(fault);
  try {
    const redisServer: OwnRedis = await startOwnRedis();
    cleanup.push(() => redisServer.close());
    const lapor = await startSimulator([
      'lapor',
      '--seed',
      String(seed),
      '--reports',
      String(Math.ceil(scale.lapor / 0.85)),
      '--token',
      LAPOR_TOKEN,
      '--log-level',
      'warn',
    ]);
    cleanup.push(() => lapor.child.kill('SIGKILL'));
    const regional = await startSimulator(['regional', '--seed', String(seed), '--count', '0']);
    cleanup.push(() => regional.child.kill('SIGKILL'));
    // The simulator prints what each preset reads (credentials, base URL) as shell exports.
    await waitFor(() => (regional.output().stdout.match(/export /g) ?? []).length >= 8, 30_000, 'regional exports');
    const regionalEnv = exportsOf(
      regional.output().stdout,
      REGIONAL.map((r) => r.system),
    );
    const instansiId = ((await json(`${lapor.url}/_sandbox/state`)) as { instansi: { id: string } }).instansi.id;

    const sources: Record<string, Json> = {
      lapor: {
        kind: 'lapor',
        baseUrl: lapor.url,
        tokenEnv: 'LAPOR_TOKEN',
        instansiId,
        pageSize: 100,
        schedule: SLOT,
      },
    };
    for (const r of REGIONAL) sources[r.source] = { ...presetSource(r.preset, r.source), schedule: SLOT };
    const dir = mkdtempSync(join(tmpdir(), 'lb-procfaults-'));
    const configFile = join(dir, 'config.yaml');
    writeFileSync(
      configFile,
      stringify({
        sandbox: { enabled: false },
        // As in production (config/production.example.yaml): a daemon started while Redis is
        // down waits for it. With the default, a daemon restarted in the second Redis was away
        // started its own redis-server on that port, from its own data directory, and the whole
        // world went on against it (the harness's Redis, started again, found the port taken).
        redis: { embedded: { enabled: false } },
        pipeline: {
          pollOnStart: true,
          // A job whose daemon was killed is taken up again within seconds, not half a minute.
          jobLockMs: 5000,
          pollLockMs: 5000,
          backoffMs: 200,
          quarantineRefetch: { perPoll: 500, afterMs: 0 },
          resettle: { afterMs: 15_000, perPoll: 5000 },
          reconcile: { enabled: false, schedule: '15 3 * * *', days: 7 },
        },
        push: {
          forward: REGIONAL.map((r) => ({ from: r.source, to: 'lapor', unclassifiedAs: 'pengaduan' })),
          destinations: {
            lapor: { public: false, sendIdentity: true, answersArePublished: true, ratePerMinute: 60_000 },
            wadesk: { ratePerMinute: 60_000 },
            superapp: { ratePerMinute: 60_000 },
          },
          backoffMs: [200, 1000, 3000],
          giveUpAfterMs: 3_600_000,
        },
        sources,
      }),
    );
    const env: Record<string, string> = {
      ...regionalEnv,
      REDIS_URL: redisServer.url,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: PREFIX,
      LAPOR_TOKEN,
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'faults-dashboard-password',
      LOG_LEVEL: 'warn',
    };

    const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    cleanup.push(() => redis.disconnect());
    const store: Store = createStore(redis, PREFIX, systemClock, { failingAfter: 3 });

    const daemons = supervise(configFile, env);
    cleanup.push(() => daemons.stop());
    daemons.start(on.replicas);

    // The traffic: complaints on the regional channels; OPD answers on the forwarded LAPOR reports.
    const added: { source: string; system: string; id: string }[] = [];
    // Another seed than LAPOR's own reports, so they do not read alike (dedup would make them one case).
    const texts = complaintTexts(scale.perRegional * REGIONAL.length, seed + 1000);
    const answered = new Map<string, string>();
    let active = true;
    const addComplaints = async (count: number) => {
      for (const r of REGIONAL) {
        const batch = texts.splice(0, count).map((t, i) =>
          r.system === 'wa'
            ? // With a handling opened by the desk: without one the desk takes no tracking id and no answer yet.
              {
                message: `${t.title}. ${t.text}`,
                from: `6281${String(added.length + i).padStart(8, '0')}`,
                handling: {},
              }
            : { title: t.title, description: t.text },
        );
        if (batch.length === 0) continue;
        const made = (await json(`${regional.url}/_sandbox/${r.system}/records`, { method: 'POST', body: batch })) as {
          _id?: string;
          id?: number;
        }[];
        for (const m of made) added.push({ source: r.source, system: r.system, id: String(m._id ?? m.id) });
      }
    };
    // Every other forwarded report (by tracking id) gets an answer from its OPD on LAPOR, once.
    const answerForwards = async () => {
      const { reports } = (await json(`${lapor.url}/_sandbox/reports`)) as {
        reports: { tracking_id: string; client_ref: string | null }[];
      };
      for (const r of reports) {
        if (!r.client_ref || Number(r.tracking_id) % 2 !== 0 || answered.has(r.tracking_id)) continue;
        const token = `[jawab-${r.tracking_id}]`;
        const res = await fetch(`${lapor.url}/api/v1/laporan/${r.tracking_id}/tindak-lanjut`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Lapor-Token': LAPOR_TOKEN },
          body: JSON.stringify({ isi: `Sudah ditangani petugas ${token}.`, oleh: 'Admin OPD', client_ref: token }),
        });
        if (res.status < 300) answered.set(r.tracking_id, token);
      }
    };
    const traffic = (async () => {
      const perSecond = Math.max(1, Math.ceil(scale.perRegional / scale.activeSeconds));
      while (texts.length > 0) {
        await addComplaints(perSecond);
        await answerForwards();
        await sleep(1000);
      }
      while (active) {
        await answerForwards();
        await sleep(1000);
      }
    })();

    // The faults, for the active phase.
    const kills = { total: 0, poll: 0, ingest: 0, push: 0 };
    let redisKills = 0;
    const faultEnd = Date.now() + scale.activeSeconds * 1000;
    const schedule: Promise<void>[] = [];
    if (on.killEveryMs)
      schedule.push(
        (async () => {
          const [min, max] = on.killEveryMs!;
          while (Date.now() < faultEnd) {
            // A daemon killed while it starts does no work: each kill comes 2–6 s into a replica's work.
            const victim = random.int(0, on.replicas - 1);
            const after = random.int(min, max);
            while (Date.now() < faultEnd && (daemons.upFor(victim) ?? -1) < after) await sleep(50);
            if (Date.now() >= faultEnd) break;
            const inFlight = await Promise.all(
              (['poll', 'ingest', 'push'] as const).map((q) => redis.llen(`{${PREFIX}}:${q}:active`).catch(() => 0)),
            );
            daemons.kill(victim);
            kills.total += 1;
            if (inFlight[0]! > 0) kills.poll += 1;
            if (inFlight[1]! > 0) kills.ingest += 1;
            if (inFlight[2]! > 0) kills.push += 1;
          }
        })(),
      );
    const at = async (share: number, act: () => Promise<void>) => {
      await sleep(scale.activeSeconds * 1000 * share);
      await act();
    };
    for (let k = 1; k <= (on.redisKills ?? 0); k++)
      schedule.push(
        at(k / ((on.redisKills ?? 0) + 1), async () => {
          await redisServer.kill();
          redisKills += 1;
          await sleep(1000);
          await redisServer.start();
        }),
      );
    if (on.redisFrozenMs) schedule.push(at(1 / 3, () => redisServer.freeze(on.redisFrozenMs!)));
    if (on.downForMs) for (const share of [0.25, 0.7]) schedule.push(at(share, () => daemons.down(on.downForMs!)));
    await Promise.all(schedule);
    const settleStarted = Date.now();

    // Settled: every record in the ledger, every forward and answer on its simulator, the queues idle.
    let unsettled: string[] = [];
    const counted = async () => count(store, lapor.url, regional.url, added, answered);
    let quietSince = 0;
    while (Date.now() - settleStarted < scale.settleSeconds * 1000) {
      await sleep(1000);
      if (texts.length > 0) continue;
      const c = await counted().catch(() => undefined);
      if (!c) continue;
      unsettled = c.unsettled;
      const queued = await queueDepth(redis).catch(() => 1);
      const done = unsettled.length === 0 && queued === 0;
      if (!done) quietSince = 0;
      else quietSince ||= Date.now();
      // Twice in a row, a few seconds apart: an answer posted in the last second is not yet pulled.
      if (quietSince > 0 && Date.now() - quietSince >= 3000) break;
    }
    const settleSeconds = (Date.now() - settleStarted) / 1000;
    active = false;
    await traffic;
    const final = await counted();
    const dead = await store.deadLetters.list();
    return {
      fault,
      rows: final.rows,
      forwards: final.forwards,
      answers: final.answers,
      deadLetters: dead.map(([key, e]) => `${key}: ${String(e.reason).slice(0, 160)}`),
      kills,
      redisKills,
      settleSeconds,
      unsettled: final.unsettled.slice(0, 20),
    };
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

async function queueDepth(redis: Redis): Promise<number> {
  let n = 0;
  for (const q of ['poll', 'ingest', 'push']) {
    const k = `{${PREFIX}}:${q}`;
    const [wait, activeJobs, delayed, prioritized] = await Promise.all([
      redis.llen(`${k}:wait`),
      redis.llen(`${k}:active`),
      redis.zcard(`${k}:delayed`),
      redis.zcard(`${k}:prioritized`),
    ]);
    // Poll jobs come every slot: only ingest and push must be empty.
    if (q !== 'poll') n += wait + activeJobs + delayed + prioritized;
  }
  return n;
}

/** The count, on the simulators' own records, with the ledger beside them. */
async function count(
  store: Store,
  laporUrl: string,
  regionalUrl: string,
  added: readonly { source: string; system: string; id: string }[],
  answered: ReadonlyMap<string, string>,
) {
  const lapor = (
    (await json(`${laporUrl}/_sandbox/reports?view=full`)) as {
      reports: { trackingId: string; clientRef?: string; instansiId?: string }[];
    }
  ).reports;
  const visible = (
    (await json(`${laporUrl}/_sandbox/reports?visible=1`)) as { reports: { tracking_id: string }[] }
  ).reports.map((r) => r.tracking_id);
  const state = (await json(`${regionalUrl}/_sandbox/state`)) as {
    wa: { reports: { _id: string }[]; handlings: Record<string, { kesimpulan?: { text: string }[] }> };
    superapp: { complaints: { id: number }[]; followups: Record<string, { description: string }[]> };
  };
  const truth = new Map<string, string[]>([
    ['lapor', visible],
    ['wadesk', state.wa.reports.map((r) => r._id)],
    ['superapp', state.superapp.complaints.map((c) => String(c.id))],
  ]);
  const unsettled: string[] = [];

  // Complaints: every record at its source once in the ledger.
  const bySource = new Map<string, number>();
  for (let offset = 0; ; offset += 1000) {
    const ids = await store.ledger.ids(offset, 1000);
    if (ids.length === 0) break;
    for (const c of await store.ledger.getMany(ids)) if (c) bySource.set(c.source, (bySource.get(c.source) ?? 0) + 1);
  }
  const quarantine = (await store.quarantine.entries.list(100_000)).map(([, e]) => e);
  const rows: ProcessRow[] = [];
  for (const [source, ids] of truth) {
    const held = await store.ledger.getMany(ids.map((id) => complaintId(source, id)));
    const found = held.filter((c) => c !== undefined).length;
    held.forEach((c, i) => c || unsettled.push(`${source} ${ids[i]} not in the ledger`));
    rows.push({
      source,
      atSource: ids.length,
      inLedger: bySource.get(source) ?? 0,
      lost: ids.length - found,
      doubled: (bySource.get(source) ?? 0) - found,
      quarantined: quarantine.filter((e) => e.source === source).length,
    });
  }
  for (const e of quarantine) unsettled.push(`${e.source} ${e.externalId ?? ''} in quarantine: ${e.reason}`);

  // Forwards: every complaint added on a regional channel is on LAPOR (a report made for it, or
  // a LAPOR report of its case), and no complaint made two reports (LAPOR's client references).
  const byRef = new Map<string, string[]>();
  const laporOf = new Map<string, string>();
  for (const r of lapor) {
    if (r.clientRef) byRef.set(r.clientRef, [...(byRef.get(r.clientRef) ?? []), r.trackingId]);
    laporOf.set(complaintId('lapor', r.trackingId), r.trackingId);
  }
  const forwards = { expected: added.length, delivered: 0, twice: 0 };
  for (const a of added) {
    const id = complaintId(a.source, a.id);
    if ((byRef.get(id)?.length ?? 0) > 1) forwards.twice += 1;
    const complaint = await store.ledger.get(id);
    const members = complaint ? await store.ledger.caseMembers(complaint.caseId) : [id];
    if (members.some((m) => byRef.has(m) || laporOf.has(m))) forwards.delivered += 1;
    else unsettled.push(`${a.source} ${a.id}: not on LAPOR`);
  }

  // Answers: each answer given on a forwarded LAPOR report shows once on the regional record it came from.
  const sourceOf = new Map(added.map((a) => [complaintId(a.source, a.id), a]));
  const answers = { expected: 0, delivered: 0, twice: 0 };
  for (const [trackingId, token] of answered) {
    const ref = lapor.find((r) => r.trackingId === trackingId)?.clientRef;
    const origin = ref ? sourceOf.get(ref) : undefined;
    if (!origin) continue;
    answers.expected += 1;
    const texts =
      origin.system === 'wa'
        ? (state.wa.handlings[origin.id]?.kesimpulan ?? []).map((k) => k.text)
        : (state.superapp.followups[origin.id] ?? []).map((f) => f.description);
    const shown = texts.filter((t) => t.includes(token)).length;
    if (shown >= 1) answers.delivered += 1;
    if (shown > 1) answers.twice += 1;
    if (shown === 0) unsettled.push(`answer ${token} not on ${origin.source} ${origin.id}`);
  }
  return { rows, forwards, answers, unsettled };
}

/** The result as text: the complaints table, then forwards, answers and dead letters. */
export function formatProcessResult(r: ProcessResult): string {
  const header = ['source', 'at source', 'in ledger', 'lost', 'doubled', 'quarantined'];
  const lines = r.rows.map((x) => [x.source, x.atSource, x.inLedger, x.lost, x.doubled, x.quarantined]);
  const total = r.rows.reduce(
    (t, x) => [t[0]! + x.atSource, t[1]! + x.inLedger, t[2]! + x.lost, t[3]! + x.doubled, t[4]! + x.quarantined],
    [0, 0, 0, 0, 0],
  );
  const table = [header, ...lines, ['all', ...total]].map((cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(10) : String(c).padStart(11))).join(' '),
  );
  const k = r.kills;
  return [
    `fault: ${r.fault}  (settled in ${r.settleSeconds.toFixed(1)} s after the faults; daemon kills ${k.total}: during poll ${k.poll}, ingest ${k.ingest}, push ${k.push}; Redis kills ${r.redisKills})`,
    ...table,
    `forwards  expected ${r.forwards.expected}, delivered ${r.forwards.delivered}, delivered twice ${r.forwards.twice}`,
    `answers   expected ${r.answers.expected}, delivered ${r.answers.delivered}, delivered twice ${r.answers.twice}`,
    `dead letters: ${r.deadLetters.length}`,
    ...r.deadLetters.slice(0, 20).map((d) => `  ${d}`),
    ...r.unsettled.map((u) => `  unsettled: ${u}`),
  ].join('\n');
}
