import { TOPIC_TREE } from '../shared/complaint-topics.js';
import type { ComplaintFacts } from '../shared/generate.js';
import type { Random } from '../shared/random.js';
import type { SandboxClock } from '../shared/clock.js';
import { OTHER_INSTANSI } from './instansi.js';
import {
  applyAction,
  applyFollowUp,
  autoClose,
  autoCloseDue,
  TransitionError,
  type ActionInput,
  type TimelineIds,
} from './lifecycle.js';
import { wholeSecond, type ClassificationLabel, type Instansi, type Report, type TimelineEntry } from './model.js';
import { ReportStore } from './store.js';

export interface Topic {
  id: string;
  parent: string;
  name: string;
}

export class NotVisible extends Error {
  constructor(message = 'laporan tidak ditemukan') {
    super(message);
    this.name = 'NotVisible';
  }
}

export const FACT_TO_LABEL: Readonly<Record<ComplaintFacts['classification'], ClassificationLabel>> = {
  pengaduan: 'pengaduan',
  aspirasi: 'aspirasi',
  permintaan_informasi: 'permintaan informasi',
};

/** Everything the sandbox knows: reports, topics, instansi, the clock. */
export class LaporWorld {
  readonly store = new ReportStore();
  readonly topics: Topic[] = [];
  readonly instansi = new Map<string, Instansi>();
  private readonly topicByName = new Map<string, string>();
  private lastTrackingId: bigint;
  private timelineSeq = 0;
  private transaksiSeq = 0;
  readonly timelineIds: TimelineIds = { next: () => String(++this.timelineSeq) };

  constructor(
    readonly own: Instansi,
    readonly clock: SandboxClock,
    private readonly random: Random,
    firstTrackingId: string,
  ) {
    this.lastTrackingId = BigInt(firstTrackingId) - 1n;
    for (const i of [own, ...OTHER_INSTANSI]) this.instansi.set(i.id, i);
    let id = 0;
    for (const top of TOPIC_TREE) {
      const topId = String(++id);
      this.topics.push({ id: topId, parent: '0', name: top.name });
      for (const child of top.children) {
        const childId = String(++id);
        this.topics.push({ id: childId, parent: topId, name: child.name });
        this.topicByName.set(child.name, childId);
      }
    }
  }

  now(): number {
    return wholeSecond(this.clock.now().getTime());
  }

  topicIdOf(subTopic: string): string | undefined {
    return this.topicByName.get(subTopic);
  }

  topicName(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.topics.find((t) => t.id === id)?.name;
  }

  instansiName(id: string | undefined): string {
    return (id && this.instansi.get(id)?.name) || 'instansi';
  }

  /** Tracking ids grow by small random steps: other instansi's reports take the numbers between. */
  nextTrackingId(): string {
    this.lastTrackingId += BigInt(this.random.int(1, 37));
    return this.lastTrackingId.toString();
  }

