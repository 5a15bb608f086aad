import { EventEmitter } from 'node:events';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Connector } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import { responseId, type Complaint } from '../domain/complaint.js';
import { STATUS_RANK } from '../domain/status.js';
import type { Store } from '../store/store.js';
import type { AuditEntry } from '../store/audit.js';
import type { CasePushView } from '../store/push-view.js';
import type { Budget, EchoWrite } from '../store/remote-writes.js';
import { budgetWaitMs } from '../store/rate-limit.js';
import { answerTextKey, isOrigin } from './answer-identity.js';
import { AuthorityError, type Authority } from './authority.js';
import type { PushJob, Target } from '../domain/push-job.js';
import type { OpdResponse, ResponseStore } from '../store/responses.js';
import type { SendState, SendStates } from '../store/send-states.js';
import { pushJobId, sendField } from './tasks.js';
import { retryDeadLetter, workKey } from '../queue/dead-letters.js';
import { systemApproval } from './system-approval.js';

/** What pushing reads and writes in the store: the ledger, answers, send states, echoes, the write budget and record locks. */
export type PushStore = Pick<
  Store,
  | 'ledger'
  | 'raw'
  | 'triage'
  | 'responses'
  | 'sendStates'
  | 'echoes'
  | 'audit'
  | 'lock'
  | 'remoteWrites'
  | 'pushView'
  | 'leasedPushView'
  | 'saveAnswerThenPushView'
  | 'pushTally'
  | 'deadLetters'
>;

/**
 * One remote write that ended: accepted by the destination (`sent`), refused for good,
 * left waiting for the destination ("not yet"), or failed (retried on the push schedule).
 * `approvedAt`: the answer's approval, for an answer's write.
 */
export interface WriteEnded {
  kind: PushJob['kind'];
  destination: string;
  outcome: 'sent' | 'refused' | 'waiting' | 'failed';
  at: Date;
  approvedAt?: string;
}

export interface PushDeps {
  config: Config;
  store: PushStore;
  connectors: Map<string, Connector>;
  pushQueue: Queue;
  clock: Clock;
  logger: Logger;
  /**
   * Who may answer and what waits for approval: the daemon's rules (src/push/authority.ts),
   * for an officer's answer (`write`) or for one pulled from a source (`pulled`).
   */
  authority: (use: 'write' | 'pulled') => Promise<Authority>;
  /** Joins the case of a forwarded complaint with the destination's copy when that copy is already in the ledger. */
  joinCopy?: (destination: string, remoteId: string, complaintId: string) => Promise<void>;
}

export type Destination = Config['push']['destinations'][string];

/** An answer found on a complaint's own record, as pulling stores it (origin: the record; key: its id there). */
interface PulledAnswer {
  text: string;
  by: string;
  at: string;
  origin: NonNullable<OpdResponse['origin']>;
  key: string;
  published: boolean;
  historical: boolean;
}

/**
 * What `reconcilePage` read for its complaints, which each one's `reconcile` reads from
 * instead of asking again: their cases' members and those members' documents, the cases'
 * answers (an answer this page stores is added), and the complaints' send states.
 */
interface PageView {
  members: Map<string, string[]>;
  documents: Map<string, Complaint | undefined>;
  answers: Map<string, OpdResponse[]>;
  states: Map<string, Record<string, SendState>>;
}

/** What a writer of an answer gives; the rest (case, state, times) is the store's. */
type StoredFields = Pick<OpdResponse, 'id' | 'text' | 'by' | 'at'> &
  Partial<Pick<OpdResponse, 'origin' | 'opd' | 'opdCode' | 'approvedBy' | 'historical'>>;

const recordOf = (complaint: Complaint): Target => ({ system: complaint.source, externalId: complaint.externalId });

/** How an echo of an answer is remembered on a record: its id there, and its text. */
function echoMembers(remoteId: string | undefined, text: string | undefined): string[] {
  return [...(remoteId ? [`id:${remoteId}`] : []), ...(text !== undefined ? [`text:${answerTextKey(text)}`] : [])];
}

const DEFAULT_DESTINATION: Destination = {
  public: false,
  sendIdentity: false,
  answersArePublished: false,
  ratePerMinute: 60,
};

/** A member's forward that began and is not settled (retried, or waiting for its record): the case is on its way there. */
const BEING_SENT: ReadonlySet<string> = new Set(['pending', 'failed', 'waiting']);
const FORWARD_CLAIM_LOCK_MS = 10_000;
const FORWARD_CLAIM_WAIT_MS = 20_000;

