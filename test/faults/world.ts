import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { complaintId } from '../../src/domain/complaint.js';
import type { FaultPatch } from '../../src/sandbox/shared/fault-settings.js';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../src/sandbox/regional/index.js';
import { ROOT } from '../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';

/** The five demo sources, each with the simulator that holds its ground truth. */
const REGIONAL = [
  { source: 'wadesk', preset: 'wa-desk.yaml', system: 'wa', ids: (s: Snapshot) => s.wa.reports.map((r) => r._id) },
  {
    source: 'superapp',
    preset: 'superapp.yaml',
    system: 'superapp',
    ids: (s: Snapshot) => s.superapp.complaints.map((c) => String(c.id)),
  },
  {
    source: 'bupatiapp',
    preset: 'bupati-app.yaml',
    system: 'bupati',
    ids: (s: Snapshot) => s.bupati.reports.map((r) => String(r.id)),
  },
  {
    source: 'open311',
    preset: 'open311.yaml',
    system: 'open311',
    ids: (s: Snapshot) => s.open311.requests.map((r) => r.service_request_id),
  },
] as const;

interface Snapshot {
  wa: { reports: { _id: string }[] };
  superapp: { complaints: { id: number | string }[] };
  bupati: { reports: { id: number | string }[] };
  open311: { requests: { service_request_id: string }[] };
}

export interface Scale {
  lapor: number;
  perRegional: number;
  /** Poll rounds (every source once) before what is still missing counts as lost. */
  rounds: number;
}

/** What a row of the matrix switches on: the sandboxes' shared faults, and their clocks set off ours. */
export interface Fault {
  patch: FaultPatch;
  /** LAPOR's clock this far ahead of ours, the regional systems' this far behind (ms). */
  clockOffsetMs?: number;
}

export interface Row {
  source: string;
  atSource: number;
  inLedger: number;
  lost: number;
  doubled: number;
  quarantined: number;
}

export interface FaultResult {
  fault: string;
  rows: Row[];
  /** Broken records the simulators served (each served broken once, then well). */
  malformedServed: number;
  rounds: number;
  /** After each round: records still missing from the ledger, entries in quarantine. */
  progress: { missing: number; quarantined: number }[];
  settleSeconds: number;
  /** What stayed in quarantine (source, id, stage, reason): the first thing to read when a row is not clean. */
  leftInQuarantine: string[];
}

function presetSource(file: string, name: string): Record<string, unknown> {
  const preset = parse(readFileSync(join(ROOT, 'config', 'presets', file), 'utf8')) as {
    sources: Record<string, Record<string, unknown>>;
  };
  return preset.sources[name]!;
}

/**
 * One row of the matrix: both simulators seeded with `scale` complaints and the same fault
 * switched on, the bridge polling every source round after round on real Redis until the
 * ledger holds every record the simulators hold and the quarantine is empty (or the rounds
 * run out), then counted on the simulators' own records.
 */
