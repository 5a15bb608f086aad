import { describe, expect, it } from 'vitest';
import { formatProcessResult, runProcessFault, type ProcessFault, type ProcessScale } from './process-world.js';

/**
 * The process faults of the fault matrix: daemons (`lapor-bridge start`) killed, replicated
 * and held down, Redis killed and frozen, against simulators in processes of their own.
 * FAULTS_SCALE=full: 6,000 LAPOR reports and 2 × 2,000 regional complaints (forwarded to
 * LAPOR, half of them answered there), each fault alone and then all together; medium at a
 * quarter; the default a short form of all together (in every `npm test`, about a minute).
 * Counted on the simulators: nothing lost, nothing doubled, every forward and every answer
 * delivered once.
 */
const SCALES: Record<string, ProcessScale> = {
  short: { lapor: 120, perRegional: 25, activeSeconds: 20, settleSeconds: 60 },
  medium: { lapor: 1500, perRegional: 500, activeSeconds: 60, settleSeconds: 600 },
  full: { lapor: 6000, perRegional: 2000, activeSeconds: 180, settleSeconds: 1200 },
};
const scaleName = process.env.FAULTS_SCALE ?? 'short';
const SCALE = SCALES[scaleName];
if (!SCALE)
  throw new Error(`FAULTS_SCALE is "${scaleName}": use one of ${Object.keys(SCALES).join(', ')} (or leave it unset)`);
const SHORT = scaleName === 'short';

const FAULTS: Record<string, ProcessFault> = {
  'daemon SIGKILLed 2–6 s into its work, again and again': { replicas: 1, killEveryMs: [2000, 6000] },
  'Redis killed and restarted (AOF) 3 times': { replicas: 1, redisKills: 3 },
  'Redis unreachable 30 s (SIGSTOP)': { replicas: 1, redisFrozenMs: 30_000 },
  'two replicas': { replicas: 2 },
  'three replicas': { replicas: 3 },
  'daemon down 10 s (5 poll slots), twice': { replicas: 1, downForMs: 10_000 },
};
const ALL: ProcessFault = SHORT
  ? // The short form keeps Redis away for 10 s, not 30: the whole run stays near a minute.
    { replicas: 2, killEveryMs: [2000, 6000], redisKills: 1, redisFrozenMs: 10_000, downForMs: 6000 }
  : { replicas: 3, killEveryMs: [2000, 6000], redisKills: 2, redisFrozenMs: 30_000, downForMs: 10_000 };
const ROWS: [string, ProcessFault][] = SHORT
  ? [['all together', ALL]]
  : [...Object.entries(FAULTS), ['all together', ALL]];

describe(`process faults at ${SCALE.lapor} LAPOR + 2 × ${SCALE.perRegional} regional complaints (daemons, simulators and Redis as processes)`, () => {
  it.each(ROWS)(
    '%s: nothing lost, nothing doubled, each forward and answer once',
    async (name, fault) => {
      const result = await runProcessFault(name, fault, SCALE);
      process.stdout.write(`\n${formatProcessResult(result)}\n`);
      for (const row of result.rows) {
        expect(row, row.source).toMatchObject({ lost: 0, doubled: 0, quarantined: 0 });
        expect(row.atSource, row.source).toBeGreaterThan(0);
      }
      expect(result.forwards.expected).toBeGreaterThan(0);
      expect(result.forwards).toMatchObject({ delivered: result.forwards.expected, twice: 0 });
      expect(result.answers.expected).toBeGreaterThan(0);
      expect(result.answers).toMatchObject({ delivered: result.answers.expected, twice: 0 });
    },
    SHORT ? 180_000 : 3_600_000,
  );
});
