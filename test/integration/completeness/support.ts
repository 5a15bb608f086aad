import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { complaintId } from '../../../src/domain/complaint.js';
import type { RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { ROOT } from '../../support/cli.js';
import type { TestPipeline } from '../../support/pipeline.js';

/** A config file with regional presets pointed at a running sandbox, polled only when a test asks. */
const SYSTEM_OF: Record<string, 'wa' | 'superapp' | 'bupati' | 'open311'> = {
  wadesk: 'wa',
  superapp: 'superapp',
  bupatiapp: 'bupati',
  open311: 'open311',
};

export function regionalConfig(
  sandbox: RunningRegionalSandbox,
  presets: Record<string, string>,
  options: { paging?: Record<string, Record<string, unknown>>; extra?: Record<string, unknown> } = {},
): { file: string; env: Record<string, string> } {
  const sources: Record<string, Record<string, unknown>> = {};
  const env: Record<string, string> = {};
  for (const [name, file] of Object.entries(presets)) {
    Object.assign(env, sandbox.env[SYSTEM_OF[name]!]);
    const preset = (
      parse(readFileSync(join(ROOT, 'config', 'presets', file), 'utf8')) as {
        sources: Record<string, Record<string, unknown>>;
      }
    ).sources;
    const source: Record<string, unknown> = { ...preset[name]!, schedule: '0 0 1 1 *' };
    const paging = options.paging?.[name];
    if (paging) source.list = { ...(source.list as Record<string, unknown>), paging };
    sources[name] = source;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lb-complete-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    stringify({
      sandbox: { enabled: false },
      pipeline: { pollOnStart: false, quarantineRefetch: { perPoll: 500, afterMs: 0 } },
      sources,
      ...options.extra,
    }),
  );
  return { file, env };
}

/** Ids the simulator holds that the ledger does not: ground truth, counted on the other system. */
export async function missingFromLedger(pipe: TestPipeline, source: string, ids: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const id of ids) if (!(await pipe.runtime.store.ledger.get(complaintId(source, id)))) missing.push(id);
  return missing;
}

/** Polls a source slot after slot until every id is in the ledger or the rounds run out. */
export async function pollUntilComplete(
  pipe: TestPipeline,
  source: string,
  ids: () => readonly string[],
  rounds: number,
): Promise<{ rounds: number; missing: string[] }> {
  let missing: string[] = [...ids()];
  for (let round = 1; round <= rounds; round++) {
    await pipe.runtime.enqueuePoll(source, 'live', `round-${round}`);
    await pipe.drain(120_000);
    missing = await missingFromLedger(pipe, source, ids());
    if (missing.length === 0) return { rounds: round, missing };
  }
  return { rounds, missing };
}