/**
 * Decides what must be written where and enqueues it; the push worker (execute.ts) does
 * the writing. Everything is triggered by ledger changes and approvals, not by polls.
 */
export class PushService {
  /** 'approved' (waitMs from draft to approval): for the approval latency histogram of /metrics. */
  readonly approvals = new EventEmitter<{ approved: [waitMs: number] }>();
  /** Every remote write that ended, for the counters and the approval→delivery histogram of /metrics. */
  readonly writes = new EventEmitter<{ ended: [write: WriteEnded] }>();
  readonly responses: ResponseStore;
  readonly sendStates: SendStates;

  constructor(readonly deps: PushDeps) {
    this.responses = deps.store.responses;
    this.sendStates = deps.store.sendStates;
  }

  destination(name: string): Destination {
    return this.deps.config.push.destinations[name] ?? DEFAULT_DESTINATION;
  }

  /** The destination's write budget now (src/store/rate-limit.ts). */
  budget(destination: string): Budget {
    return { destination, perMinute: this.destination(destination).ratePerMinute, now: this.deps.clock.now() };
  }

  /** `again` names a new occasion for the same work (a record that changed), so its job id is new. */
  async enqueue(job: PushJob, approvedCount = 0, again?: string): Promise<void> {
    const jobId = `${pushJobId(job, approvedCount)}${again ? `.${again}` : ''}`;
    const delay = await this.turnOf(job, jobId);
    await this.deps.pushQueue.add(job.kind, job, { jobId, ...(delay > 0 ? { delay } : {}) });
  }

  /**
   * A new job for a destination whose write budget of this minute is spent waits for its turn
   * from the start (src/store/rate-limit.ts), instead of being taken up only to be turned away.
   * A job asked for again (its id is held) changes nothing and takes no place in the line.
   */
  private async turnOf(job: PushJob, jobId: string): Promise<number> {
    const destination =
      job.kind === 'answers' ? job.target.system : job.kind === 'forward' ? job.destination : undefined;
    if (!destination) return 0;
    const budget = this.budget(destination);
    const { remoteWrites } = this.deps.store;
    if (!remoteWrites.spent(budget)) return 0;
    if (await this.deps.pushQueue.getJob(jobId)) return 0;
    return budgetWaitMs(budget.perMinute, budget.now, await remoteWrites.placeInLine(budget));
  }

  /** Every record of a case that can take an answer: its complaints, and the copies we created elsewhere. */
  async targetsOfCase(caseId: string): Promise<{ target: Target; complaint: Complaint }[]> {
    return this.targetsIn(await this.deps.store.pushView(caseId));
  }

  /** `targetsOfCase` from a case as read for pushing. */
  private targetsIn(view: CasePushView): { target: Target; complaint: Complaint }[] {
    const found = new Map<string, { target: Target; complaint: Complaint }>();
    for (const { complaint, sendStates } of view.members) {
      if (!complaint) continue;
      const add = (target: Target) => {
        if (this.deps.connectors.get(target.system)?.postResponse)
          found.set(`${target.system}\u0000${target.externalId}`, { target, complaint });
      };
      add({ system: complaint.source, externalId: complaint.externalId });
      for (const [field, state] of Object.entries(sendStates)) {
        if (field.startsWith('forward|') && state.state === 'sent' && state.remoteId)
          add({ system: field.slice('forward|'.length), externalId: state.remoteId });
      }
    }
    return [...found.values()];
  }

  /**
   * Queues the case's approved answers for each of its records (or only `only`): one job per
   * record, whose id counts the approved answers, so a repeat asks nothing new. The case is
   * read in one call (its answers, and its records unless `only` names one). A record whose
   * approved answers all came from it gets no job: an answer never goes back where it came
   * from, so its job would pass over every one of them and write nothing.
   */
  async enqueueAnswers(caseId: string, only?: Target, known?: readonly OpdResponse[]): Promise<number> {
    if (!only) return this.enqueueViewed(caseId, await this.deps.store.pushView(caseId));
    return this.enqueueFor(caseId, known ?? (await this.responses.ofCase(caseId)), [only]);
  }

  /** `enqueueAnswers` for every record of a case as read for pushing. */
  private enqueueViewed(caseId: string, view: CasePushView): Promise<number> {
    const answers = view.answers.map((a) => a.response);
    return this.enqueueFor(
      caseId,
      answers,
      this.targetsIn(view).map((t) => t.target),
    );
  }

