import type { ComplaintFacts } from '../../shared/generate.js';
import type { Random } from '../../shared/random.js';
import { cuid } from '../ids.js';
import { BUPATI_OPD_IDS } from './opds.js';
import { isoUtc } from '../time-format.js';

/**
 * The Bupati + OPD complaint app (Next.js + Prisma/PostgreSQL): the Bupati's desk and the
 * assigned OPD each keep their own status. JSON is Prisma's: ISO times, null for empty.
 */
export const FLOW_STATUSES = ['PENDING', 'PROSES', 'SELESAI', 'DITOLAK'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;

export interface Opd {
  id: string;
  name: string;
  alamat: string;
  email: string;
  telp: string;
}

export interface BupatiReport {
  id: string;
  title: string;
  description: string;
  location: string;
  category: string;
  subcategory: string;
  priority: (typeof PRIORITIES)[number];
  image: string | null;
  bupatiStatus: FlowStatus;
  opdStatus: FlowStatus;
  bupatiReason: string | null;
  opdReason: string | null;
  assignedAt: string | null;
  respondedAt: string | null;
  createdAt: string;
  updatedAt: string;
  opdId: string | null;
  user: { name: string; phone: string } | null;
  /** Set when the report was forwarded from another system (integration field). */
  externalRef: string | null;
}

export interface BupatiComment {
  id: string;
  reportId: string;
  content: string;
  authorName: string;
  createdAt: string;
  clientRef: string | null;
}

const MEDIA = 'https://elapor.blorakab.example/uploads';
const HOUR = 3600_000;

/** [bupatiStatus, opdStatus] pairs a report passes through, with how often each is seen. */
const FLOWS: readonly (readonly [readonly [FlowStatus, FlowStatus], number])[] = [
  [['PENDING', 'PENDING'], 20],
  [['PROSES', 'PENDING'], 15],
  [['PROSES', 'PROSES'], 20],
  [['PROSES', 'SELESAI'], 15],
  [['PROSES', 'DITOLAK'], 8],
  [['SELESAI', 'SELESAI'], 15],
  [['DITOLAK', 'PENDING'], 7],
];

export function opdFromName(name: string, random: Random, createdMs: number): Opd {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z]+/g, '')
    .slice(0, 12);
  // Drawn even for a known OPD, so the seeded stream (and every other seeded value) stays as it was.
  const drawn = cuid(random, createdMs);
  return {
    id: BUPATI_OPD_IDS[name] ?? drawn,
    name,
    alamat: `Jl. Pemuda No. ${random.int(1, 80)}, Blora`,
    email: `${slug}@blorakab.example`,
    telp: `(0296) ${random.int(520000, 539999)}`,
  };
}

export function bupatiReportFromFacts(
  facts: ComplaintFacts,
  opd: Opd,
  random: Random,
  nowMs: number,
): { report: BupatiReport; comments: Omit<BupatiComment, 'id' | 'reportId'>[] } {
  const created = facts.reportedAt.getTime();
  const [bupatiStatus, opdStatus] = random.weighted(FLOWS);
  const assigned =
    bupatiStatus === 'PROSES' || bupatiStatus === 'SELESAI'
      ? Math.min(nowMs, created + random.int(2, 30) * HOUR)
      : null;
  const responded =
    opdStatus === 'SELESAI' || opdStatus === 'DITOLAK'
      ? Math.min(nowMs, (assigned ?? created) + random.int(4, 96) * HOUR)
      : null;
  const updated = Math.max(created, assigned ?? 0, responded ?? 0, bupatiStatus === 'DITOLAK' ? created + 5 * HOUR : 0);
  const comments =
    opdStatus === 'SELESAI'
      ? [
          {
            content: `Tindak lanjut ${opd.name}: laporan sudah ditangani di lapangan.`,
            authorName: opd.name,
            createdAt: isoUtc(responded!),
            clientRef: null,
          },
        ]
      : [];
  return {
    report: {
      id: cuid(random, created),
      title: facts.title,
      description: facts.text.plain,
      location: `${facts.place.kelurahan ? 'Kel.' : 'Desa'} ${facts.place.desa}, Kec. ${facts.place.kecamatan}, Kab. ${facts.place.kabupaten}`,
      category: facts.category.top,
      subcategory: facts.category.sub,
      priority: random.weighted([
        ['LOW', 3],
        ['MEDIUM', 5],
        ['HIGH', 2],
      ] as const),
      image: random.chance(0.5) ? `${MEDIA}/${created}.jpg` : null,
      bupatiStatus,
      opdStatus,
      bupatiReason: bupatiStatus === 'DITOLAK' ? 'Laporan tidak lengkap / bukan kewenangan Pemkab' : null,
      opdReason: opdStatus === 'DITOLAK' ? 'Bukan kewenangan OPD kami, mohon didisposisikan ulang' : null,
      assignedAt: assigned === null ? null : isoUtc(assigned),
      respondedAt: responded === null ? null : isoUtc(responded),
      createdAt: isoUtc(created),
      updatedAt: isoUtc(Math.min(nowMs, updated)),
      opdId: assigned === null ? null : opd.id,
      user: facts.anonim ? null : { name: facts.reporter.name, phone: facts.reporter.phone },
      externalRef: null,
    },
    comments,
  };
}
