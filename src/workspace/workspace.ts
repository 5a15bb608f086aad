import type { User } from '../accounts/accounts.js';
import type { UnitScope } from '../accounts/scope.js';
import type { Clock } from '../domain/clock.js';
import { complaintSchema, type Complaint } from '../domain/complaint.js';
import { isOrigin } from '../push/answer-identity.js';
import { answerMayGo, outboundResponse } from '../push/outbound.js';
import type { OpdResponse } from '../store/responses.js';
import type { SendState } from '../store/send-states.js';
import type { PushService } from '../push/service.js';
import { judge, type Verdict } from '../sla/clock.js';
import type { RekapSettings } from '../rekap/settings.js';
import type { StoredComplaint } from '../store/complaint-batches.js';
import type { Store } from '../store/store.js';
import { accessTo, type Access } from './access.js';
import { draftsWaiting } from './drafts.js';
import { inboxState, type InboxState } from './states.js';
import { InboxTop } from './inbox-order.js';

/** What the workspace reads and calls: the ledger, the answers service, the clock and the scope rule. */
export interface WorkspacePort {
  store: Pick<Store, 'ledger' | 'readAudit' | 'opdIndex'>;
  push: Pick<
    PushService,
    'responses' | 'sendStates' | 'targetsOfCase' | 'destination' | 'addResponse' | 'approve' | 'reject' | 'editDraft'
  >;
  scope: UnitScope;
  clock: Clock;
  rekap: Pick<RekapSettings, 'sla'>;
  /** Configured source names: any of them may be the channel whose id someone quotes. */
  sources: string[];
  /** How many of the newest complaints the every-OPD inbox and text search read (an OPD's read all of its own). */
  scanLimit: number;
}

/** Rows an inbox shows at most, the most pressing (./inbox-order.ts); the rest are counted. */
export const INBOX_ROWS = 1000;

export interface Inbox {
  rows: InboxRow[];
  /** Documents read. */
  scanned: number;
  /** Rows that matched beyond INBOX_ROWS. */
  more: number;
  /** Read every complaint of the OPD (its index), or only the newest `scanned` of the ledger. */
  whole: boolean;
}

export interface InboxRow {
  complaint: Complaint;
  state: InboxState | 'ditutup';
  verdict: Verdict;
  laporNumber?: string;
}

export interface AnswerView {
  answer: OpdResponse;
  sends: Record<string, SendState>;
}

export interface Preview {
  system: string;
  externalId: string;
  /** The text as it will read there, or why nothing goes there. */
  text?: string;
  by?: string;
  blocked?: string;
}

/** LAPOR's tracking number of a complaint: its own id on LAPOR, or the one a regional record quotes. */
export function laporNumberOf(complaint: Pick<Complaint, 'source' | 'externalId' | 'crossRefs'>): string | undefined {
  if (complaint.source === 'lapor') return complaint.externalId;
  return complaint.crossRefs.find((r) => r.system === 'lapor')?.externalId;
}

/** The number people find a complaint by: its LAPOR number, else its channel and its id there. */
export function knownNumberOf(complaint: Pick<Complaint, 'source' | 'externalId' | 'crossRefs'>): string {
  const lapor = laporNumberOf(complaint);
  return lapor ? `LAPOR ${lapor}` : `${complaint.source} ${complaint.externalId}`;
}

/** Found complaints as people list them: the latest reported on top. */
function newestReportedFirst(found: Complaint[]): Complaint[] {
  return found.sort((a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt));
}