  private async enqueueFor(caseId: string, answers: readonly OpdResponse[], targets: Target[]): Promise<number> {
    // Answers of the imported history were delivered long ago: they never make a job.
    const approved = answers.filter((r) => r.state === 'approved' && !r.historical).length;
    if (approved === 0) return 0;
    const due = targets.filter((target) => answers.some((r) => r.state === 'approved' && !isOrigin(r, target)));
    for (const target of due) await this.enqueue({ kind: 'answers', caseId, target }, approved);
    return due.length;
  }

  /**
   * An answer written by an officer (CLI, API, pages): signed by the complaint's OPD or a
   * unit above it, under the daemon's rules; a draft, or approved at once when its OPD
   * needs no approval. `by` names the person.
   */
  async addResponse(input: { complaintId: string; text: string; by: string; opd?: string }): Promise<OpdResponse> {
    const authority = await this.deps.authority('write');
    const complaint = await this.deps.store.ledger.get(input.complaintId);
    if (!complaint)
      throw new AuthorityError('no_complaint', `no complaint "${input.complaintId}"`, { id: input.complaintId });
    const unit = authority.signer(complaint.opd?.code, input.opd);
    const now = this.deps.clock.now().toISOString();
    const approved = !authority.approvalRequired(unit);
    return this.store(complaint, {
      id: responseId(complaint.id, 'operator', `${now}|${input.by}|${input.text}`),
      text: input.text,
      by: input.by,
      opd: unit.name,
      opdCode: unit.code,
      at: now,
      ...(approved ? { approvedBy: systemApproval.noneNeeded } : {}),
    });
  }

  /**
   * An answer pulled from a record: approved when that system publishes its answers itself
   * (LAPOR) or when it is history (delivered before the bridge, never sent again), else a draft.
   * Queues nothing: the caller queues the case's answers once for all it pulled (`reconcile`).
   */
  private async addPulled(complaint: Complaint, pulled: PulledAnswer): Promise<OpdResponse> {
    const response = this.pulledAnswer(complaint, pulled, await this.deps.authority('pulled'));
    const stored = await this.store(complaint, response, { queue: false });
    if (stored.origin?.externalId !== pulled.origin.externalId || stored.origin.source !== pulled.origin.source) {
      // Stored before origins named the record: correct it, so it is never sent back there.
      const corrected = { ...stored, origin: pulled.origin };
      await this.responses.save(corrected);
      return corrected;
    }
    return stored;
  }

  /** What a pulled answer is stored as: its id, signer, and approval (see addPulled). */
  private pulledAnswer(complaint: Complaint, pulled: PulledAnswer, authority: Authority): StoredFields {
    const unit = complaint.opd?.code ? authority.unit(complaint.opd.code) : undefined;
    const approved = pulled.historical || pulled.published || !authority.approvalRequired(unit);
    return {
      id: this.pulledId(complaint, pulled),
      origin: pulled.origin,
      text: pulled.text,
      by: pulled.by,
      ...(unit ? { opd: unit.name, opdCode: unit.code } : complaint.opd?.name ? { opd: complaint.opd.name } : {}),
      at: pulled.at,
      ...(approved
        ? {
            approvedBy: pulled.historical
              ? systemApproval.history(pulled.origin.source)
              : pulled.published
                ? systemApproval.published(pulled.origin.source)
                : systemApproval.noneNeeded,
          }
        : {}),
      ...(pulled.historical ? { historical: true } : {}),
    };
  }

  /** The answer as stored, from the fields its writer gives. */
  private answerOf(complaint: Complaint, fields: StoredFields): OpdResponse {
    const now = this.deps.clock.now().toISOString();
    return {
      ...fields,
      caseId: complaint.caseId,
      complaintId: complaint.id,
      state: fields.approvedBy ? 'approved' : 'draft',
      ...(fields.approvedBy ? { approvedAt: now } : {}),
      createdAt: now,
    };
  }

  /**
   * Answers just stored under the case their complaint was in when it was read. A merge or a
   * split that moved the complaint since (another page, another worker) has moved the case's
   * answers already and would never see these: they follow their complaint to its case now.
   * Returns them as stored.
   */
  private async followTheirComplaints(
    answers: readonly OpdResponse[],
  ): Promise<{ followed: OpdResponse[]; complaints: Complaint[] }> {
    if (answers.length === 0) return { followed: [], complaints: [] };
    const held = await this.deps.store.ledger.getMany(answers.map((a) => a.complaintId));
    const out = answers.map((a, i) => {
      const caseId = held[i]?.caseId;
      return caseId && caseId !== a.caseId ? { ...a, caseId } : a;
    });
    await this.responses.relocate(
      out.flatMap((response, i) => (response === answers[i] ? [] : [{ response, from: answers[i]!.caseId }])),
    );
    return { followed: out, complaints: held.filter((c): c is Complaint => c !== undefined) };
  }

