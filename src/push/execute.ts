import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ConnectorError, isConnectorError } from '../domain/failures.js';
import { STATUS_RANK, type Status } from '../domain/status.js';
import type { Connector } from '../connectors/types.js';
import { pushBackoff } from '../queue/queues.js';
import { acquireLock } from '../store/lock.js';
import { outboundComplaint, outboundResponse } from './outbound.js';
import { takeWriteSlot } from './rate-limit.js';
import type { PushService } from './service.js';
import { sendField, type PushJob, type Target } from './tasks.js';

export type PushOutcome = { done: string } | { skipped: string };

/**
 * The push worker's processor. Each write is ensure-style and recorded in the send state
 * right after it succeeds; a retry first reads that state, so nothing is written twice.
 * A failure is recorded (attempts, reason) and rethrown for the one error policy.
 */
export async function executePush(service: PushService, job: PushJob, log: Logger): Promise<PushOutcome> {
  switch (job.kind) {
    case 'forward':
      return forward(service, job.complaintId, job.destination, log);
    case 'tracking':
      return writeTracking(service, job.complaintId, job.trackingId);
    case 'status':
      return mirrorStatus(service, job.complaintId, job.status);
    case 'answers':
      return sendAnswers(service, job.caseId, job.target, log);
  }
}

function connectorOf(service: PushService, name: string): Connector {
  const connector = service.deps.connectors.get(name);
  if (!connector) throw new UnrecoverableError(`destination "${name}" is not a configured, enabled source`);
  return connector;
}

/** Runs one remote write with rate limiting and send-state bookkeeping. */
async function write(service: PushService, scope: string, field: string, destination: string, run: () => Promise<string>): Promise<string> {
  const { store, clock } = service.deps;
  try {
    await takeWriteSlot(store.redis, store.keys, destination, service.destination(destination).ratePerMinute, clock.now());
    const remoteId = await run();
    await service.sendStates.sent(scope, field, remoteId, clock.now());
    return remoteId;
  } catch (err) {
    const previous = await service.sendStates.get(scope, field);
    const now = clock.now();
    const waitMs = isConnectorError(err) && err.retryAfterMs !== undefined ? err.retryAfterMs : pushBackoff(service.deps.config.push.backoffMs, (previous?.attempts ?? 0) + 1);
    await service.sendStates.failed(scope, field, err instanceof Error ? err.message : String(err), now, new Date(now.getTime() + waitMs));
    throw err;
  }
}

async function forward(service: PushService, complaintId: string, destination: string, log: Logger): Promise<PushOutcome> {
  const { store } = service.deps;
  const complaint = await store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.forward(destination);
  const state = await service.sendStates.get(complaintId, field);
  let trackingId = state?.state === 'sent' ? state.remoteId : undefined;

  if (!trackingId) {
    const policy = service.destination(destination);
    if (complaint.rahasia && policy.public) {
      await service.sendStates.skipped(complaintId, field, 'rahasia complaints never go to a public channel');
      return { skipped: 'rahasia' };
    }
    const connector = connectorOf(service, destination);
    if (!connector.createComplaint) throw new UnrecoverableError(`${destination} cannot create complaints (its connector has no create endpoint configured)`);
    const rule = service.deps.config.push.forward.find((r) => r.from === complaint.source && r.to === destination);
    const classification = complaint.classification ?? rule?.unclassifiedAs;
    if (!classification) throw new ConnectorError('INVALID_PAYLOAD', `complaint ${complaintId} from ${complaint.source} has no classification; set push.forward[].unclassifiedAs for this rule, then: lapor-bridge dlq retry`);
    const identity = (await store.raw.get(complaint.source, complaint.externalId))?.draft.reporter;
    const create = connector.createComplaint.bind(connector);
    trackingId = await write(service, complaintId, field, destination, async () => {
      const categoryId = complaint.category?.id ? rule?.categoryMap[complaint.category.id] : undefined;
      const result = await create(outboundComplaint({ ...complaint, classification }, identity, policy, categoryId));
      return result.trackingId ?? result.remoteId;
    });
    // The copy joins the case when the destination's own poll brings it in.
    await store.redis.sadd(store.keys.crossRefs(destination, trackingId), complaintId);
    await store.audit({ who: 'push', what: 'forwarded', why: `forward rule ${complaint.source} → ${destination}`, complaintId, detail: { destination, remoteId: trackingId } });
    log.info({ destination, remoteId: trackingId }, 'complaint forwarded');
  }
  // Also after a crash between the create and this line: the retry finds "sent" and gets here.
  if (connectorOf(service, complaint.source).setTrackingId) await service.enqueue({ kind: 'tracking', complaintId, trackingId });
  await service.enqueueAnswers(complaint.caseId, { system: destination, externalId: trackingId });
  return { done: trackingId };
}

