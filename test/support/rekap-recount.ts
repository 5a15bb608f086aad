import { localDate } from '../../src/domain/local-date.js';
import { ApprovalWaitTally } from '../../src/rekap/approval-wait.js';
import { viewOf, type CaseView } from '../../src/rekap/case-view.js';
import { opdKey } from '../../src/rekap/opd-key.js';
import { periodBounds } from '../../src/rekap/period.js';
import { comparedPeriod, type RekapRequest } from '../../src/rekap/scan.js';
import type { RekapSettings } from '../../src/rekap/settings.js';
import { RekapTally } from '../../src/rekap/tally.js';
import type { Period, Rekap, RekapComplaint } from '../../src/rekap/types.js';
import { complaintOf } from '../../src/store/rekap-records.js';
import type { Store } from '../../src/store/store.js';

/**
 * The rekap counted again the slow, simple way: every complaint document of the ledger read,
 * cases put together by the `caseId` the documents name (not by the case sets or the rekap
 * records), each case judged at `now` and fed to the complaint-by-complaint tally, the
 * answers of every counted case read one case at a time. What `computeRekap` answers from
 * its memoized day summaries must be exactly this.
 */
export async function recountRekap(
  store: Pick<Store, 'ledger' | 'responses'>,
  settings: RekapSettings,
  request: RekapRequest,
): Promise<Rekap> {
  const complaints: RekapComplaint[] = [];
  for await (const batch of store.ledger.batches({ receivedFromMs: 0, batchSize: 500 }))
    for (const { doc } of batch) {
      const c = complaintOf(doc);
      if (c) complaints.push(c);
    }
  const byCase = new Map<string, RekapComplaint[]>();
  for (const c of complaints) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
  const views = [...byCase.values()]
    .map((records) => viewOf(records))
    .sort((a, b) => {
      const d = Date.parse(a.complaint.reportedAt) - Date.parse(b.complaint.reportedAt);
      return d || (a.complaint.id < b.complaint.id ? -1 : a.complaint.id > b.complaint.id ? 1 : 0);
    });

  const counted = (period: Period) => {
    const { start, end } = periodBounds(period, settings.offsetMs);
    return views.filter((v: CaseView) => {
      const ms = Date.parse(v.complaint.reportedAt);
      if (ms < start.getTime() || ms >= end.getTime()) return false;
      if (request.source && !v.sources.has(request.source)) return false;
      return !request.opd || opdKey(v.complaint.opd, settings.units) === request.opd;
    });
  };
  const tallyOf = (list: CaseView[]) => {
    const tally = new RekapTally({
      now: request.now,
      sla: settings.sla,
      offsetMs: settings.offsetMs,
      overdueListSize: settings.overdueListSize,
      ...(settings.units ? { units: settings.units } : {}),
      ownWords: settings.ownWords,
    });
    for (const v of list) tally.add(v.complaint);
    return tally.result();
  };
  const records = (period: Period) => {
    const { start, end } = periodBounds(period, settings.offsetMs);
    return complaints.filter((c) => {
      const ms = Date.parse(c.reportedAt);
      return ms >= start.getTime() && ms < end.getTime();
    }).length;
  };

  const before = comparedPeriod(request.period, localDate(request.now, settings.offsetMs));
  const current = counted(request.period);
  const waits = new ApprovalWaitTally();
  for (const v of current) waits.note(v.complaint.caseId, opdKey(v.complaint.opd, settings.units) ?? null);
  const oneCaseAtATime = {
    ofCases: async (caseIds: readonly string[]) =>
      (await Promise.all(caseIds.map((id) => store.responses.ofCase(id)))).flat(),
  };
  const t = tallyOf(counted(before)).total;
  return {
    period: request.period,
    source: request.source ?? null,
    opd: request.opd ?? null,
    at: request.now.toISOString(),
    limits: settings.limits,
    ...tallyOf(current),
    previous: {
      period: before,
      total: t.total,
      answered: t.answered,
      answeredOnTime: t.answeredOnTime,
      answeredLate: t.answeredLate,
      overdue: t.overdue,
    },
    approvalWait: await waits.result(oneCaseAtATime, request.now),
    scanned: records(request.period) + records(before),
    unreadable: 0,
  };
}