  /** The audit entry of a stored answer. */
  private answerAudit(stored: OpdResponse): AuditEntry {
    return {
      who: stored.origin ? `ingest:${stored.origin.source}` : `officer:${stored.by}`,
      what: stored.state === 'approved' ? 'answer_approved' : 'answer_drafted',
      why: stored.approvedBy ?? 'waiting for approval by the OPD head',
      complaintId: stored.complaintId,
      detail: { responseId: stored.id },
    };
  }

  /** Stores an answer; an approved one is queued for the case's records unless `queue` is false (its caller queues them). */
  private async store(complaint: Complaint, fields: StoredFields, { queue = true } = {}): Promise<OpdResponse> {
    const { response: first, added } = await this.responses.add(this.answerOf(complaint, fields));
    const stored = added ? (await this.followTheirComplaints([first])).followed[0]! : first;
    if (added) await this.deps.store.audit(this.answerAudit(stored));
    if (stored.historical && stored.origin) {
      // An answer of the past: delivered on the record it came from, at its own time; nothing to queue.
      const field = sendField.answer({ system: stored.origin.source, externalId: stored.origin.externalId });
      if (!(await this.sendStates.get(stored.id, field)))
        await this.sendStates.sent(
          stored.id,
          field,
          stored.origin.answerId ?? stored.origin.externalId,
          new Date(stored.at),
        );
      return stored;
    }
    // Also when it was already stored: a crash may have come between storing and queueing.
    if (queue && stored.state === 'approved') await this.enqueueAnswers(stored.caseId);
    return stored;
  }

  async approve(id: string, by: string): Promise<OpdResponse> {
    const response = await this.responses.get(id);
    if (!response)
      throw new AuthorityError('no_answer', `no answer "${id}" (see: lapor-bridge responses list)`, { id });
    if (response.state === 'approved') return response;
    if (response.state === 'rejected')
      throw new AuthorityError('rejected', `answer "${id}" was rejected; write a new one`, { id });
    const now = this.deps.clock.now();
    const approved: OpdResponse = {
      ...response,
      state: 'approved',
      approvedBy: by,
      approvedAt: now.toISOString(),
      fromDraft: true,
    };
    const audit = {
      who: `officer:${by}`,
      what: 'answer_approved',
      why: 'approved by the OPD head',
      complaintId: response.complaintId,
      detail: { responseId: id },
    };
    // One call: the approval with its audit entry, and the case as its jobs are planned from.
    await this.enqueueViewed(approved.caseId, await this.deps.store.saveAnswerThenPushView(approved, audit, now));
    this.approvals.emit('approved', Date.parse(approved.approvedAt!) - Date.parse(response.createdAt));
    return approved;
  }

  /** A draft's text changed before the head decides; an approved or rejected answer is never edited. */
  async editDraft(id: string, text: string, by: string): Promise<OpdResponse> {
    const response = await this.responses.get(id);
    if (!response) throw new Error(`no answer "${id}" (see: lapor-bridge responses list)`);
    if (response.state !== 'draft')
      throw new Error(`answer "${id}" is ${response.state}; only a draft can be edited (write a new one)`);
    if (!text.trim()) throw new Error('an answer needs text');
    const now = this.deps.clock.now();
    const edited: OpdResponse = { ...response, text, editedBy: by, editedAt: now.toISOString() };
    const audit: AuditEntry = {
      who: `officer:${by}`,
      what: 'answer_edited',
      why: 'draft text changed before approval',
      complaintId: response.complaintId,
      detail: { responseId: id },
    };
    await this.responses.saveAudited(edited, audit, now);
    return edited;
  }

