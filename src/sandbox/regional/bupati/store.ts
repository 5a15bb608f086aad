import type { ComplaintFacts } from '../../shared/generate.js';
import type { Random } from '../../shared/random.js';
import { cuid } from '../ids.js';
import type { PublicItem, SandboxSystem, SystemContext } from '../system.js';
import { isoUtc } from '../time-format.js';
import { bupatiReportFromFacts, opdFromName, type BupatiComment, type BupatiReport, type Opd } from './model.js';
import { bupatiRouter } from './routes.js';

export interface BupatiStore {
  reports: BupatiReport[];
  opds: Opd[];
  get(id: string): BupatiReport | undefined;
  /** The report as the API shows it: with its OPD included (Prisma `include`). */
  withOpd(report: BupatiReport): BupatiReport & { opd: Opd | null };
  create(
    input: Pick<
      BupatiReport,
      'title' | 'description' | 'location' | 'category' | 'subcategory' | 'priority' | 'image' | 'externalRef'
    >,
  ): BupatiReport;
  update(id: string, patch: Partial<BupatiReport>): BupatiReport;
  comments(id: string): BupatiComment[];
  addComment(id: string, input: Pick<BupatiComment, 'content' | 'authorName' | 'clientRef'>): BupatiComment;
}

export function createBupatiSystem(
  facts: readonly ComplaintFacts[],
  ctx: SystemContext,
  seedRandom: Random,
  user: string,
  password: string,
): SandboxSystem {
  const reports: BupatiReport[] = [];
  const opds = new Map<string, Opd>();
  const comments = new Map<string, BupatiComment[]>();
  const nowMs = ctx.clock.now().getTime();
  const now = () => isoUtc(ctx.clock.now().getTime());

  for (const f of facts) {
    const opd = opds.get(f.opd) ?? opdFromName(f.opd, seedRandom, f.reportedAt.getTime());
    opds.set(f.opd, opd);
    const seeded = bupatiReportFromFacts(f, opd, seedRandom, nowMs);
    reports.push(seeded.report);
    comments.set(
      seeded.report.id,
      seeded.comments.map((c) => ({ ...c, id: cuid(seedRandom, Date.parse(c.createdAt)), reportId: seeded.report.id })),
    );
  }

  const get = (id: string) => reports.find((r) => r.id === id);
  const store: BupatiStore = {
    reports,
    opds: [...opds.values()],
    get,
    withOpd: (r) => ({ ...r, opd: [...opds.values()].find((o) => o.id === r.opdId) ?? null }),
    create(input) {
      const at = now();
      const report: BupatiReport = {
        ...input,
        id: cuid(ctx.random, Date.parse(at)),
        bupatiStatus: 'PENDING',
        opdStatus: 'PENDING',
        bupatiReason: null,
        opdReason: null,
        assignedAt: null,
        respondedAt: null,
        createdAt: at,
        updatedAt: at,
        opdId: null,
        user: null,
      };
      reports.push(report);
      return report;
    },
    update(id, patch) {
      const report = get(id)!;
      const at = now();
      const assigned = patch.bupatiStatus === 'PROSES' && !report.assignedAt ? { assignedAt: at } : {};
      const responded =
        (patch.opdStatus === 'SELESAI' || patch.opdStatus === 'DITOLAK') && patch.opdStatus !== report.opdStatus
          ? { respondedAt: at }
          : {};
      return Object.assign(report, patch, assigned, responded, { id: report.id, updatedAt: at });
    },
    comments: (id) => comments.get(id) ?? [],
    addComment(id, input) {
      const comment: BupatiComment = {
        ...input,
        id: cuid(ctx.random, ctx.clock.now().getTime()),
        reportId: id,
        createdAt: now(),
      };
      comments.set(id, [...(comments.get(id) ?? []), comment]);
      store.update(id, {});
      return comment;
    },
  };

  return {
    name: 'bupati',
    prefix: '/bupati',
    router: bupatiRouter(store, ctx, user, password),
    snapshot: () => ({ reports, opds: store.opds, comments: Object.fromEntries(comments) }),
    ids: () => reports.map((r) => r.id),
    add(input) {
      const report = store.create({
        title: 'Laporan uji',
        description: 'Laporan uji dari admin sandbox.',
        location: '-',
        category: 'Lainnya',
        subcategory: 'Lainnya',
        priority: 'MEDIUM',
        image: null,
        externalRef: null,
      });
      return Object.assign(report, input, { id: report.id });
    },
    edit: (id, patch) => (get(id) ? store.update(id, patch as Partial<BupatiReport>) : undefined),
    answer: (id, input) =>
      get(id) ? store.addComment(id, { content: input.text, authorName: input.by, clientRef: null }) : undefined,
    publicItems: (): PublicItem[] =>
      reports.map((r) => ({
        system: 'bupati',
        id: r.id,
        title: r.title,
        text: r.description,
        status: `${r.bupatiStatus}/${r.opdStatus}`,
        place: r.location,
        reportedAt: r.createdAt,
      })),
  };
}
