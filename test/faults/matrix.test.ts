import { describe, expect, it } from 'vitest';
import { formatResult, runFault, type Fault, type Scale } from './world.js';

/**
 * The fault matrix of "nothing lost on the way in". `npm run test:faults` runs it at about
 * 10,000 complaints (6,000 LAPOR, 1,000 per regional system), each fault alone and then all
 * together; FAULTS_SCALE=medium at a quarter of that, for trying a change in minutes; the
 * default suite runs a short form (about 200 complaints, all faults together, under 30 s).
 * Counted on the simulators: every record they hold must be in the ledger, once, and nothing
 * may be left in quarantine once the broken copies were served well again.
 */
// Under 10% 5xx on every call a poll job can run out of attempts (the next poll goes on from
// its cursor) and a record's own re-fetch can fail several polls in a row: the rounds leave
// room for that tail (the full run settles in 6 to 8).
const SCALES: Record<string, Scale> = {
  short: { lapor: 120, perRegional: 20, rounds: 6 },
  medium: { lapor: 1500, perRegional: 250, rounds: 12 },
  full: { lapor: 6000, perRegional: 1000, rounds: 12 },
};
const scaleName = process.env.FAULTS_SCALE ?? 'short';
const SCALE = SCALES[scaleName];
if (!SCALE)
  throw new Error(`FAULTS_SCALE is "${scaleName}": use one of ${Object.keys(SCALES).join(', ')} (or leave it unset)`);
const SHORT = scaleName === 'short';

const MINUTES_15 = 15 * 60_000;
const FAULTS: Record<string, Fault> = {
  '10% 5xx': { patch: { serverError: { rate: 0.1 } } },
  '429 bursts (Retry-After 1 s)': { patch: { rateLimit: { every: 7, retryAfterSeconds: 1 } } },
  'page served twice': { patch: { duplicatePage: { rate: 0.2 } } },
  'records edited mid-poll': { patch: { editAfterList: { rate: 0.3 } } },
  'malformed records (served broken once)': { patch: { malformed: { rate: 0.05 } } },
  'clocks 15 minutes off (LAPOR ahead, regional behind)': { patch: {}, clockOffsetMs: MINUTES_15 },
};
const ALL: Fault = {
  patch: Object.assign({}, ...Object.values(FAULTS).map((f) => f.patch)) as Fault['patch'],
  clockOffsetMs: MINUTES_15,
};
const ROWS: [string, Fault][] = SHORT
  ? [['all together', ALL]]
  : [['none', { patch: {} }], ...Object.entries(FAULTS), ['all together', ALL]];

describe(`fault matrix at ${SCALE.lapor} LAPOR + 4 × ${SCALE.perRegional} regional complaints (real sandboxes, real Redis)`, () => {
  it.each(ROWS)(
    '%s: nothing lost, nothing doubled, nothing left in quarantine',
    async (name, fault) => {
      const result = await runFault(name, fault, SCALE);
      process.stdout.write(`\n${formatResult(result)}\n`);
      for (const row of result.rows) {
        expect(row, row.source).toMatchObject({ lost: 0, doubled: 0, quarantined: 0 });
        expect(row.atSource, row.source).toBeGreaterThan(0);
      }
    },
    SHORT ? 60_000 : 3_600_000,
  );
});
