import { hash } from 'node:crypto';
import { z } from 'zod';
import { LANES } from '../store/cursors.js';

/** Job payloads carry ids only: citizen text and identity live in the ledger. */
export const pollJobSchema = z.strictObject({ source: z.string(), lane: z.enum(LANES), slot: z.string() });
export type PollJob = z.infer<typeof pollJobSchema>;

/** One page of a source's records (a job per page, not per record); a job of one record, as queued before, still reads. */
export const ingestJobSchema = z.union([
  /** `run`: the poll job that fetched the page, so the sync log can count what its records became. */
  z.strictObject({ source: z.string(), externalIds: z.array(z.string()).min(1), run: z.string().optional() }),
  z
    .strictObject({ source: z.string(), externalId: z.string() })
    .transform(({ source, externalId }) => ({ source, externalIds: [externalId] })),
]);
export type IngestJob = z.input<typeof ingestJobSchema>;

/** BullMQ rejects ":" in custom ids, so ids use "." and hash anything external. */
function short(...parts: string[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 24);
}

/** One poll per source, lane and schedule slot, however many replicas tick. */
export function pollJobId(job: PollJob): string {
  return `poll.${job.source}.${job.lane}.${job.slot.replace(/[^0-9A-Za-z-]/g, '')}`;
}

/** The same content of the same page is ingested once while its job is retained. */
export function ingestJobId(source: string, records: readonly { externalId: string; contentKey: string }[]): string {
  return `ingest.${short(source, ...records.flatMap((r) => [r.externalId, r.contentKey]))}`;
}

/** A schedule slot: the tick's scheduled time to the second, in UTC (cron may tick per second). */
export function slotOf(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
