import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ConnectorError, isConnectorError } from '../domain/failures.js';
import { complaintId as complaintIdOf, type Complaint } from '../domain/complaint.js';
import { isClosed, STATUS_RANK, type Status } from '../domain/status.js';
import type { Connector, OutboundResponse } from '../connectors/types.js';
import { decide } from '../queue/error-policy.js';
import { failureLog } from '../queue/failure-log.js';
import { pushBackoff } from '../queue/queues.js';
import { isOrigin, shownOn } from './answer-identity.js';
import { answerMayGo, outboundComplaint, outboundResponse } from './outbound.js';
import type { PushService, WriteEnded } from './service.js';
import type { PushJob, Target } from '../domain/push-job.js';
import { sendField } from './tasks.js';
import type { AuditEntry } from '../store/audit.js';
import type { Lease } from '../store/lock.js';
import type { EchoWrite } from '../store/remote-writes.js';
import type { OpdResponse } from '../store/responses.js';
import type { StoredSendState } from '../store/send-states.js';
import type { CasePushView } from '../store/push-view.js';

/** Why a push was skipped, when it is one of the counted reasons (a label on /metrics). */
export type SkipReason = 'closed_at_source' | 'case_already_there';
export type PushOutcome = { done: string } | { skipped: string; reason?: SkipReason };

/**
 * The push worker's processor. Each write is ensure-style and recorded in the send state
 * right after it succeeds; a retry first reads that state, so nothing is written twice.
 * A failure is recorded (attempts, reason) and rethrown for the one error policy. Every line
 * a job logs names its destination once: the worker binds a forward's (its job data names it),
 * the others are bound here.
 */
export async function executePush(service: PushService, job: PushJob, log: Logger): Promise<PushOutcome> {
  switch (job.kind) {
    case 'forward':
      await awaitTurn(service, job.destination);
      return forward(service, job.complaintId, job.destination, log);
    case 'tracking':
      return onComplaintRecord(service, job.complaintId, log, (log) =>
        writeTracking(service, job.complaintId, job.trackingId, log),
      );
    case 'status':
      return onComplaintRecord(service, job.complaintId, log, (log) =>
        mirrorStatus(service, job.complaintId, job.status, log),
      );
    case 'answers':
      await awaitTurn(service, job.target.system);
      return sendAnswers(service, job.caseId, job.target, log.child({ destination: job.target.system }));
  }
}

/**
 * A job for a destination whose write budget of this minute is spent waits for its turn
 * (src/store/rate-limit.ts) before it reads or locks anything.
 */
async function awaitTurn(service: PushService, destination: string): Promise<void> {
  await service.deps.store.remoteWrites.awaitTurn(service.budget(destination));
}

/** Tracking ids and statuses are written into the complaint's own record. */
async function onComplaintRecord(
  service: PushService,
  complaintId: string,
  log: Logger,
  run: (log: Logger) => Promise<PushOutcome>,
): Promise<PushOutcome> {
  const complaint = await service.deps.store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  await awaitTurn(service, complaint.source);
  const bound = log.child({ destination: complaint.source });
  return onRecord(service, { system: complaint.source, externalId: complaint.externalId }, () => run(bound));
}

function connectorOf(service: PushService, name: string): Connector {
  const connector = service.deps.connectors.get(name);
  if (!connector) throw new UnrecoverableError(`destination "${name}" is not a configured, enabled source`);
  return connector;
}

/** How a write ended when it did not throw: sent, or settled without sending (a final "no", or "not yet"). */
type Written = { sent: string } | { settled: 'refused' | 'waiting'; reason: string; err: unknown };

/** What a write records besides "sent", in the same call: its echo on the remote record, its audit entry. */
interface AfterWrite {
  echo?: EchoWrite;
  audit?: AuditEntry;
  /** The record's lease, released with "sent" when this is the last write under it. */
  release?: Lease;
}

/**
 * Runs one remote write with the write budget and send-state bookkeeping. The budget's slot
 * is taken with `echo` remembered, in one call; with `after`, "sent" is recorded with what it gives
 * (from `before`, the send state as read before the write) in one call too. The error policy
 * decides what a failure is: a refusal or a "not yet" is recorded here and ends the job
 * (one log line, no dead letter); waiting for the budget records nothing; a fault is
 * recorded and rethrown for the worker to retry.
 */