  /** The OPD head sends a draft back with a reason: it never leaves the bridge. An approved answer cannot be taken back here. */
  async reject(id: string, by: string, reason: string): Promise<OpdResponse> {
    const response = await this.responses.get(id);
    if (!response)
      throw new AuthorityError('no_answer', `no answer "${id}" (see: lapor-bridge responses list)`, { id });
    if (response.state === 'rejected') return response;
    if (response.state === 'approved')
      throw new AuthorityError(
        'already_approved',
        `answer "${id}" is already approved and on its way; write a correction instead`,
        { id },
      );
    if (!reason.trim()) throw new Error('a rejection needs a reason');
    const now = this.deps.clock.now();
    const rejected: OpdResponse = {
      ...response,
      state: 'rejected',
      rejectedBy: by,
      rejectedAt: now.toISOString(),
      rejectReason: reason.trim(),
    };
    const audit: AuditEntry = {
      who: `officer:${by}`,
      what: 'answer_rejected',
      why: reason.trim(),
      complaintId: response.complaintId,
      detail: { responseId: id },
    };
    await this.responses.saveAudited(rejected, audit, now);
    return rejected;
  }

  async caseMerged(from: string, into: string): Promise<void> {
    await this.responses.moveCase(from, into);
    await this.enqueueAnswers(into);
  }

  /** Complaints split off a case take the answers written to them back to their own case. */
  async caseSplit(from: string, into: string, moved: readonly string[]): Promise<void> {
    await this.responses.moveAnswersOf(from, into, moved);
    await this.enqueueAnswers(into);
  }

  /** What remembering a write into a remote record takes, so the next pull does not take it for a new answer. */
  echoOf(target: Target, what: { remoteId?: string; text?: string }): EchoWrite {
    return { system: target.system, externalId: target.externalId, members: echoMembers(what.remoteId, what.text) };
  }

  private async isEcho(
    system: string,
    externalId: string,
    remoteId: string | undefined,
    text: string,
  ): Promise<boolean> {
    return this.deps.store.echoes.knows(system, externalId, echoMembers(remoteId, text));
  }

  /**
   * Why the complaint's case needs no forward to `destination`, or undefined. One case reaches
   * a destination once: not when a record of the case lives there (the copy we created, or
   * the citizen wrote there too), names its record there (a tracking id typed in by an
   * operator), or was forwarded there already or is being forwarded (a resend on a second
   * channel). Asked when the forward is planned and again before it is sent.
   */
  async caseAlreadyAt(complaint: Complaint, destination: string): Promise<string | undefined> {
    const kind = this.deps.config.sources[destination]?.kind;
    const namesIt = (c: Complaint) => c.crossRefs.some((r) => r.system === destination || r.system === kind);
    if (namesIt(complaint)) return `it names its record on ${destination}`;
    const { ledger } = this.deps.store;
    const others = (await ledger.caseMembers(complaint.caseId, complaint)).filter((id) => id !== complaint.id);
    for (const member of await ledger.getMany(others)) {
      if (!member) continue;
      if (member.source === destination) return `${member.id} of its case is a record there`;
      if (namesIt(member)) return `${member.id} of its case names its record there`;
      const state = await this.sendStates.get(member.id, sendField.forward(destination));
      if (state?.state === 'sent') return `${member.id} of its case was forwarded there`;
      if (state && BEING_SENT.has(state.state)) return `${member.id} of its case is being forwarded there`;
    }
    return undefined;
  }

