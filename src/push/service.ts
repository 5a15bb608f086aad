import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Connector } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import { responseId, type Complaint } from '../domain/complaint.js';
import { STATUS_RANK } from '../domain/status.js';
import { cleanText } from '../text/normalize.js';
import type { Store } from '../store/store.js';
import { ResponseStore, type OpdResponse } from './responses.js';
import { SendStates } from './send-states.js';
import { pushJobId, type PushJob, type Target } from './tasks.js';

export interface PushDeps {
  config: Config;
  store: Store;
  connectors: Map<string, Connector>;
  pushQueue: Queue;
  clock: Clock;
  logger: Logger;
}

export type Destination = Config['push']['destinations'][string];

/** Text as both sides see it after cleaning: whitespace and case do not make a new answer. */
function echoKey(text: string): string {
  return createHash('sha256').update(cleanText(text).replace(/\s+/g, ' ').trim().toLowerCase()).digest('hex').slice(0, 24);
}

const DEFAULT_DESTINATION: Destination = { public: false, sendIdentity: false, answersArePublished: false, ratePerMinute: 60 };

/**
 * Decides what must be written where and enqueues it; the push worker (execute.ts) does
 * the writing. Everything is triggered by ledger changes and approvals, not by polls.
 */
export class PushService {
  readonly responses: ResponseStore;
  readonly sendStates: SendStates;

  constructor(readonly deps: PushDeps) {
    this.responses = new ResponseStore(deps.store.redis, deps.store.keys);
    this.sendStates = new SendStates(deps.store.redis, deps.store.keys);
  }

  destination(name: string): Destination {
    return this.deps.config.push.destinations[name] ?? DEFAULT_DESTINATION;
  }

  approvalRequired(opd: string | undefined): boolean {
    const { required, opds } = this.deps.config.push.approval;
    return opd !== undefined && opds[opd] !== undefined ? opds[opd] : required;
  }

  async enqueue(job: PushJob, approvedCount = 0): Promise<void> {
    await this.deps.pushQueue.add(job.kind, job, { jobId: pushJobId(job, approvedCount) });
  }

  /** Every record of a case that can take an answer: its complaints, and the copies we created elsewhere. */
  async targetsOfCase(caseId: string): Promise<{ target: Target; complaint: Complaint }[]> {
    const { ledger } = this.deps.store;
    const found = new Map<string, { target: Target; complaint: Complaint }>();
    for (const id of await ledger.caseMembers(caseId)) {
      const complaint = await ledger.get(id);
      if (!complaint) continue;
      const add = (target: Target) => {
        if (this.deps.connectors.get(target.system)?.postResponse) found.set(`${target.system}\u0000${target.externalId}`, { target, complaint });
      };
      add({ system: complaint.source, externalId: complaint.externalId });
      for (const [field, state] of Object.entries(await this.sendStates.all(id))) {
        if (field.startsWith('forward|') && state.state === 'sent' && state.remoteId) add({ system: field.slice('forward|'.length), externalId: state.remoteId });
      }
    }
    return [...found.values()];
  }

  async enqueueAnswers(caseId: string, only?: Target): Promise<number> {
    const approved = (await this.responses.ofCase(caseId)).filter((r) => r.state === 'approved').length;
    if (approved === 0) return 0;
    const targets = only ? [only] : (await this.targetsOfCase(caseId)).map((t) => t.target);
    for (const target of targets) await this.enqueue({ kind: 'answers', caseId, target }, approved);
    return targets.length;
  }

  /** An answer written by or for an OPD: a draft, or approved at once when its OPD needs no approval. */
  async addResponse(input: { complaintId: string; text: string; by: string; opd?: string; at?: string; origin?: OpdResponse['origin']; published?: boolean }): Promise<OpdResponse> {
    const complaint = await this.deps.store.ledger.get(input.complaintId);
    if (!complaint) throw new Error(`no complaint "${input.complaintId}"`);
    const now = this.deps.clock.now().toISOString();
    const opd = input.opd ?? complaint.opd?.name ?? complaint.opd?.id;
    const key = input.origin ? `${input.origin.source}|${input.origin.externalId}` : `${now}|${input.by}|${input.text}`;
    const autoApproved = input.published === true || !this.approvalRequired(opd);
    const response: OpdResponse = {
      id: responseId(complaint.id, input.origin?.source ?? 'operator', key),
      caseId: complaint.caseId,
      complaintId: complaint.id,
      ...(input.origin ? { origin: input.origin } : {}),
      text: input.text,
      by: input.by,
      ...(opd ? { opd } : {}),
      at: input.at ?? now,
      state: autoApproved ? 'approved' : 'draft',
      ...(autoApproved ? { approvedBy: input.published ? `published on ${input.origin?.source ?? 'source'}` : 'no approval needed for this OPD', approvedAt: now } : {}),
      createdAt: now,
    };
    const { response: stored, added } = await this.responses.add(response);
    if (added) {
      await this.deps.store.audit({ who: input.origin ? `ingest:${input.origin.source}` : `officer:${input.by}`, what: stored.state === 'approved' ? 'answer_approved' : 'answer_drafted', why: stored.approvedBy ?? 'waiting for approval by the OPD head', complaintId: complaint.id, detail: { responseId: stored.id } });
    }
    // Also when it was already stored: a crash may have come between storing and queueing.
    if (stored.state === 'approved') await this.enqueueAnswers(stored.caseId);
    return stored;
  }

