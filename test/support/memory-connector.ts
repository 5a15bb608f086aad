import type { Connector, PulledRecord, PullPage } from '../../src/connectors/types.js';
import { complaintDraftSchema, type ComplaintDraftInput } from '../../src/domain/draft.js';

/**
 * An in-memory source for unit tests of the pipeline's own rules (cursor, quarantine,
 * ledger). End-to-end behaviour is tested against the HTTP sandboxes instead.
 * Cursor: JSON {t, id} of the last record returned, ordered by (updatedAt, id).
 */
export interface MemoryRecord {
  id: string;
  updatedAt: string;
  body: string;
  status?: string;
  /** The canonical status its source status maps to (default received). */
  canonical?: ComplaintDraftInput['status'];
  title?: string;
  /** The OPD the source names. */
  opd?: string;
  /** Says no classification (pengaduan by default). */
  unclassified?: boolean;
}

export class MemoryConnector implements Connector {
  readonly kind = 'memory';
  /** Connector.classifies: false for a source that never says pengaduan / aspirasi / informasi. */
  classifies = true;
  records: MemoryRecord[] = [];
  /** Text that makes mapping fail, until "fixed". */
  rejectBodiesContaining: string | undefined;
  failNext: Error[] = [];
  pulls = 0;

  constructor(
    readonly name: string,
    private readonly pageSize = 10,
  ) {}

  mapRaw(raw: unknown): PulledRecord {
    const r = raw as MemoryRecord;
    if (this.rejectBodiesContaining && r.body.includes(this.rejectBodiesContaining))
      return { ok: false, externalId: r.id, raw, reason: `body contains "${this.rejectBodiesContaining}"` };
    const input: ComplaintDraftInput = {
      externalId: r.id,
      body: r.body,
      ...(r.unclassified ? {} : { classification: 'pengaduan' as const }),
      reportedAt: r.updatedAt,
      updatedAt: r.updatedAt,
      sourceStatus: r.status ?? 'baru',
      ...(r.status === 'weird' ? {} : { status: r.canonical ?? 'received' }),
      ...(r.title ? { title: r.title } : {}),
      ...(r.opd ? { opd: { name: r.opd } } : {}),
    };
    return { ok: true, externalId: r.id, raw, draft: complaintDraftSchema.parse(input) };
  }

  cursorSince(since: Date): string {
    return JSON.stringify({ t: since.toISOString(), id: '' });
  }

  async pull(cursor: string | null): Promise<PullPage> {
    this.pulls += 1;
    const failure = this.failNext.shift();
    if (failure) throw failure;
    const after = cursor ? (JSON.parse(cursor) as { t: string; id: string }) : { t: '', id: '' };
    const ordered = [...this.records].sort(
      (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id),
    );
    const rest = ordered.filter((r) => r.updatedAt > after.t || (r.updatedAt === after.t && r.id > after.id));
    const page = rest.slice(0, this.pageSize);
    const last = page.at(-1);
    return {
      records: page.map((r) => this.mapRaw(structuredClone(r))),
      nextCursor: last ? JSON.stringify({ t: last.updatedAt, id: last.id }) : (cursor ?? JSON.stringify(after)),
      done: rest.length <= this.pageSize,
    };
  }

  async health() {
    return [{ check: 'memory', ok: true, detail: 'in memory' }];
  }

  async close(): Promise<void> {}
}

export function memoryRecords(count: number, start = Date.parse('2026-01-01T00:00:00Z')): MemoryRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(1_000_000 + i),
    updatedAt: new Date(start + Math.floor(i / 3) * 60_000).toISOString(),
    body: `Yth. Dinas, keluhan nomor ${i}. Mohon ditindaklanjuti.`,
  }));
}