  /**
   * A forward's first attempt, claimed for its case: the check that the case is not at the
   * destination yet and the mark that this record's attempt began are made under the case's
   * lock, so two records of one case whose forwards run at the same time (a resend on a
   * second channel, planned before the first forward began) reach the destination once.
   * Returns why the case needs no forward, or undefined once this attempt is claimed.
   */
  async claimForward(complaintId: string, destination: string): Promise<string | undefined> {
    const { store, clock } = this.deps;
    const deadline = Date.now() + FORWARD_CLAIM_WAIT_MS;
    for (;;) {
      const complaint = await store.ledger.get(complaintId);
      if (!complaint) throw new Error(`complaint ${complaintId} is not in the ledger`);
      const lock = await store.lock(`forward:${destination}:${complaint.caseId}`, FORWARD_CLAIM_LOCK_MS);
      if (!lock) {
        if (Date.now() > deadline)
          throw new Error(
            `the forward of case ${complaint.caseId} to ${destination} is claimed elsewhere; tried again`,
          );
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      try {
        // Merged into another case while the lock was taken: claimed under that case's lock.
        const held = await store.ledger.get(complaintId);
        if (held?.caseId !== complaint.caseId) continue;
        const already = await this.caseAlreadyAt(held, destination);
        if (!already) await this.sendStates.begun(complaintId, sendField.forward(destination), clock.now());
        return already;
      } finally {
        await lock.release();
      }
    }
  }

  /**
   * Makes sure everything this complaint needs elsewhere is queued. Idempotent (job ids and
   * send states make repeats free), so ingest runs it after every write AND when a retried
   * ingest finds its write already done: a crash between the two loses nothing.
   */
  async reconcile(complaint: Complaint, page?: PageView): Promise<void> {
    // Forwarding is for complaints as they first arrive, not for history a new rule would flood.
    if (this.forwardRules(complaint).length > 0) await this.planForward(complaint);
    const record = recordOf(complaint);
    const answersOf = async (caseId: string) => page?.answers.get(caseId) ?? (await this.responses.ofCase(caseId));
    // Queued once for all the record brings, not once per answer (each would be a job of its own).
    const approvedIn = new Set<string>();
    for (const pulled of this.pulledAnswers(complaint)) {
      if (await this.isEcho(record.system, record.externalId, pulled.origin.answerId, pulled.text)) continue;
      // The same answer already known in the case (written by hand in two systems): the one identity it has.
      if (await this.recogniseKnown(complaint, record, pulled, await answersOf(complaint.caseId))) continue;
      const stored = await this.addPulled(complaint, pulled);
      if (stored.state === 'approved' && !stored.historical) approvedIn.add(stored.caseId);
      const known = page?.answers.get(stored.caseId);
      if (known && !known.some((a) => a.id === stored.id)) known.push(stored);
    }
    for (const caseId of approvedIn) await this.enqueueAnswers(caseId);
    const answers = await answersOf(complaint.caseId);
    await this.enqueueAnswers(complaint.caseId, record, answers);
    // A past status is the record's own history, not news for the case's other systems.
    if (!complaint.historical) await this.mirrorStatus(complaint, page);
    await this.resumeWaiting(complaint, answers, page?.states.get(complaint.id));
  }

  /**
   * `reconcile` for the complaints of one ingest page, with one bulk read for all of them
   * (their cases' members and answers, their send states, their echoes). A complaint that is
   * alone in its case, has no forward to plan, no send state and no answer but those pulled
   * from its own record has nothing to push anywhere: its new pulled answers are stored
   * (automatic approvals in one audit entry for the page) and no job is queued. Every other
   * complaint is reconciled on its own. `created` names complaints this page's write has just
   * created, each alone in a case of its own id: nothing can be known of them yet (no other
   * member, answer or send state), so nothing is read for them.
   */
  async reconcilePage(complaints: readonly Complaint[], created: ReadonlySet<string> = new Set()): Promise<void> {
    if (complaints.length === 0) return;
    const { ledger } = this.deps.store;
    const isNew = (c: Complaint) => created.has(c.id) && c.caseId === c.id;
    const known = complaints.filter((c) => !isNew(c));
    const caseIds = [...new Set(known.map((c) => c.caseId))];
    const [members, answers, states] = await Promise.all([
      ledger.membersOfCases(caseIds, known),
      this.responses.ofEachCase(caseIds),
      this.sendStates.allOf(known.map((c) => c.id)),
    ]);
    const answersOf = new Map(caseIds.map((id, i) => [id, answers[i] ?? []]));
    const statesOf = new Map(known.map((c, i) => [c.id, states[i] ?? {}]));
    for (const c of complaints.filter(isNew)) {
      members.set(c.caseId, [c.id]);
      answersOf.set(c.caseId, []);
      statesOf.set(c.id, {});
    }
    const alone = complaints.filter((c) => {
      const record = recordOf(c);
      const inCase = members.get(c.caseId) ?? [];
      return (
        !c.historical &&
        this.forwardRules(c).length === 0 &&
        inCase.length === 1 &&
        inCase[0] === c.id &&
        Object.keys(statesOf.get(c.id) ?? {}).length === 0 &&
        (answersOf.get(c.caseId) ?? []).every((a) => isOrigin(a, record))
      );
    });
    const quiet = new Set(alone);
    const others = complaints.filter((c) => !quiet.has(c));
    if (others.length > 0) {
      const page = await this.pageView(others, members, answersOf, statesOf);
      for (const complaint of others) await this.reconcile(complaint, page);
    }
    await this.storePulledOfAlone(alone, answersOf);
  }

  /** The page view of `reconcilePage`'s complaints that are not alone: the documents of their cases' other members, in one read. */
  private async pageView(
    complaints: readonly Complaint[],
    members: Map<string, string[]>,
    answers: Map<string, OpdResponse[]>,
    states: Map<string, Record<string, SendState>>,
  ): Promise<PageView> {
    const documents = new Map<string, Complaint | undefined>(complaints.map((c) => [c.id, c]));
    const unread = [...new Set(complaints.flatMap((c) => members.get(c.caseId) ?? []))].filter(
      (id) => !documents.has(id),
    );
    const read = await this.deps.store.ledger.getMany(unread);
    unread.forEach((id, i) => documents.set(id, read[i]));
    return { members, documents, answers, states };
  }

  /** The pulled answers of complaints that are alone in their case (reconcilePage): stored, no job. */
  private async storePulledOfAlone(
    complaints: readonly Complaint[],
    answersOf: Map<string, OpdResponse[]>,
  ): Promise<void> {
    const candidates = complaints.flatMap((complaint) => {
      const known = new Set((answersOf.get(complaint.caseId) ?? []).map((a) => a.id));
      return this.pulledAnswers(complaint)
        .map((pulled) => ({ complaint, pulled }))
        .filter(({ complaint, pulled }) => !known.has(this.pulledId(complaint, pulled)));
    });
    if (candidates.length === 0) return;
    const echoes = await this.deps.store.echoes.knowEach(
      candidates.map(({ complaint, pulled }) => ({
        system: complaint.source,
        externalId: complaint.externalId,
        members: echoMembers(pulled.origin.answerId, pulled.text),
      })),
    );
    const fresh = candidates.filter((_, i) => !echoes[i]);
    const authority = await this.deps.authority('pulled');
    const answers = fresh.map(({ complaint, pulled }) =>
      this.answerOf(complaint, this.pulledAnswer(complaint, pulled, authority)),
    );
    const added = await this.responses.addMany(answers);
    // Alone when read. Since then their complaint may have moved into another case, or another
    // complaint joined theirs (whose own planning, before these were stored, found no answer to
    // queue): read after the write, so a join either shows here or sees these answers itself.
    const stored = answers.filter((_, i) => added[i]);
    const { followed, complaints: held } = await this.followTheirComplaints(stored);
    const cases = [...new Set(followed.map((a) => a.caseId))];
    const members = await this.deps.store.ledger.membersOfCases(cases, held);
    const joined = followed.filter(
      (a, i) => a.caseId !== stored[i]!.caseId || (members.get(a.caseId)?.length ?? 0) > 1,
    );
    for (const caseId of new Set(joined.map((a) => a.caseId))) await this.enqueueAnswers(caseId);
    const automatic: { complaintId: string; responseId: string }[] = [];
    const raced = new Set<Complaint>();
    for (const [i, answer] of answers.entries()) {
      if (!added[i]) raced.add(fresh[i]!.complaint);
      // A draft waits for a person: its entry is the complaint's own; an automatic approval is the page's.
      else if (answer.state === 'draft') await this.deps.store.audit(this.answerAudit(answer));
      else automatic.push({ complaintId: answer.complaintId, responseId: answer.id });
    }
    // An answer stored meanwhile by another writer: the whole reconcile decides for that complaint.
    for (const complaint of raced) await this.reconcile(complaint);
    if (automatic.length > 0)
      await this.deps.store.audit({
        who: `ingest:${complaints[0]!.source}`,
        what: 'answers_approved',
        why: `${automatic.length} answers pulled and approved without a person (published at their source, or their OPD needs no approval)`,
        detail: { answers: automatic },
      });
  }

  /** The answers a complaint's record carries that the bridge takes in: its own source's tindak lanjut. */
  private pulledAnswers(complaint: Complaint): PulledAnswer[] {
    const published = this.destination(complaint.source).answersArePublished;
    const record = recordOf(complaint);
    return complaint.responses
      .filter((r) => r.source === complaint.source && r.kind === 'tindak_lanjut')
      .map((r) => ({
        text: r.text,
        by: r.by ?? complaint.source,
        at: r.at,
        // origin names the record (same kind of id as a push target), never the answer's own id.
        origin: {
          source: record.system,
          externalId: record.externalId,
          ...(r.externalId ? { answerId: r.externalId } : {}),
        },
        key: r.externalId ?? r.id,
        published,
        historical: complaint.historical === true,
      }));
  }

  private pulledId(complaint: Complaint, pulled: PulledAnswer): string {
    return responseId(complaint.id, pulled.origin.source, `${pulled.origin.source}|${pulled.key}`);
  }

  /** A pulled answer whose text another answer of the case already has (same OPD) is that answer, shown on this record. */
  private async recogniseKnown(
    complaint: Complaint,
    record: Target,
    pulled: PulledAnswer,
    answers: readonly OpdResponse[],
  ): Promise<boolean> {
    const key = answerTextKey(pulled.text);
    const opd = complaint.opd?.code;
    for (const known of answers) {
      if (isOrigin(known, record) || answerTextKey(known.text) !== key) continue;
      if (known.opdCode !== undefined && opd !== undefined && known.opdCode !== opd) continue;
      const field = sendField.answer(record);
      if ((await this.sendStates.get(known.id, field))?.state !== 'sent')
        await this.sendStates.sent(known.id, field, pulled.key, this.deps.clock.now());
      return true;
    }
    return false;
  }

  /** Writes that waited for this record to change ("not yet") are tried again now that it has. */
  private async resumeWaiting(
    complaint: Complaint,
    answers: readonly OpdResponse[],
    states?: Record<string, SendState>,
  ): Promise<void> {
    for (const state of Object.values(states ?? (await this.sendStates.all(complaint.id)))) {
      if (state.state === 'waiting' && state.resume) await this.enqueue(state.resume, 0, `v${complaint.version}`);
    }
    for (const response of answers) {
      const state = await this.sendStates.get(
        response.id,
        sendField.answer({ system: complaint.source, externalId: complaint.externalId }),
      );
      if (state?.state === 'waiting' && state.resume) await this.enqueue(state.resume, 0, `v${complaint.version}`);
    }
  }

  /**
   * Where the forward rules send a record that arrives for the first time: the ingest keeps
   * it in the complaint's document (`forwardTo`), so a forward whose planning was lost (a
   * page job given up after its write) is still planned by a later version or a re-ingest.
   */
  forwardDestinations(
    source: string,
    facts: Pick<Complaint, 'classification'> & { historical?: boolean | undefined },
  ): string[] {
    return facts.historical ? [] : this.rulesFor(source, facts.classification).map((rule) => rule.to);
  }

  private rulesFor(source: string, classified: Complaint['classification']): Config['push']['forward'] {
    return this.deps.config.push.forward.filter((rule) => {
      if (rule.from !== source) return false;
      const classification = classified ?? rule.unclassifiedAs;
      return !rule.classifications || (classification !== undefined && rule.classifications.includes(classification));
    });
  }

  /**
   * The forward rules that apply to a complaint: those its first version was sent by (never
   * history, never a rule added after it arrived). A document written before that decision
   * was kept: its first version only.
   */
  private forwardRules(complaint: Complaint): Config['push']['forward'] {
    if (complaint.historical) return [];
    const { forwardTo } = complaint;
    if (forwardTo)
      return this.deps.config.push.forward.filter(
        (rule) => rule.from === complaint.source && forwardTo.includes(rule.to),
      );
    return complaint.version === 1 ? this.rulesFor(complaint.source, complaint.classification) : [];
  }

  /**
   * A forward still owed is queued; one whose job was given up (its dead letter waits) is sent
   * again as an operator's resend would, so a later version or a re-ingest of the complaint
   * makes it whether or not BullMQ still keeps the failed job under its fixed id.
   */
  private async planForward(complaint: Complaint): Promise<void> {
    for (const rule of this.forwardRules(complaint)) {
      if (await this.caseAlreadyAt(complaint, rule.to)) continue;
      const job: PushJob = { kind: 'forward', complaintId: complaint.id, destination: rule.to };
      const given = workKey('push', pushJobId(job));
      if (await this.deps.store.deadLetters.get(given))
        await retryDeadLetter(this.deps.store, { push: this.deps.pushQueue }, given, 'push');
      else await this.enqueue(job);
    }
  }

  /** The complaint's status reaches the case's other records, in systems that take statuses, only forwards. */
  private async mirrorStatus(complaint: Complaint, page?: PageView): Promise<void> {
    const { ledger } = this.deps.store;
    const members = page?.members.get(complaint.caseId) ?? (await ledger.caseMembers(complaint.caseId, complaint));
    for (const id of members) {
      const member =
        id === complaint.id ? undefined : page?.documents.has(id) ? page.documents.get(id) : await ledger.get(id);
      const target = member && member.source !== complaint.source && this.deps.connectors.get(member.source);
      if (!target || !target.updateStatus || target.mirrorsStatus?.(complaint.status) === false) continue;
      if (STATUS_RANK[complaint.status] <= STATUS_RANK[member.status]) continue;
      await this.enqueue({ kind: 'status', complaintId: member.id, status: complaint.status });
    }
  }
}