export async function runFault(fault: string, on: Fault, scale: Scale, seed = 61): Promise<FaultResult> {
  let lapor: LaporSandbox | undefined;
  let regional: RunningRegionalSandbox | undefined;
  let pipe: TestPipeline | undefined;
  const { patch, clockOffsetMs = 0 } = on;
  try {
    lapor = await startLaporSandbox({
      reports: Math.ceil(scale.lapor / 0.85),
      seed,
      faults: patch,
      now: () => new Date(Date.now() + clockOffsetMs),
    });
    regional = await startRegionalSandbox({
      seed,
      now: () => new Date(Date.now() - clockOffsetMs),
      counts: {
        wa: scale.perRegional,
        superapp: scale.perRegional,
        bupati: scale.perRegional,
        open311: scale.perRegional,
      },
      faults: patch,
    });
    const sources: Record<string, Record<string, unknown>> = {
      lapor: {
        kind: 'lapor',
        baseUrl: lapor.url,
        tokenEnv: 'LAPOR_TOKEN',
        instansiId: lapor.instansiId,
        pageSize: 100,
      },
    };
    const env: Record<string, string> = { LAPOR_TOKEN: lapor.token };
    for (const r of REGIONAL) {
      sources[r.source] = { ...presetSource(r.preset, r.source), schedule: '0 0 1 1 *' };
      Object.assign(env, regional.env[r.system]);
    }
    sources.lapor!.schedule = '0 0 1 1 *';
    const dir = mkdtempSync(join(tmpdir(), 'lb-faults-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(
      file,
      stringify({
        sandbox: { enabled: false },
        pipeline: {
          pollOnStart: false,
          quarantineRefetch: { perPoll: 2000, afterMs: 0 },
          reconcile: { enabled: false, schedule: '15 3 * * *', days: 7 },
        },
        sources,
      }),
    );
    pipe = await startTestPipeline({ file, env: { ...env, LAPOR_BRIDGE__PIPELINE__BACKOFFMS: '100' } });

    const truth = (): Map<string, string[]> => {
      const snapshot = regional!.state() as unknown as Snapshot;
      return new Map<string, string[]>([
        ['lapor', lapor!.visibleTrackingIds()],
        ...REGIONAL.map((r) => [r.source, r.ids(snapshot)] as [string, string[]]),
      ]);
    };
    const missing = async (): Promise<number> => {
      let n = 0;
      for (const [source, ids] of truth()) {
        const held = await pipe!.runtime.store.ledger.getMany(ids.map((id) => complaintId(source, id)));
        n += held.filter((c) => c === undefined).length;
      }
      return n;
    };

    const started = Date.now();
    let rounds = 0;
    const progress: FaultResult['progress'] = [];
    while (rounds < scale.rounds) {
      rounds += 1;
      for (const source of ['lapor', ...REGIONAL.map((r) => r.source)])
        await pipe.runtime.enqueuePoll(source, 'live', `round-${rounds}`);
      await pipe.drain(600_000);
      // An entry quarantined in this round's last pages is fetched again after the next poll.
      progress.push({ missing: await missing(), quarantined: await pipe.runtime.store.quarantine.entries.size() });
      if (progress.at(-1)!.missing === 0 && progress.at(-1)!.quarantined === 0) break;
    }
    const settleSeconds = (Date.now() - started) / 1000;

    const quarantine = (await pipe.runtime.store.quarantine.entries.list(100_000)).map(([, e]) => e);
    const rows: Row[] = [];
    const bySource = new Map<string, number>();
    for (let offset = 0; ; offset += 1000) {
      const ids = await pipe.runtime.store.ledger.ids(offset, 1000);
      if (ids.length === 0) break;
      for (const c of await pipe.runtime.store.ledger.getMany(ids))
        if (c) bySource.set(c.source, (bySource.get(c.source) ?? 0) + 1);
    }
    for (const [source, ids] of truth()) {
      const held = await pipe.runtime.store.ledger.getMany(ids.map((id) => complaintId(source, id)));
      const found = held.filter((c) => c !== undefined).length;
      rows.push({
        source,
        atSource: ids.length,
        inLedger: bySource.get(source) ?? 0,
        lost: ids.length - found,
        doubled: (bySource.get(source) ?? 0) - found,
        quarantined: quarantine.filter((e) => e.source === source).length,
      });
    }
    const malformedServed =
      (lapor.faults.state().fired.malformed ?? 0) + (regional.faults.state().fired.malformed ?? 0);
    const leftInQuarantine = quarantine.map(
      (e) => `${e.source} ${e.externalId ?? '(no id)'} [${e.stage}, seen ${e.count}×] ${e.reason}`,
    );
    return { fault, rows, malformedServed, rounds, progress, settleSeconds, leftInQuarantine };
  } finally {
    await pipe?.stop();
    await lapor?.close();
    await regional?.close();
  }
}

/** The matrix as text: one table per fault, and a total line. */
export function formatResult(result: FaultResult): string {
  const header = ['source', 'at source', 'in ledger', 'lost', 'doubled', 'quarantined'];
  const lines = result.rows.map((r) => [r.source, r.atSource, r.inLedger, r.lost, r.doubled, r.quarantined]);
  const total = result.rows.reduce(
    (t, r) => [t[0]! + r.atSource, t[1]! + r.inLedger, t[2]! + r.lost, t[3]! + r.doubled, t[4]! + r.quarantined],
    [0, 0, 0, 0, 0],
  );
  const table = [header, ...lines, ['all', ...total]].map((cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(10) : String(c).padStart(11))).join(' '),
  );
  return [
    `fault: ${result.fault}  (rounds ${result.rounds}, settled in ${result.settleSeconds.toFixed(1)} s, malformed served ${result.malformedServed})`,
    `missing / quarantined after each round: ${result.progress.map((p) => `${p.missing}/${p.quarantined}`).join(', ')}`,
    ...table,
    ...result.leftInQuarantine.slice(0, 40).map((line) => `  left in quarantine: ${line}`),
  ].join('\n');
}
