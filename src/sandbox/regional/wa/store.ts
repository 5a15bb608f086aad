import type { ComplaintFacts } from '../../shared/generate.js';
import { generatePerson } from '../../shared/people.js';
import type { Random } from '../../shared/random.js';
import { objectId, uuid } from '../ids.js';
import { InputError, type PublicItem, type SandboxSystem, type SystemContext } from '../system.js';
import { isoUtc } from '../time-format.js';
import {
  WA_STATUSES,
  waHandlingFromFacts,
  waNumber,
  waReportFromFacts,
  type WaHandling,
  type WaReport,
} from './model.js';
import { waRouter } from './routes.js';

export interface WaStore {
  reports: WaReport[];
  report(id: string): WaReport | undefined;
  handling(reportId: string): WaHandling | undefined;
  replaceHandling(
    report: WaReport,
    input: Omit<WaHandling, '_id' | 'reportId' | 'createdAt' | 'updatedAt'>,
    at: string,
  ): WaHandling;
  /** Marks a report changed (the desk bumps the report when its handling moves). */
  touch(id: string, status?: WaHandling['status']): void;
}

export function createWaSystem(
  facts: readonly ComplaintFacts[],
  ctx: SystemContext,
  seedRandom: Random,
  token: string,
): SandboxSystem {
  const reports: WaReport[] = [];
  const handlings = new Map<string, WaHandling>();
  const nowMs = ctx.clock.now().getTime();
  for (const f of facts) {
    const report = waReportFromFacts(f, seedRandom);
    // Some reports were never picked up by an operator: no handling record exists yet.
    if (seedRandom.chance(0.9)) {
      const handling = waHandlingFromFacts(report, f, seedRandom, nowMs);
      handlings.set(report._id, handling);
      report.updatedAt = handling.updatedAt;
    }
    reports.push(report);
  }
  const now = () => isoUtc(ctx.clock.now().getTime());

  const store: WaStore = {
    reports,
    report: (id) => reports.find((r) => r._id === id),
    handling: (id) => handlings.get(id),
    replaceHandling(report, input, at) {
      const old = handlings.get(report._id);
      const next: WaHandling = {
        ...input,
        _id: old?._id ?? objectId(ctx.random, Date.parse(at)),
        reportId: report._id,
        createdAt: old?.createdAt ?? at,
        updatedAt: at,
      };
      handlings.set(report._id, next);
      report.updatedAt = at;
      return next;
    },
    touch(id, status) {
      const report = store.report(id);
      if (!report) return;
      const handling = handlings.get(id);
      if (handling && status) handlings.set(id, { ...handling, status, updatedAt: now() });
      report.updatedAt = now();
    },
  };

  return {
    name: 'wa',
    prefix: '/wa',
    router: waRouter(store, ctx, token),
    snapshot: () => ({ reports, handlings: Object.fromEntries(handlings) }),
    ids: () => reports.map((r) => r._id),
    add(input) {
      const at = now();
      const person = generatePerson(ctx.random);
      const { handling, ...fields } = input as Partial<WaReport> & { handling?: Partial<WaHandling> };
      const report: WaReport = {
        _id: objectId(ctx.random, Date.parse(at)),
        sessionId: uuid(ctx.random),
        from: waNumber(person.phone),
        user: { name: person.name },
        location: {
          type: 'manual',
          description: 'Desa Jepon, Kec. Jepon',
          desa: 'Jepon',
          kecamatan: 'Jepon',
          kabupaten: 'Blora',
        },
        message: 'Laporan uji dari admin sandbox.',
        photos: [],
        createdAt: at,
        updatedAt: at,
        ...fields,
      };
      if (reports.some((r) => r._id === report._id)) throw new InputError(`report ${report._id} exists`, 409);
      reports.push(report);
      if (handling)
        store.replaceHandling(
          report,
          {
            status: 'Perlu Verifikasi',
            opd: [],
            trackingId: null,
            url: null,
            situasi: 'Berpengawasan',
            kesimpulan: [],
            ...handling,
          },
          at,
        );
      return { ...report, handling: handlings.get(report._id) };
    },
    edit(id, patch) {
      const report = store.report(id);
      if (!report) return undefined;
      const { handling, ...fields } = patch as Partial<WaReport> & { handling?: Partial<WaHandling> };
      Object.assign(report, fields, { updatedAt: now() });
      if (handling) {
        const old = handlings.get(id) ?? {
          status: WA_STATUSES[0],
          opd: [],
          trackingId: null,
          url: null,
          situasi: 'Berpengawasan' as const,
          kesimpulan: [],
        };
        store.replaceHandling(report, { ...old, ...handling }, now());
      }
      return { ...report, handling: handlings.get(id) };
    },
    answer(id, input) {
      const report = store.report(id);
      if (!report) return undefined;
      const handling = handlings.get(id);
      // A conclusion lives in the handling record: a report nobody has opened has none.
      if (!handling) throw new InputError(`report ${id} has no handling record yet`, 409);
      const at = now();
      return store.replaceHandling(
        report,
        { ...handling, kesimpulan: [...handling.kesimpulan, { text: input.text, timestamp: at }] },
        at,
      );
    },
    publicItems: (): PublicItem[] =>
      reports.map((r) => ({
        system: 'wa',
        id: r._id,
        text: r.message,
        status: handlings.get(r._id)?.status ?? 'Perlu Verifikasi',
        place: r.location.description,
        reportedAt: r.createdAt,
      })),
  };
}
