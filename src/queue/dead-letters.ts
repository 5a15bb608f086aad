import type { Job, Queue } from 'bullmq';
import type { Clock } from '../domain/clock.js';
import { isConnectorError } from '../domain/failures.js';
import type { Store } from '../store/store.js';
import type { Queues } from './queues.js';
import type { QueueName } from './names.js';

/** A job's dead-letter key: its id without any retry suffix, so history follows the work. */
export function workKey(queue: string, jobId: string): string {
  return `${queue}.${jobId.replace(/\.r\d+$/, '')}`;
}

export async function recordDeadLetter(
  store: Store,
  clock: Clock,
  queue: string,
  job: Job,
  err: Error,
): Promise<string> {
  const original = isConnectorError(err.cause) ? err.cause : err;
  const key = workKey(queue, job.id!);
  const previous = await store.deadLetters.get(key);
  const history = previous ? [...previous.history, { reason: previous.reason, failedAt: previous.failedAt }] : [];
  await store.deadLetters.set(key, {
    queue,
    name: job.name,
    jobId: job.id!,
    data: job.data as Record<string, unknown>,
    reason: err.message,
    ...(isConnectorError(original) ? { code: original.code } : {}),
    attempts: job.attemptsMade,
    failedAt: clock.now().toISOString(),
    history,
  });
  await store.audit({
    who: `worker:${queue}`,
    what: 'dead_lettered',
    why: err.message,
    detail: { jobId: job.id, key },
  });
  return key;
}

/** Sends dead-lettered work again as a new job; the entry and its history stay until it succeeds. */
export async function retryDeadLetter(
  store: Pick<Store, 'deadLetters' | 'audit'>,
  queues: Partial<Queues>,
  key: string,
  by = 'operator',
): Promise<string> {
  const entry = await store.deadLetters.get(key);
  if (!entry) throw new Error(`no dead letter "${key}" (see: lapor-bridge dlq list)`);
  const queue: Queue | undefined = queues[entry.queue as QueueName];
  if (!queue) throw new Error(`dead letter "${key}" names unknown queue "${entry.queue}"`);
  const jobId = `${entry.jobId.replace(/\.r\d+$/, '')}.r${entry.history.length + 1}`;
  await queue.add(entry.name, entry.data, { jobId });
  await store.audit({
    who: by,
    what: 'dlq_retry',
    why: `resend of ${key}`,
    ...(typeof entry.data.complaintId === 'string' ? { complaintId: entry.data.complaintId } : {}),
    detail: { jobId, key },
  });
  return jobId;
}

export async function dropDeadLetter(store: Store, key: string, by = 'operator'): Promise<boolean> {
  const dropped = await store.deadLetters.delete(key);
  if (dropped) await store.audit({ who: by, what: 'dlq_drop', why: `dropped ${key}`, detail: { key } });
  return dropped;
}