  nextTransaksiId(at: number): string {
    const day = new Date(at + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return `TRX${day}${String(++this.transaksiSeq).padStart(6, '0')}`;
  }

  /** Whether an instansi sees a report: disposed to it, or returned by it as "bukan wewenang" and not yet disposed elsewhere. */
  visibleTo(report: Report, instansiId: string): boolean {
    return report.instansiId === instansiId || (report.status === 'bukan wewenang' && report.returnedBy === instansiId);
  }

  get(trackingId: string, instansiId?: string): Report {
    const report = this.store.get(trackingId);
    if (!report || (instansiId !== undefined && !this.visibleTo(report, instansiId))) throw new NotVisible();
    return report;
  }

  /** Closes every report whose 10-working-day window has passed. */
  tick(): number {
    const now = this.now();
    let closed = 0;
    for (const report of [...this.store.all()]) {
      const due = autoCloseDue(report);
      if (due === undefined || due > now) continue;
      this.store.update(report, (r) => {
        if (autoClose(r, now, this.timelineIds)) closed++;
      });
    }
    return closed;
  }

  act(trackingId: string, input: Omit<ActionInput, 'instansi'> & { instansiId?: string }, at = this.now()): Report {
    const report = this.get(trackingId);
    let instansi: Instansi | undefined;
    if (input.action === 'disposisi') {
      instansi = this.instansi.get(input.instansiId ?? this.own.id);
      if (!instansi)
        throw new TransitionError(
          `unknown instansi "${input.instansiId}" (known: ${[...this.instansi.keys()].join(', ')})`,
        );
    }
    this.store.update(report, (r) =>
      applyAction(r, { ...input, instansi }, at, this.timelineIds, (id) => this.instansiName(id)),
    );
    return report;
  }

  followUp(
    instansiId: string,
    trackingId: string,
    input: { text: string; by?: string; clientRef?: string },
    at = this.now(),
  ): { report: Report; entry: TimelineEntry; duplicate: boolean } {
    const report = this.get(trackingId, instansiId);
    if (report.instansiId !== instansiId) throw new TransitionError('laporan tidak lagi terdisposisi ke instansi ini');
    let result: { entry: TimelineEntry; duplicate: boolean } | undefined;
    this.store.update(report, (r) => {
      result = applyFollowUp(
        r,
        {
          text: input.text,
          by: input.by ?? `Admin ${r.unit ?? this.instansiName(instansiId)}`,
          clientRef: input.clientRef,
        },
        at,
        this.timelineIds,
      );
    });
    return { report, ...result! };
  }

  /** Edits what a reporter or admin may change; the edit counts as activity. */
  edit(
    trackingId: string,
    patch: Partial<
      Pick<Report, 'title' | 'body' | 'location' | 'anonim' | 'rahasia' | 'topicId' | 'classification' | 'attachments'>
    >,
    at = this.now(),
  ): Report {
    const report = this.get(trackingId);
    this.store.update(report, (r) => {
      Object.assign(r, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      r.lastActivityAt = at;
    });
    return report;
  }
}

export interface IntegrationInput {
  clientRef?: string;
  title?: string;
  body: string;
  classification: ClassificationLabel;
  topicId?: string;
  location?: string;
  anonim: boolean;
  rahasia: boolean;
  reportedAt?: number;
  reporter?: { name?: string; phone?: string; email?: string };
  attachments: string[];
}

/**
 * A report forwarded by a regional system through the integration endpoint. A repeated
 * client reference returns the first report instead of creating another.
 */
export function createFromIntegration(
  world: LaporWorld,
  instansiId: string,
  input: IntegrationInput,
  autoDispose: boolean,
): { report: Report; duplicate: boolean } {
  if (input.clientRef) {
    const existing = world.store.byClientRef(instansiId, input.clientRef);
    if (existing) return { report: existing, duplicate: true };
  }
  const now = world.now();
  const reportedAt = input.reportedAt !== undefined && input.reportedAt <= now ? wholeSecond(input.reportedAt) : now;
  const report: Report = {
    trackingId: world.nextTrackingId(),
    transaksiId: world.nextTransaksiId(now),
    createdBy: instansiId,
    title: input.title?.trim() || input.body.replace(/<br\s*\/?>/g, ' ').slice(0, 60),
    body: input.body,
    classification: input.classification,
    channel: 'integrasi',
    anonim: input.anonim,
    rahasia: input.rahasia,
    attachments: input.attachments,
    status: 'belum diverifikasi',
    createdAt: reportedAt,
    lastActivityAt: now,
    supports: 0,
    timeline: [
      {
        id: world.timelineIds.next(),
        type: 'status',
        at: now,
        by: 'Sistem',
        note: `Laporan diterima melalui integrasi ${world.instansiName(instansiId)}`,
      },
    ],
  };
  if (input.clientRef) report.clientRef = input.clientRef;
  if (input.topicId) report.topicId = input.topicId;
  if (input.location) report.location = input.location;
  if (input.reporter?.name || input.reporter?.phone) {
    report.reporter = {
      name: input.reporter.name ?? '',
      phone: input.reporter.phone ?? '',
      ...(input.reporter.email ? { email: input.reporter.email } : {}),
    };
  }
  world.store.add(report);
  if (autoDispose) {
    world.act(report.trackingId, { action: 'verifikasi' }, now);
    world.act(report.trackingId, { action: 'disposisi', instansiId }, now);
  }
  return { report, duplicate: false };
}
