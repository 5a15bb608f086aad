import type { Runtime } from './runtime.js';
import { acceptRecords, screenRecord } from '../pipeline/accept.js';

export type ReplayResult = { outcome: 'requeued'; externalId: string } | { outcome: 'still_invalid'; reason: string };

/**
 * Maps a quarantined raw record again with the source's current mapping. When it now
 * passes, it is stored and ingested like any polled record and leaves quarantine;
 * otherwise the entry stays with the new reason.
 */
export async function replayQuarantined(runtime: Runtime, id: string): Promise<ReplayResult> {
  const { store } = runtime;
  const entry = await store.quarantine.entries.get(id);
  if (!entry) throw new Error(`no quarantined record "${id}" (see: lapor-bridge quarantine list)`);
  const connector = runtime.pollDeps.connector(entry.source);
  // The same encoding screen as on entry, so a replay that would only fail again stays put.
  const mapped = screenRecord(connector.mapRaw(entry.raw));
  if (!mapped.ok) {
    await store.quarantine.entries.set(id, {
      ...entry,
      reason: mapped.reason,
      lastSeen: runtime.clock.now().toISOString(),
    });
    return { outcome: 'still_invalid', reason: mapped.reason };
  }
  await acceptRecords(runtime.pollDeps, entry.source, [mapped]);
  await store.quarantine.entries.delete(id);
  await store.audit({
    who: 'operator',
    what: 'quarantine_replay',
    why: `record ${mapped.externalId} of ${entry.source} passes the current mapping`,
    detail: { quarantineId: id },
  });
  return { outcome: 'requeued', externalId: mapped.externalId };
}
