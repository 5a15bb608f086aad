import { describe, expect, it } from 'vitest';
import type { FaultPatch } from '../../src/sandbox/shared/fault-settings.js';
import { formatResult, runFault, type Scale } from './world.js';

/**
 * The fault matrix of "nothing lost on the way in". `npm run test:faults` runs it at about
 * 10,000 complaints (6,000 LAPOR, 1,000 per regional system), each fault alone and then all
 * together; the default suite runs a short form (about 200 complaints, all faults together,
 * under 30 s). Counted on the simulators: every record they hold must be in the ledger,
 * once, and nothing may be left in quarantine once the broken copies were served well again.
 */
const FULL = process.env.FAULTS_SCALE === 'full';
const SCALE: Scale = FULL ? { lapor: 6000, perRegional: 1000, rounds: 8 } : { lapor: 120, perRegional: 20, rounds: 6 };

const FAULTS: Record<string, FaultPatch> = {
  '10% 5xx': { serverError: { rate: 0.1 } },
  '429 bursts (Retry-After 1 s)': { rateLimit: { every: 7, retryAfterSeconds: 1 } },
  'page served twice': { duplicatePage: { rate: 0.2 } },
  'records edited mid-poll': { editAfterList: { rate: 0.3 } },
  'malformed records (served broken once)': { malformed: { rate: 0.05 } },
};
const ALL: FaultPatch = Object.assign({}, ...Object.values(FAULTS)) as FaultPatch;
const ROWS: [string, FaultPatch][] = FULL
  ? [['none', {}], ...Object.entries(FAULTS), ['all together', ALL]]
  : [['all together', ALL]];

describe(`fault matrix at ${SCALE.lapor} LAPOR + 4 × ${SCALE.perRegional} regional complaints (real sandboxes, real Redis)`, () => {
  it.each(ROWS)(
    '%s: nothing lost, nothing doubled, nothing left in quarantine',
    async (name, patch) => {
      const result = await runFault(name, patch, SCALE);
      process.stdout.write(`\n${formatResult(result)}\n`);
      for (const row of result.rows) {
        expect(row, row.source).toMatchObject({ lost: 0, doubled: 0, quarantined: 0 });
        expect(row.atSource, row.source).toBeGreaterThan(0);
      }
    },
    FULL ? 3_600_000 : 60_000,
  );
});