async function writeTracking(service: PushService, complaintId: string, trackingId: string): Promise<PushOutcome> {
  const complaint = await service.deps.store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.tracking(complaint.source);
  if ((await service.sendStates.get(complaintId, field))?.remoteId === trackingId) return { skipped: 'already written' };
  const connector = connectorOf(service, complaint.source);
  if (!connector.setTrackingId) return { skipped: `${complaint.source} has no tracking id field` };
  const set = connector.setTrackingId.bind(connector);
  await write(service, complaintId, field, complaint.source, async () => {
    try {
      await set(complaint.externalId, trackingId);
    } catch (err) {
      // A record the remote is not ready to annotate (a WhatsApp desk report nobody has opened
      // yet) is "not yet", not "never": keep retrying on the push schedule.
      if (isConnectorError(err) && err.code === 'NOT_FOUND') throw new ConnectorError('TRANSIENT', `${complaint.source} cannot take the tracking id yet: ${err.message}`, { cause: err });
      throw err;
    }
    return trackingId;
  });
  await service.deps.store.audit({ who: 'push', what: 'tracking_id_written', why: `tracking id ${trackingId} written back to ${complaint.source}`, complaintId });
  return { done: trackingId };
}

async function mirrorStatus(service: PushService, complaintId: string, status: Status): Promise<PushOutcome> {
  const { store, clock } = service.deps;
  const complaint = await store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.status(complaint.source);
  const last = (await service.sendStates.get(complaintId, field))?.remoteId as Status | undefined;
  // Never backwards: an older change that arrives late is not mirrored over a newer one.
  if (last && STATUS_RANK[last] >= STATUS_RANK[status]) return { skipped: `already mirrored ${last}` };
  const connector = connectorOf(service, complaint.source);
  if (!connector.updateStatus) return { skipped: `${complaint.source} takes no statuses` };
  const update = connector.updateStatus.bind(connector);
  try {
    await write(service, complaintId, field, complaint.source, async () => {
      await update(complaint.externalId, status);
      return status;
    });
  } catch (err) {
    if (!(isConnectorError(err) && err.code === 'INVALID_PAYLOAD')) throw err;
    // The destination has no value for this status: an operator decides (triage), nothing is guessed.
    await store.triage.set(`${complaintId}:status-out`, { kind: 'unmapped_status', complaintId, source: complaint.source, value: status, reason: `${complaint.source} cannot take status "${status}": ${err.message}`, at: clock.now().toISOString() });
    return { skipped: 'unmapped at the destination' };
  }
  return { done: status };
}

async function sendAnswers(service: PushService, caseId: string, target: Target, log: Logger): Promise<PushOutcome> {
  const { store } = service.deps;
  // One sender per (case, record) at a time, across replicas: two jobs must not both send an answer.
  const lock = await acquireLock(store.redis, store.keys.lock(`answers:${caseId}:${target.system}:${target.externalId}`), 30_000);
  if (!lock) throw new ConnectorError('TRANSIENT', 'another worker is sending answers for this case and record', { retryAfterMs: 1000 });
  try {
    return await sendAnswersLocked(service, caseId, target, log);
  } finally {
    await lock.release();
  }
}

async function sendAnswersLocked(service: PushService, caseId: string, target: Target, log: Logger): Promise<PushOutcome> {
  const { store } = service.deps;
  const connector = connectorOf(service, target.system);
  if (!connector.postResponse) return { skipped: `${target.system} takes no answers` };
  const post = connector.postResponse.bind(connector);
  const members = await Promise.all((await store.ledger.caseMembers(caseId)).map((id) => store.ledger.get(id)));
  const rahasia = members.some((c) => c?.rahasia);
  const publicChannel = service.destination(target.system).public;
  let sent = 0;
  // Oldest first, and stop at the first failure: a newer answer never overtakes an older one.
  for (const response of await service.responses.ofCase(caseId)) {
    if (response.state !== 'approved') continue;
    if (response.origin?.source === target.system && response.origin.externalId === target.externalId) continue;
    const field = sendField.answer(target);
    const state = await service.sendStates.get(response.id, field);
    if (state?.state === 'sent' || state?.state === 'skipped') continue;
    if (rahasia && publicChannel) {
      await service.sendStates.skipped(response.id, field, 'answers to rahasia complaints never go to a public channel');
      continue;
    }
    const outbound = outboundResponse(response);
    // Remembered before the write, so a poll racing with it never takes our answer for a new one.
    await service.rememberEcho(target, { text: outbound.text });
    const remoteId = await write(service, response.id, field, target.system, async () => (await post(target.externalId, outbound)).remoteId);
    await service.rememberEcho(target, { remoteId });
    await store.audit({ who: 'push', what: 'answer_sent', why: `approved answer to ${target.system} ${target.externalId}`, complaintId: response.complaintId, detail: { responseId: response.id, remoteId } });
    sent += 1;
  }
  if (sent > 0) log.info({ target: target.system, sent }, 'answers delivered');
  return { done: `${sent} sent` };
}