  async approve(id: string, by: string): Promise<OpdResponse> {
    const response = await this.responses.get(id);
    if (!response) throw new Error(`no answer "${id}" (see: lapor-bridge responses list)`);
    if (response.state === 'approved') return response;
    if (response.state === 'rejected') throw new Error(`answer "${id}" was rejected; write a new one`);
    const approved: OpdResponse = { ...response, state: 'approved', approvedBy: by, approvedAt: this.deps.clock.now().toISOString() };
    await this.responses.save(approved);
    await this.deps.store.audit({ who: `officer:${by}`, what: 'answer_approved', why: 'approved by the OPD head', complaintId: response.complaintId, detail: { responseId: id } });
    await this.enqueueAnswers(approved.caseId);
    return approved;
  }

  async caseMerged(from: string, into: string): Promise<void> {
    await this.responses.moveCase(from, into);
    await this.enqueueAnswers(into);
  }

  /** Remembers what we wrote into a remote record, so the next pull does not take it for a new answer. */
  async rememberEcho(target: Target, what: { remoteId?: string; text?: string }): Promise<void> {
    const { redis, keys } = this.deps.store;
    const members = [...(what.remoteId ? [`id:${what.remoteId}`] : []), ...(what.text ? [`text:${echoKey(what.text)}`] : [])];
    if (members.length > 0) await redis.sadd(keys.echoes(target.system, target.externalId), ...members);
  }

  private async isEcho(system: string, externalId: string, remoteId: string | undefined, text: string): Promise<boolean> {
    const { redis, keys } = this.deps.store;
    const key = keys.echoes(system, externalId);
    const [byId, byText] = await Promise.all([remoteId ? redis.sismember(key, `id:${remoteId}`) : 0, redis.sismember(key, `text:${echoKey(text)}`)]);
    return byId === 1 || byText === 1;
  }

  private async caseSources(complaint: Complaint): Promise<string[]> {
    const members = await this.deps.store.ledger.caseMembers(complaint.caseId);
    const sources = await Promise.all(members.filter((id) => id !== complaint.id).map(async (id) => (await this.deps.store.ledger.get(id))?.source));
    return sources.filter((s): s is string => s !== undefined);
  }

  /**
   * Makes sure everything this complaint needs elsewhere is queued. Idempotent (job ids and
   * send states make repeats free), so ingest runs it after every write AND when a retried
   * ingest finds its write already done: a crash between the two loses nothing.
   */
  async reconcile(complaint: Complaint): Promise<void> {
    // Forwarding is for complaints as they first arrive, not for history a new rule would flood.
    if (complaint.version === 1) await this.planForward(complaint);
    const published = this.destination(complaint.source).answersArePublished;
    for (const r of complaint.responses) {
      if (r.source !== complaint.source || r.kind !== 'tindak_lanjut') continue;
      if (await this.isEcho(complaint.source, complaint.externalId, r.externalId, r.text)) continue;
      await this.addResponse({ complaintId: complaint.id, text: r.text, by: r.by ?? complaint.source, at: r.at, origin: { source: complaint.source, externalId: r.externalId ?? r.id }, published });
    }
    await this.enqueueAnswers(complaint.caseId, { system: complaint.source, externalId: complaint.externalId });
    await this.mirrorStatus(complaint);
  }

  private async planForward(complaint: Complaint): Promise<void> {
    const rules = this.deps.config.push.forward.filter((rule) => rule.from === complaint.source);
    if (rules.length === 0) return;
    const caseSources = new Set(await this.caseSources(complaint));
    for (const rule of rules) {
      // The case already lives there (e.g. this is the copy we created): forwarding would loop.
      if (caseSources.has(rule.to)) continue;
      const classification = complaint.classification ?? rule.unclassifiedAs;
      if (rule.classifications && (!classification || !rule.classifications.includes(classification))) continue;
      // Already there: a tracking id typed into the regional record links it instead.
      if (complaint.crossRefs.some((r) => r.system === rule.to || this.deps.config.sources[rule.to]?.kind === r.system)) continue;
      await this.enqueue({ kind: 'forward', complaintId: complaint.id, destination: rule.to });
    }
  }

  /** The complaint's status reaches the case's other records, in systems that take statuses, only forwards. */
  private async mirrorStatus(complaint: Complaint): Promise<void> {
    for (const id of await this.deps.store.ledger.caseMembers(complaint.caseId)) {
      const member = id === complaint.id ? undefined : await this.deps.store.ledger.get(id);
      if (!member || member.source === complaint.source || !this.deps.connectors.get(member.source)?.updateStatus) continue;
      if (STATUS_RANK[complaint.status] <= STATUS_RANK[member.status]) continue;
      await this.enqueue({ kind: 'status', complaintId: member.id, status: complaint.status });
    }
  }
}
