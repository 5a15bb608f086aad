import { isConnectorError } from '../../src/domain/failures.js';
import { laporDefinition } from '../../src/connectors/lapor/index.js';
import { laporConfigSchema, type LaporConfigInput } from '../../src/connectors/lapor/config.js';
import { UNSETTLED_MS } from '../../src/connectors/lapor/pull.js';
import type { Connector, PulledRecord } from '../../src/connectors/types.js';
import type { Clock } from '../../src/domain/clock.js';
import { startLaporSandbox, type LaporSandbox, type LaporSandboxOptions } from '../../src/sandbox/lapor/index.js';
import { captureLogger } from '../support/logger.js';

/**
 * One clock for both sides: when the connector waits out a Retry-After, the sandbox's
 * time moves by the same amount, so maintenance windows end without real waiting.
 */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  slept: number[];
}

export function manualClock(startIso = '2024-03-04T03:00:00Z'): ManualClock {
  let now = Date.parse(startIso);
  const slept: number[] = [];
  return {
    now: () => new Date(now),
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    slept,
  };
}

export interface Harness {
  sandbox: LaporSandbox;
  connector: Connector;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function laporHarness(
  options: { sandbox?: LaporSandboxOptions; config?: Partial<LaporConfigInput>; token?: string } = {},
): Promise<Harness> {
  const clock = manualClock();
  const sandbox = await startLaporSandbox({
    seed: 7,
    reports: 120,
    token: 'right-token',
    now: () => clock.now(),
    ...options.sandbox,
  });
  // Seeding stamps activity at "now"; a pull run only takes activity from before its start,
  // and remembers as delivered only what is settled (stamped longer ago than UNSETTLED_MS).
  clock.advance(UNSETTLED_MS);
  const config = laporConfigSchema.parse({
    kind: 'lapor',
    baseUrl: sandbox.url,
    instansiId: sandbox.instansiId,
    tokenEnv: 'LAPOR_TEST_TOKEN',
    pageSize: 20,
    timeoutMs: 2000,
    ...options.config,
  });
  const connector = laporDefinition.create(config, {
    name: 'lapor',
    logger: captureLogger().logger,
    clock,
    secret: (name) => (name === 'LAPOR_TEST_TOKEN' ? (options.token ?? 'right-token') : undefined),
  });
  return {
    sandbox,
    connector,
    clock,
    async close() {
      await connector.close();
      await sandbox.close();
    },
  };
}

export interface RunResult {
  records: PulledRecord[];
  cursor: string | null;
  pages: number;
  /** Failures a queue would have retried, by code. */
  retried: string[];
}

/**
 * Pulls until the connector says done, acting as the queue would: a transient or rate
 * limit failure is retried later from the same cursor; anything else stops the run.
 */
export async function pullRun(h: Harness, cursor: string | null, maxPages = 500): Promise<RunResult> {
  const records: PulledRecord[] = [];
  const retried: string[] = [];
  let pages = 0;
  for (let attempt = 0; attempt < maxPages; attempt++) {
    try {
      const page = await h.connector.pull(cursor);
      pages++;
      records.push(...page.records);
      cursor = page.nextCursor;
      if (page.done) return { records, cursor, pages, retried };
    } catch (err) {
      if (!isConnectorError(err) || (err.code !== 'TRANSIENT' && err.code !== 'RATE_LIMITED')) throw err;
      retried.push(err.code);
      h.clock.advance(err.retryAfterMs ?? 60_000);
    }
  }
  throw new Error(`no end after ${maxPages} pages`);
}

export function okIds(records: readonly PulledRecord[]): string[] {
  return records.filter((r) => r.ok).map((r) => r.externalId!);
}
