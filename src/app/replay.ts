import type { Runtime } from './runtime.js';
import { acceptRecords, screenRecord } from '../pipeline/accept.js';
import { refetchEntry } from '../pipeline/refetch.js';

export type ReplayResult = { outcome: 'requeued'; externalId: string } | { outcome: 'still_invalid'; reason: string };

/**
 * Brings a quarantined record back: first fetched again from its source (the source may
 * serve it well now), then, when that does not pass, its kept copy mapped again with the
 * current configuration (a mapping fix). What passes is stored and ingested like any polled
 * record and leaves quarantine; otherwise the entry stays with the newest reason.
 */
export async function replayQuarantined(runtime: Runtime, id: string): Promise<ReplayResult> {
  const { store } = runtime;
  const entry = await store.quarantine.entries.get(id);
  if (!entry) throw new Error(`no quarantined record "${id}" (see: lapor-bridge quarantine list)`);
  // A source that cannot be reached now leaves the kept copy to be mapped again.
  const fetched = await refetchEntry(runtime.pollDeps, entry).catch((err: unknown) => ({
    outcome: 'still_invalid' as const,
    reason: `not fetched again: ${err instanceof Error ? err.message : String(err)}`,
  }));
  if (fetched.outcome === 'requeued') {
    await store.audit({
      who: 'operator',
      what: 'quarantine_replay',
      why: `record ${fetched.externalId} of ${entry.source} fetched again from the source, now valid`,
      detail: { quarantineId: id, source: entry.source, externalId: fetched.externalId, by: 'refetch' },
    });
    return fetched;
  }
  const connector = runtime.pollDeps.connector(entry.source);
  // The same encoding screen as on entry, so a replay that would only fail again stays put.
  const mapped = screenRecord(connector.mapRaw(entry.raw));
  if (!mapped.ok) {
    const reason =
      fetched.outcome === 'still_invalid' || fetched.outcome === 'not_now' ? fetched.reason : mapped.reason;
    const current = (await store.quarantine.entries.get(id)) ?? entry;
    await store.quarantine.entries.set(id, { ...current, reason, lastSeen: runtime.clock.now().toISOString() });
    return { outcome: 'still_invalid', reason };
  }
  await acceptRecords(runtime.pollDeps, entry.source, [mapped]);
  await store.quarantine.entries.delete(id);
  await store.audit({
    who: 'operator',
    what: 'quarantine_replay',
    why: `record ${mapped.externalId} of ${entry.source} passes the current mapping`,
    detail: { quarantineId: id, source: entry.source, externalId: mapped.externalId, by: 'mapping' },
  });
  return { outcome: 'requeued', externalId: mapped.externalId };
}