function parse(doc: unknown): Complaint | undefined {
  if (doc === null) return undefined;
  const parsed = complaintSchema.safeParse(doc);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The OPD workspace's questions: my inbox, find a complaint, its whole story, drafts
 * waiting for me, and how an answer will read on each channel. Every answer goes through
 * the one answers service; this module only decides what a user may see.
 */
export class Workspace {
  constructor(readonly port: WorkspacePort) {}

  access(user: User, complaint: Complaint): Access {
    return accessTo(user, complaint, this.port.scope);
  }

  private verdict(complaint: Complaint, now: Date): Verdict {
    return judge(complaint, now, this.port.rekap.sla);
  }

  /**
   * What a view reads: an OPD's complaints through its own index (every one, its child units'
   * too), or for a view of every OPD the newest `scanLimit` of the ledger. An OPD filter
   * naming no unit of the directory reads nothing.
   */
  private async read(
    user: User,
    opd: string | undefined,
  ): Promise<{ batches: AsyncIterable<StoredComplaint[]>; whole: boolean }> {
    const { store, scope, scanLimit } = this.port;
    const unit = user.opd ?? (opd ? scope.codeOf(opd) : undefined);
    if (unit) {
      await store.opdIndex.ensureBuilt();
      return { batches: store.opdIndex.newest(scope.codesCovered(unit)), whole: true };
    }
    if (opd) return { batches: (async function* () {})(), whole: true };
    return { batches: store.ledger.newest(scanLimit), whole: false };
  }

  async inbox(user: User, filter: { state?: string; opd?: string }): Promise<Inbox> {
    const { push } = this.port;
    const now = this.port.clock.now();
    const top = new InboxTop<InboxRow>(INBOX_ROWS, (r) => ({
      state: r.state,
      dueAt: r.verdict.dueAt,
      reportedAt: r.complaint.reportedAt,
    }));
    let scanned = 0;
    const { batches, whole } = await this.read(user, filter.opd);
    const filterUnit = filter.opd && !user.opd ? (this.port.scope.codeOf(filter.opd) ?? filter.opd) : undefined;
    for await (const batch of batches) {
      scanned += batch.length;
      const shown = batch
        .map(({ doc }) => parse(doc))
        .filter(
          (c): c is Complaint =>
            c !== undefined &&
            this.access(user, c).view &&
            (filterUnit === undefined || this.port.scope.covers(filterUnit, c.opd)),
        );
      // The batch's answers in two round trips, not two per complaint.
      const answersOf = new Map<string, OpdResponse[]>();
      for (const a of await push.responses.ofCases([...new Set(shown.map((c) => c.caseId))]))
        answersOf.set(a.caseId, [...(answersOf.get(a.caseId) ?? []), a]);
      for (const complaint of shown) {
        const verdict = this.verdict(complaint, now);
        const state = inboxState(complaint, answersOf.get(complaint.caseId) ?? [], verdict);
        if (filter.state && state !== filter.state) continue;
        const laporNumber = laporNumberOf(complaint);
        top.offer({ complaint, state, verdict, ...(laporNumber ? { laporNumber } : {}) });
      }
    }
    return { ...top.result(), scanned, whole };
  }

  /** By complaint id, LAPOR tracking number, any channel's id, then words in the title or text. */
  async find(user: User, query: string): Promise<Complaint[]> {
    const { ledger } = this.port.store;
    const q = query.trim();
    if (!q) return [];
    const ids = new Set<string>();
    if (/^c-[0-9a-f]{20}$/.test(q)) ids.add(q);
    for (const source of this.port.sources) {
      const id = await ledger.idOf(source, q);
      if (id) ids.add(id);
    }
    for (const system of new Set(['lapor', ...this.port.sources]))
      for (const id of await ledger.referencing(system, q)) ids.add(id);
    const found: Complaint[] = [];
    for (const id of ids) {
      const complaint = await ledger.get(id);
      if (complaint && this.access(user, complaint).view) found.push(complaint);
    }
    if (found.length > 0) return newestReportedFirst(found);
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    for await (const batch of (await this.read(user, undefined)).batches) {
      for (const { doc } of batch) {
        const complaint = parse(doc);
        if (!complaint) continue;
        const access = this.access(user, complaint);
        if (!access.view || (complaint.rahasia && !access.secretText)) continue;
        const text = `${complaint.title ?? ''} ${complaint.body}`.toLowerCase();
        if (words.every((w) => text.includes(w))) found.push(complaint);
        if (found.length >= 50) return newestReportedFirst(found);
      }
    }
    return newestReportedFirst(found);
  }

  /** Every record of the case, the answers with their delivery, the audit trail. */
  async story(complaint: Complaint) {
    const { store, push } = this.port;
    const members = (
      await Promise.all((await store.ledger.caseMembers(complaint.caseId, complaint)).map((id) => store.ledger.get(id)))
    ).filter((c): c is Complaint => c !== undefined);
    if (!members.some((m) => m.id === complaint.id)) members.unshift(complaint);
    // LAPOR first: the number everyone quotes.
    members.sort(
      (a, b) => Number(b.source === 'lapor') - Number(a.source === 'lapor') || a.receivedAt.localeCompare(b.receivedAt),
    );
    const answers: AnswerView[] = await Promise.all(
      (await push.responses.ofCase(complaint.caseId)).map(async (answer) => ({
        answer,
        sends: await push.sendStates.all(answer.id),
      })),
    );
    const forwards = Object.fromEntries(
      await Promise.all(members.map(async (m) => [m.id, await push.sendStates.all(m.id)] as const)),
    );
    const audit = (await Promise.all(members.map((m) => store.readAudit(200, m.id))))
      .flat()
      .sort((a, b) => b.id.localeCompare(a.id, 'en', { numeric: true }));
    return { complaint, members, answers, forwards, audit, verdict: this.verdict(complaint, this.port.clock.now()) };
  }

  /** Drafts this head may approve, oldest first, with the complaint they answer. */
  async waitingFor(user: User): Promise<{ answer: OpdResponse; complaint: Complaint }[]> {
    const { drafts } = await draftsWaiting(this.port.push.responses.drafts(), this.port.clock.now());
    const out: { answer: OpdResponse; complaint: Complaint }[] = [];
    for (const answer of drafts) {
      const complaint = await this.port.store.ledger.get(answer.complaintId);
      if (complaint && this.access(user, complaint).approve) out.push({ answer, complaint });
    }
    return out;
  }

  /** Exactly which records the answer will reach once approved, and the text each will show. */
  async preview(answer: OpdResponse): Promise<Preview[]> {
    const { push, store } = this.port;
    const targets = await push.targetsOfCase(answer.caseId);
    const members = await Promise.all(
      (await store.ledger.caseMembers(answer.caseId)).map((id) => store.ledger.get(id)),
    );
    const rahasia = members.some((c) => c?.rahasia);
    const outbound = outboundResponse(answer);
    return (
      targets
        .filter(({ target }) => !isOrigin(answer, target))
        // LAPOR first, as everywhere the workspace lists records.
        .sort(
          (a, b) =>
            Number(b.target.system === 'lapor') - Number(a.target.system === 'lapor') ||
            a.target.system.localeCompare(b.target.system),
        )
        .map(({ target }) =>
          answerMayGo(rahasia, push.destination(target.system))
            ? { system: target.system, externalId: target.externalId, text: outbound.text, by: outbound.by }
            : { system: target.system, externalId: target.externalId, blocked: 'rahasia' },
        )
    );
  }
}