async function write(
  service: PushService,
  at: {
    scope: string;
    field: string;
    destination: string;
    resume: PushJob;
    echo?: EchoWrite;
    before?: StoredSendState;
    after?: (remoteId: string) => AfterWrite;
    /** An answer's approval time: the start of its approval→delivery latency. */
    approvedAt?: string;
  },
  log: Logger,
  run: () => Promise<string>,
): Promise<Written> {
  const { store, clock } = service.deps;
  const { scope, field, destination } = at;
  await store.remoteWrites.begin({ ...service.budget(destination), ...(at.echo ? { echo: at.echo } : {}) });
  try {
    const remoteId = await run();
    const now = clock.now();
    if (at.after) {
      const { release, ...after } = at.after(remoteId);
      await store.remoteWrites.sent({
        scope,
        field,
        remoteId,
        at: now,
        ...(at.before ? { before: at.before } : {}),
        ...after,
        ...(release ? { release } : {}),
        tally: destination,
      });
      release?.releasedElsewhere();
    } else await service.sendStates.sent(scope, field, remoteId, now);
    await ended(service, at, 'sent', now, log, { counted: at.after !== undefined });
    return { sent: remoteId };
  } catch (err) {
    const decision = decide(err, 'write');
    const reason = err instanceof Error ? err.message : String(err);
    const now = clock.now();
    if (decision.action === 'refuse' || decision.action === 'wait') {
      if (decision.action === 'refuse') await service.sendStates.refused(scope, field, reason, now);
      else await service.sendStates.waiting(scope, field, reason, now, at.resume);
      const said = failureLog(decision, err);
      log[said.level]({ ...said.fields, field, meaning: said.meaning }, said.message);
      const settled = decision.action === 'refuse' ? 'refused' : 'waiting';
      await ended(service, at, settled, now, log);
      return { settled, reason, err };
    }
    if (decision.action === 'delay' && decision.budget) throw err;
    const previous = await service.sendStates.get(scope, field);
    const waitMs =
      isConnectorError(err) && err.retryAfterMs !== undefined
        ? err.retryAfterMs
        : pushBackoff(service.deps.config.push.backoffMs, (previous?.attempts ?? 0) + 1);
    await service.sendStates.failed(scope, field, reason, now, new Date(now.getTime() + waitMs));
    await ended(service, at, 'failed', now, log);
    throw err;
  }
}

/**
 * A write ended: told to /metrics (service.writes), and counted for the destination's next
 * sync run (accepted as "pushed"; refused or failed as "failed"; a "not yet" is neither). The
 * count is bookkeeping: if Redis misses it, the write still stands.
 */
async function ended(
  service: PushService,
  at: { destination: string; resume: PushJob; approvedAt?: string },
  outcome: WriteEnded['outcome'],
  now: Date,
  log: Logger,
  /** Counted in the push tally already, with its send state. */
  { counted = false } = {},
): Promise<void> {
  service.writes.emit('ended', {
    kind: at.resume.kind,
    destination: at.destination,
    outcome,
    at: now,
    ...(at.approvedAt ? { approvedAt: at.approvedAt } : {}),
  });
  if (outcome === 'waiting' || counted) return;
  await service.deps.store.pushTally
    .add(at.destination, outcome === 'sent' ? 'pushed' : 'failed')
    .catch((err: unknown) =>
      log.warn(
        {
          err,
          meaning:
            'the write itself is done and recorded; only the pushed/failed count of the next sync run on /sync-logs misses it',
        },
        'push tally not counted',
      ),
    );
}

