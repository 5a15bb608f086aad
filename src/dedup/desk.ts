import type { Clock } from '../domain/clock.js';
import type { Complaint } from '../domain/complaint.js';
import type { OpdLookup } from '../opd/directory.js';
import { shownOpdName } from '../opd/shown-name.js';
import type { CaseLinks, Proposal } from '../store/case-links.js';
import { CaseError, mergeCases, splitCase, type CaseDeps } from './cases.js';

/** What the operators' case commands need. */
export interface CaseDeskDeps extends CaseDeps {
  links: Pick<CaseLinks, 'get' | 'decide' | 'open' | 'openCount' | 'keepApart' | 'relatedTo'>;
  clock: Clock;
  /** Answers of a case (the push side keeps them). */
  answersOf(caseId: string): Promise<{ id: string; complaintId: string; state: string; at: string }[]>;
  /** The OPD directory, for the names of the units complaints are with. */
  units: Pick<OpdLookup, 'current'>;
}

/** A case member as operators see it: never the reporter, never the text of a rahasia complaint. */
export interface MemberView {
  id: string;
  source: string;
  externalId: string;
  reportedAt: string;
  status: string;
  opd: string | null;
  reporter: string | null;
  text: string | null;
}

export interface CaseView {
  caseId: string;
  members: MemberView[];
  related: MemberView[];
  proposals: Proposal[];
  answers: { id: string; complaintId: string; state: string; at: string }[];
}

function memberView(c: Complaint, units: Pick<OpdLookup, 'current'>): MemberView {
  return {
    id: c.id,
    source: c.source,
    externalId: c.externalId,
    reportedAt: c.reportedAt,
    status: c.status,
    opd: shownOpdName(c.opd, units) ?? null,
    reporter: c.anonim ? null : (c.reporter?.display ?? null),
    text: c.rahasia ? null : (c.title ?? c.body).slice(0, 160),
  };
}

/**
 * The operators' side of cases: look at proposals and cases, confirm or reject a proposal,
 * merge and split. Every action is audited with the operator's name and is undone by its
 * opposite: a merge or confirmed proposal by a split, a split by a merge, a rejection by a
 * confirmation. A split also keeps its pairs apart, so dedup does not join them again.
 */
export class CaseDesk {
  constructor(private readonly deps: CaseDeskDeps) {}

  async proposals(limit = 100): Promise<{ total: number; open: Proposal[] }> {
    return { total: await this.deps.links.openCount(), open: await this.deps.links.open(0, limit) };
  }

  private async caseOf(id: string): Promise<string> {
    const complaint = await this.deps.ledger.get(id);
    if (complaint) return complaint.caseId;
    if ((await this.deps.ledger.caseMembers(id)).length > 0) return id;
    throw new CaseError('NOT_FOUND', { id });
  }

  /** A case by its id or by the id of one of its complaints. */
  async show(id: string): Promise<CaseView> {
    const caseId = await this.caseOf(id);
    const ids = (await this.deps.ledger.caseMembers(caseId)).sort();
    const members = (await this.deps.ledger.getMany(ids)).filter((c): c is Complaint => c !== undefined);
    const relatedIds = (await this.deps.links.relatedTo(ids)).filter((r) => !ids.includes(r));
    const related = (await this.deps.ledger.getMany(relatedIds)).filter((c): c is Complaint => c !== undefined);
    const open = await this.deps.links.open(0, 1000);
    return {
      caseId,
      members: members.map((c) => memberView(c, this.deps.units)),
      related: related.map((c) => memberView(c, this.deps.units)),
      proposals: open.filter((p) => ids.includes(p.a) || ids.includes(p.b)),
      answers: await this.deps.answersOf(caseId),
    };
  }

  private async proposal(id: string): Promise<Proposal> {
    const p = await this.deps.links.get(id);
    if (!p) throw new CaseError('NOT_FOUND', { id, proposal: true });
    return p;
  }

  async confirm(id: string, by: string): Promise<Proposal> {
    const p = await this.proposal(id);
    if (p.state === 'confirmed') return p;
    await this.deps.links.keepApart(p.a, p.b, false);
    const cases = [...new Set([await this.caseOf(p.a), await this.caseOf(p.b)])].sort();
    const why = `usulan ${p.id} dikonfirmasi oleh ${by}`;
    if (p.kind === 'duplicate') await mergeCases(this.deps, cases[0]!, cases.slice(1), `operator:${by}`, why);
    const decided: Proposal = {
      ...p,
      state: 'confirmed',
      decidedBy: by,
      decidedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.links.decide(decided);
    await this.deps.audit({
      who: `operator:${by}`,
      what: 'proposal_confirmed',
      why,
      complaintId: p.b,
      detail: { proposal: p.id, with: p.a, previously: p.state },
    });
    return decided;
  }

  async reject(id: string, by: string): Promise<Proposal> {
    const p = await this.proposal(id);
    if (p.state === 'confirmed') throw new CaseError('ALREADY_DECIDED', { id });
    await this.deps.links.keepApart(p.a, p.b, true);
    const decided: Proposal = {
      ...p,
      state: 'rejected',
      decidedBy: by,
      decidedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.links.decide(decided);
    await this.deps.audit({
      who: `operator:${by}`,
      what: 'proposal_rejected',
      why: `bukan aduan yang sama menurut ${by}`,
      complaintId: p.b,
      detail: { proposal: p.id, with: p.a },
    });
    return decided;
  }

  /** Joins two cases (given by case or complaint id); the first-sorted case id stays. */
  async merge(a: string, b: string, by: string): Promise<{ into: string; from: string }> {
    const [into, from] = [await this.caseOf(a), await this.caseOf(b)].sort() as [string, string];
    if (into === from) return { into, from };
    const left = await this.deps.ledger.caseMembers(into);
    const right = await this.deps.ledger.caseMembers(from);
    for (const x of left) for (const y of right) await this.deps.links.keepApart(x, y, false);
    await mergeCases(this.deps, into, [from], `operator:${by}`, `digabung oleh ${by}`);
    return { into, from };
  }

  /** Takes complaints out of a case into their own; their answers go back with them. */
  async split(
    caseOrComplaint: string,
    ids: readonly string[],
    by: string,
  ): Promise<{ from: string; into: string; moved: string[] }> {
    const caseId = await this.caseOf(caseOrComplaint);
    const result = await splitCase(this.deps, caseId, ids, `operator:${by}`, `dipisah oleh ${by}`);
    const stay = (await this.deps.ledger.caseMembers(result.from)).filter((id) => !result.moved.includes(id));
    for (const x of result.moved) for (const y of stay) await this.deps.links.keepApart(x, y, true);
    return result;
  }
}
