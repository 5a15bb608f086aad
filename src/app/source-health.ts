import type { LedgerGauges } from '../http/metrics.js';
import type { Runtime } from './runtime.js';
import type { SourceState } from '../store/records.js';
import { draftsWaiting } from '../workspace/drafts.js';
import { countDue } from '../rekap/due.js';
import { rekapSettings } from '../rekap/settings.js';

/** Per-source sync state, for /readyz detail, metrics and `lapor-bridge status`. */
export async function sourceHealth(
  runtime: Pick<Runtime, 'connectors' | 'store'>,
): Promise<Record<string, SourceState>> {
  const out: Record<string, SourceState> = {};
  for (const name of runtime.connectors.keys()) out[name] = await runtime.store.sources.get(name);
  return out;
}

// The due lists read a year of complaints: a scrape every 15 s reuses a reading this fresh.
const OVERDUE_FRESH_MS = 5 * 60_000;

/** What /metrics reads from the ledger at scrape time. */
export function ledgerGauges(runtime: Runtime): LedgerGauges {
  const { store } = runtime;
  const settings = rekapSettings(runtime.config, runtime.opd);
  let overdue: { at: number; counts: Promise<Record<string, number>> } | undefined;
  const readOverdue = async (): Promise<Record<string, number>> => {
    const counts = await countDue(store, settings, { now: runtime.clock.now() });
    return Object.fromEntries(counts.map((r) => [r.key ?? '', r.overdue]));
  };
  return {
    overdue: () => {
      const now = runtime.clock.now().getTime();
      if (!overdue || now - overdue.at > OVERDUE_FRESH_MS) {
        overdue = { at: now, counts: readOverdue() };
        // A failed reading is not kept: the next scrape tries again.
        overdue.counts.catch(() => (overdue = undefined));
      }
      return overdue.counts;
    },
    sources: () => sourceHealth(runtime),
    drafts: async () => draftsWaiting(runtime.push.responses.drafts(), runtime.clock.now()),
    backlog: async () => ({
      complaints: await store.ledger.count(),
      quarantine: await store.quarantine.entries.size(),
      triage: await store.triage.size(),
      deadLetters: await store.deadLetters.size(),
    }),
  };
}