async function forward(
  service: PushService,
  complaintId: string,
  destination: string,
  log: Logger,
): Promise<PushOutcome> {
  const { store } = service.deps;
  const complaint = await store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.forward(destination);
  const state = await service.sendStates.get(complaintId, field);
  let trackingId = state?.state === 'sent' ? state.remoteId : undefined;

  if (!trackingId) {
    const skip = async (reason: SkipReason, why: string, seen: string): Promise<PushOutcome> => {
      await service.sendStates.skipped(complaintId, field, why);
      await store.audit({
        who: 'push',
        what: 'forward_skipped',
        why,
        complaintId,
        detail: { destination, reason, source: complaint.source, seen },
      });
      log.info({ why }, `forward skipped: ${reason.replaceAll('_', ' ')}`);
      return { skipped: reason.replaceAll('_', ' '), reason };
    };
    // Selesai, ditolak or diarsipkan where it came from: there is nothing left to handle elsewhere.
    if (isClosed(complaint.status))
      return skip(
        'closed_at_source',
        `closed at source: ${complaint.source} shows it ${complaint.status}`,
        complaint.status,
      );
    const policy = service.destination(destination);
    if (complaint.rahasia && policy.public) {
      await service.sendStates.skipped(complaintId, field, 'rahasia complaints never go to a public channel');
      return { skipped: 'rahasia' };
    }
    const connector = connectorOf(service, destination);
    if (!connector.createComplaint)
      throw new UnrecoverableError(
        `${destination} cannot create complaints (its connector has no create endpoint configured)`,
      );
    const rule = service.deps.config.push.forward.find((r) => r.from === complaint.source && r.to === destination);
    const classification = complaint.classification ?? rule?.unclassifiedAs;
    if (!classification)
      throw new ConnectorError(
        'INVALID_PAYLOAD',
        `complaint ${complaintId} from ${complaint.source} has no classification; set push.forward[].unclassifiedAs for this rule, then: lapor-bridge dlq retry`,
      );
    // Linked into a case since it was planned (a resend): the case goes there once. Asked only
    // before a first attempt: after one began (even in a process killed during it), the copy it
    // may have made can be in the case already (pulled back and linked), and the ensure-style
    // create below finds it by its reference.
    if (!state?.firstAttemptAt) {
      const already = await service.claimForward(complaintId, destination);
      if (already) return skip('case_already_there', `case already on ${destination}: ${already}`, already);
    }
    const identity = await store.raw.reporter(complaint.source, complaint.externalId);
    const create = connector.createComplaint.bind(connector);
    const written = await write(
      service,
      {
        scope: complaintId,
        field,
        destination,
        resume: { kind: 'forward', complaintId, destination },
      },
      log,
      async () => {
        const categoryId = complaint.category?.id ? rule?.categoryMap[complaint.category.id] : undefined;
        const result = await create(outboundComplaint({ ...complaint, classification }, identity, policy, categoryId));
        return result.trackingId ?? result.remoteId;
      },
    );
    if ('settled' in written) return { skipped: written.reason };
    trackingId = written.sent;
    await store.audit({
      who: 'push',
      what: 'forwarded',
      why: `forward rule ${complaint.source} → ${destination}`,
      complaintId,
      detail: { destination, remoteId: trackingId },
    });
    log.info({ remoteId: trackingId }, 'complaint forwarded');
  }
  // Also after a crash between the create and this line: the retry finds "sent" and gets here.
  // The copy joins the case when the destination's own poll brings it in; a copy that came in
  // before this reference (a crash right after the create) is joined now.
  await store.ledger.addReference(destination, trackingId, complaintId);
  await service.deps.joinCopy?.(destination, trackingId, complaintId);
  if (connectorOf(service, complaint.source).setTrackingId)
    await service.enqueue({ kind: 'tracking', complaintId, trackingId });
  await service.enqueueAnswers(complaint.caseId, { system: destination, externalId: trackingId });
  return { done: trackingId };
}

async function writeTracking(
  service: PushService,
  complaintId: string,
  trackingId: string,
  log: Logger,
): Promise<PushOutcome> {
  const complaint = await service.deps.store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.tracking(complaint.source);
  const state = await service.sendStates.get(complaintId, field);
  if (state?.remoteId === trackingId && state.state === 'sent') return { skipped: 'already written' };
  if (state?.state === 'refused') return { skipped: `refused earlier: ${state.lastReason ?? ''}` };
  const connector = connectorOf(service, complaint.source);
  if (!connector.setTrackingId) return { skipped: `${complaint.source} has no tracking id field` };
  const set = connector.setTrackingId.bind(connector);
  const written = await write(
    service,
    { scope: complaintId, field, destination: complaint.source, resume: { kind: 'tracking', complaintId, trackingId } },
    log,
    async () => {
      await set(complaint.externalId, trackingId);
      return trackingId;
    },
  );
  if ('settled' in written) return { skipped: written.reason };
  await service.deps.store.audit({
    who: 'push',
    what: 'tracking_id_written',
    why: `tracking id ${trackingId} written back to ${complaint.source}`,
    complaintId,
    detail: { trackingId },
  });
  return { done: trackingId };
}

