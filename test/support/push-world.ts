import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startLaporSandbox, type LaporSandbox, type LaporSandboxOptions } from '../../src/sandbox/lapor/index.js';
import {
  startRegionalSandbox,
  type RegionalSandboxOptions,
  type RunningRegionalSandbox,
} from '../../src/sandbox/regional/index.js';
import { afterEach } from 'vitest';
import { ROOT } from './cli.js';
import type { TestPipeline } from './pipeline.js';

/** LAPOR and the regional systems, with a config that wires the WhatsApp desk and super-app presets to them. */
export interface PushWorld {
  lapor: LaporSandbox;
  regional: RunningRegionalSandbox;
  configFile: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

function presetSources(name: string): Record<string, unknown> {
  return (parse(readFileSync(join(ROOT, 'config', 'presets', name), 'utf8')) as { sources: Record<string, unknown> })
    .sources;
}

/** Presets beyond the WhatsApp desk and the super-app, with the regional system each talks to. */
const MORE_PRESETS = { 'bupati-app.yaml': 'bupati', 'open311.yaml': 'open311' } as const;

export async function startPushWorld(
  options: {
    lapor?: LaporSandboxOptions;
    regional?: RegionalSandboxOptions;
    push?: Record<string, unknown>;
    schedule?: string;
    lookBackSeconds?: number;
    more?: (keyof typeof MORE_PRESETS)[];
  } = {},
): Promise<PushWorld> {
  const lapor = await startLaporSandbox({ reports: 0, ...options.lapor });
  const regional = await startRegionalSandbox({
    counts: { wa: 0, superapp: 0, bupati: 0, open311: 0 },
    ...options.regional,
  });
  const schedule = options.schedule ?? '0 0 1 1 *';
  const sources: Record<string, Record<string, unknown>> = {
    lapor: {
      kind: 'lapor',
      baseUrl: lapor.url,
      tokenEnv: 'LAPOR_TOKEN',
      instansiId: lapor.instansiId,
      schedule,
      lookBackSeconds: options.lookBackSeconds ?? 0,
    },
    ...(presetSources('wa-desk.yaml') as Record<string, Record<string, unknown>>),
    ...(presetSources('superapp.yaml') as Record<string, Record<string, unknown>>),
    ...Object.assign(
      {},
      ...(options.more ?? []).map((preset) => presetSources(preset) as Record<string, Record<string, unknown>>),
    ),
  };
  for (const source of Object.values(sources)) source.schedule = schedule;
  const dir = mkdtempSync(join(tmpdir(), 'lb-push-'));
  const configFile = join(dir, 'config.yaml');
  writeFileSync(
    configFile,
    stringify({
      sandbox: { enabled: false },
      sources,
      push: {
        destinations: {
          lapor: { public: false, sendIdentity: true, answersArePublished: true, ratePerMinute: 600 },
          wadesk: { ratePerMinute: 600 },
          superapp: { ratePerMinute: 600 },
          bupatiapp: { ratePerMinute: 600 },
          open311: { ratePerMinute: 600 },
        },
        backoffMs: [200, 500],
        giveUpAfterMs: 600_000,
        ...options.push,
      },
    }),
  );
  const env = {
    LAPOR_TOKEN: lapor.token,
    ...regional.env.wa,
    ...regional.env.superapp,
    ...Object.assign({}, ...(options.more ?? []).map((preset) => regional.env[MORE_PRESETS[preset]])),
  };
  return {
    lapor,
    regional,
    configFile,
    env,
    async close() {
      await regional.close();
      await lapor.close();
    },
  };
}

/**
 * For a file of push-world tests: what a test starts, stopped after it whatever it got to
 * (its pipeline, then its world). The test sets `running.world` and `running.pipe`.
 */
export function stoppedAfterEach(): { world?: PushWorld; pipe?: TestPipeline } {
  const running: { world?: PushWorld; pipe?: TestPipeline } = {};
  afterEach(async () => {
    const { world, pipe } = running;
    running.world = running.pipe = undefined;
    await pipe?.stop();
    await world?.close();
  });
  return running;
}
