import type { LedgerGauges } from '../http/metrics.js';
import type { Runtime } from './runtime.js';
import type { SourceState } from '../store/records.js';
import { draftsWaiting } from '../workspace/drafts.js';

/** Per-source sync state, for /readyz detail, metrics and `lapor-bridge status`. */
export async function sourceHealth(runtime: Runtime): Promise<Record<string, SourceState>> {
  const out: Record<string, SourceState> = {};
  for (const name of runtime.connectors.keys()) out[name] = await runtime.store.sources.get(name);
  return out;
}

/** What /metrics reads from the ledger at scrape time. */
export function ledgerGauges(runtime: Runtime): LedgerGauges {
  const { store } = runtime;
  return {
    sources: () => sourceHealth(runtime),
    drafts: async () => draftsWaiting(runtime.push.responses.all(), runtime.clock.now()),
    backlog: async () => ({
      complaints: await store.ledger.count(),
      quarantine: await store.quarantine.entries.size(),
      triage: await store.triage.size(),
      deadLetters: await store.deadLetters.size(),
    }),
  };
}