async function mirrorStatus(
  service: PushService,
  complaintId: string,
  status: Status,
  log: Logger,
): Promise<PushOutcome> {
  const { store, clock } = service.deps;
  const complaint = await store.ledger.get(complaintId);
  if (!complaint) throw new UnrecoverableError(`complaint ${complaintId} is not in the ledger`);
  const field = sendField.status(complaint.source);
  const previous = await service.sendStates.get(complaintId, field);
  const last = previous?.state === 'sent' ? (previous.remoteId as Status | undefined) : undefined;
  // Never backwards: an older change that arrives late is not mirrored over a newer one.
  if (last && STATUS_RANK[last] >= STATUS_RANK[status]) return { skipped: `already mirrored ${last}` };
  // The record itself already says as much (its own poll): nothing to write.
  if (STATUS_RANK[complaint.status] >= STATUS_RANK[status])
    return { skipped: `${complaint.source} already shows ${complaint.status}` };
  const connector = connectorOf(service, complaint.source);
  if (!connector.updateStatus) return { skipped: `${complaint.source} takes no statuses` };
  if (connector.mirrorsStatus?.(status) === false)
    return { skipped: `${complaint.source} shows no ${status} (notMirrored in its config)` };
  const update = connector.updateStatus.bind(connector);
  const written = await write(
    service,
    { scope: complaintId, field, destination: complaint.source, resume: { kind: 'status', complaintId, status } },
    log,
    async () => {
      await update(complaint.externalId, status);
      return status;
    },
  );
  if ('settled' in written) {
    // The destination has no value for this status: an operator decides (triage), nothing is guessed.
    if (written.settled === 'refused' && isConnectorError(written.err) && written.err.code === 'INVALID_PAYLOAD') {
      await store.triage.set(`${complaintId}:status-out`, {
        kind: 'unmapped_status',
        complaintId,
        source: complaint.source,
        value: status,
        refusal: written.reason,
        at: clock.now().toISOString(),
      });
    }
    return { skipped: written.reason };
  }
  // Mirrored: a status it once had no value for is behind it now, and so is that question.
  await store.triage.delete(`${complaintId}:status-out`);
  return { done: status };
}

/**
 * One writer per remote record at a time, across replicas and job kinds: systems whose
 * writes replace a whole document (the WhatsApp desk's handling record) would otherwise
 * lose an appended answer to a concurrent status write. Waiting for the turn is quiet.
 * The lease is the job lock's: a writer killed mid-write frees the record when its job is taken over.
 */
async function onRecord<T>(service: PushService, record: Target, run: () => Promise<T>): Promise<T> {
  const { store, config } = service.deps;
  const lock = await store.lock(recordLease(record), config.pipeline.jobLockMs);
  if (!lock) throw recordBusy(record);
  try {
    return await run();
  } finally {
    await lock.release();
  }
}

/** The lease of one remote record's writer (`onRecord`). */
const recordLease = (record: Target): string => `record:${record.system}:${record.externalId}`;

const recordBusy = (record: Target): ConnectorError =>
  new ConnectorError('RATE_LIMITED', `another worker is writing to ${record.system} ${record.externalId}`, {
    retryAfterMs: 1000,
  });

/** Under the record's lease as `onRecord` takes it, taken by the same call that reads the case. */
async function sendAnswers(service: PushService, caseId: string, target: Target, log: Logger): Promise<PushOutcome> {
  const { store, config } = service.deps;
  const connector = connectorOf(service, target.system);
  if (!connector.postResponse) return { skipped: `${target.system} takes no answers` };
  const post = connector.postResponse.bind(connector);
  const field = sendField.answer(target);
  // The record as the bridge last pulled it (the target's own complaint, or the copy we created there).
  const recordId = complaintIdOf(target.system, target.externalId);
  // One call: the record's lease, the case's complaints, its answers with their send states here, and the record.
  const read = await store.leasedPushView(caseId, {
    field,
    complaints: [recordId],
    lease: recordLease(target),
    ttlMs: config.pipeline.jobLockMs,
  });
  if (!read) throw recordBusy(target);
  try {
    return await sendAnswersLeased(service, caseId, target, { ...read, post, field, recordId }, log);
  } finally {
    await read.lease.release();
  }
}

