import type { Catalog } from '../i18n/messages.js';
import { localTime } from '../i18n/zone.js';
import type { SourceState } from '../store/records.js';
import type { Notice } from './notify.js';

export interface AlertDeps {
  /** Marks a name once across replicas (SET NX with a TTL); false when it was already marked. */
  once(name: string, ttlSeconds: number): Promise<boolean>;
  /** Removes a mark; true when it was there (one caller wins). */
  release(name: string): Promise<boolean>;
  notify(notice: Notice): Promise<void>;
  text: Catalog['notify'];
  help: Catalog['sync']['help'];
  timeZone: string;
  afterMinutes: number;
}

const INCIDENT_TTL_S = 30 * 24 * 3600;

/**
 * One alert per incident: a source failing for `afterMinutes` (its failingSince names the
 * incident, so every poll of the same outage finds the mark and stays quiet), and one
 * "recovered" message when a source that was alerted on syncs again.
 */
export async function checkFailingSources(
  states: Readonly<Record<string, SourceState>>,
  now: Date,
  deps: AlertDeps,
): Promise<Notice[]> {
  const sent: Notice[] = [];
  for (const [source, s] of Object.entries(states)) {
    if (s.state === 'failing' && s.failingSince) {
      if (now.getTime() - Date.parse(s.failingSince) < deps.afterMinutes * 60_000) continue;
      const incident = `alert.${source}.${s.failingSince}`;
      if (!(await deps.once(incident, INCIDENT_TTL_S))) continue;
      await deps.once(`alert-open.${source}`, INCIDENT_TTL_S);
      const help = deps.help[s.lastErrorCode ?? 'INTERNAL'] ?? deps.help.INTERNAL!;
      const notice: Notice = {
        kind: 'source_failing',
        subject: deps.text.failingSubject(source),
        text: deps.text.failingText(
          source,
          localTime(s.failingSince, deps.timeZone),
          s.consecutiveFailures,
          s.lastError ?? '',
          help.what,
          help.operator.replaceAll('NAMA_SUMBER', source).replaceAll('SOURCE', source),
        ),
        data: { source, failingSince: s.failingSince, failures: s.consecutiveFailures, code: s.lastErrorCode ?? null },
      };
      await told(deps, notice, async () => {
        await deps.release(incident);
        await deps.release(`alert-open.${source}`);
      });
      sent.push(notice);
    } else if (s.state === 'idle' && s.consecutiveFailures === 0 && s.lastSuccessAt) {
      // An alerted incident closes once: the replica whose delete removes the mark sends the message.
      if (!(await deps.release(`alert-open.${source}`))) continue;
      const notice: Notice = {
        kind: 'source_recovered',
        subject: deps.text.recoveredSubject(source),
        text: deps.text.recoveredText(source, localTime(s.lastSuccessAt, deps.timeZone)),
        data: { source, at: s.lastSuccessAt },
      };
      await told(deps, notice, async () => void (await deps.once(`alert-open.${source}`, INCIDENT_TTL_S)));
      sent.push(notice);
    }
  }
  return sent;
}

/**
 * Sends a notice; when it reached no channel (the mail server or the gateway was down), the
 * marks are put back as they were, so the next check, a minute later, sends it again
 * instead of the incident going untold.
 */
async function told(deps: AlertDeps, notice: Notice, undo: () => Promise<void>): Promise<void> {
  try {
    await deps.notify(notice);
  } catch (err) {
    await undo();
    throw err;
  }
}