/** What an answers job does with one answer of its case: nothing (not listed), a send state of its own, or a write. */
type AnswerStep =
  | { response: OpdResponse; skipped: string }
  | { response: OpdResponse; shown: string }
  | { response: OpdResponse; before: StoredSendState; outbound: OutboundResponse };

function answerSteps(
  service: PushService,
  target: Target,
  view: CasePushView,
  record: Complaint | undefined,
): AnswerStep[] {
  const rahasia = view.members.some((m) => m.complaint?.rahasia);
  const publicChannel = service.destination(target.system).public;
  return view.answers.flatMap(({ response, state: before }): AnswerStep[] => {
    if (response.state !== 'approved') return [];
    if (isOrigin(response, target)) return [];
    const state = before.state;
    if (state?.state === 'sent' || state?.state === 'skipped' || state?.state === 'refused') return [];
    if (response.historical)
      return [
        { response, skipped: 'an answer of the imported history, delivered before the bridge: never sent again' },
      ];
    if (!answerMayGo(rahasia, { public: publicChannel }))
      return [{ response, skipped: 'answers to rahasia complaints never go to a public channel' }];
    const outbound = outboundResponse(response);
    const shown = shownOn({ text: outbound.text, ...(response.opd ? { opd: response.opd } : {}) }, record);
    // Already on that record (written there by hand, or ours coming back): one identity, not a second copy.
    if (shown !== undefined) return [{ response, shown }];
    return [{ response, before, outbound }];
  });
}

async function sendAnswersLeased(
  service: PushService,
  caseId: string,
  target: Target,
  read: {
    view: CasePushView;
    lease: Lease;
    post: NonNullable<Connector['postResponse']>;
    field: string;
    recordId: string;
  },
  log: Logger,
): Promise<PushOutcome> {
  const { view, lease, post, field, recordId } = read;
  const steps = answerSteps(service, target, view, view.complaints.get(recordId));
  const lastWrite = steps.findLastIndex((step) => 'outbound' in step);
  let sent = 0;
  // Oldest first, and stop at the first failure: a newer answer never overtakes an older one.
  for (const [i, step] of steps.entries()) {
    const { response } = step;
    if ('skipped' in step) {
      await service.sendStates.skipped(response.id, field, step.skipped);
      continue;
    }
    if ('shown' in step) {
      await service.sendStates.sent(response.id, field, step.shown, service.deps.clock.now());
      continue;
    }
    const { before, outbound } = step;
    const written = await write(
      service,
      {
        scope: response.id,
        field,
        destination: target.system,
        resume: { kind: 'answers', caseId, target },
        // Remembered before the write, so a poll racing with it never takes our answer for a new one.
        echo: service.echoOf(target, { text: outbound.text }),
        before,
        after: (remoteId) => ({
          echo: service.echoOf(target, { remoteId }),
          audit: {
            who: 'push',
            what: 'answer_sent',
            why: `approved answer to ${target.system} ${target.externalId}`,
            complaintId: response.complaintId,
            detail: { responseId: response.id, remoteId, system: target.system, externalId: target.externalId },
          },
          // Nothing is written to the record after the last answer: its "sent" frees the record.
          ...(i === lastWrite ? { release: lease } : {}),
        }),
        approvedAt: response.approvedAt ?? response.createdAt,
      },
      log,
      async () => (await post(target.externalId, outbound)).remoteId,
    );
    if ('settled' in written) {
      // A refusal is final for this answer only; "not yet" holds back the newer ones too.
      if (written.settled === 'waiting') break;
      continue;
    }
    sent += 1;
  }
  if (sent > 0) log.info({ sent }, 'answers delivered');
  return { done: `${sent} sent` };
}
