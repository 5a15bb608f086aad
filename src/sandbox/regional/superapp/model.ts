import { BLORA_KECAMATAN } from '../../shared/blora-places.js';
import type { ComplaintFacts } from '../../shared/generate.js';
import { TOPIC_TREE } from '../../shared/complaint-topics.js';
import type { Random } from '../../shared/random.js';
import { laravelTime, toSecond } from '../time-format.js';

/**
 * A province's super-app complaint CMS (Laravel), as its partner API shows complaints.
 * Times are MySQL wall times in WIB without offset; coordinates are strings.
 */
export const SUPERAPP_STATUSES = [
  'unverified',
  'verified',
  'failed',
  'coordinated',
  'diverted_to_span',
  'rejected',
  'followup',
  'postponed',
  'review',
  'finished',
] as const;
export type SuperappStatus = (typeof SUPERAPP_STATUSES)[number];

export interface SuperappComplaint {
  id: number;
  complaint_code: string;
  title: string;
  description: string;
  category_id: number;
  category_name: string;
  sub_category_id: number;
  sub_category_name: string;
  photos: { url: string }[];
  status: SuperappStatus;
  created_at: string;
  updated_at: string;
  city_id: string;
  city_name: string;
  district_id: string | null;
  district_name: string | null;
  village_id: string | null;
  village_name: string | null;
  address: string | null;
  latitude: string | null;
  longitude: string | null;
  user: { name: string; phone: string; email: string | null };
  is_secret: boolean;
  is_anonymous: boolean;
  sp4n_id: string | null;
  reference_id: string | null;
}

export interface Sp4nTracking {
  id: number;
  tracking_at: string;
  tracking_by: string;
  tracking_note: string;
}

export interface Followup {
  id: number;
  description: string;
  created_by: string;
  created_at: string;
  reference_id: string | null;
}

const MEDIA = 'https://superapp.jatengprov.example/storage/complaints';
const PATHS: readonly SuperappStatus[][] = [
  ['unverified'],
  ['unverified', 'verified'],
  ['unverified', 'failed'],
  ['unverified', 'verified', 'coordinated'],
  ['unverified', 'verified', 'diverted_to_span'],
  ['unverified', 'verified', 'coordinated', 'followup'],
  ['unverified', 'verified', 'coordinated', 'postponed'],
  ['unverified', 'verified', 'coordinated', 'followup', 'review'],
  ['unverified', 'verified', 'coordinated', 'followup', 'review', 'finished'],
  ['unverified', 'rejected'],
];

export function categoryIds(top: string, sub: string): { category_id: number; sub_category_id: number } {
  const ti = Math.max(
    0,
    TOPIC_TREE.findIndex((t) => t.name === top),
  );
  const si = Math.max(
    0,
    TOPIC_TREE[ti]!.children.findIndex((s) => s.name === sub),
  );
  return { category_id: ti + 1, sub_category_id: (ti + 1) * 100 + si + 1 };
}

export interface SeededComplaint {
  complaint: SuperappComplaint;
  trackings: Omit<Sp4nTracking, 'id'>[];
  followups: Omit<Followup, 'id'>[];
}

export function superappFromFacts(facts: ComplaintFacts, id: number, random: Random, nowMs: number): SeededComplaint {
  const created = toSecond(facts.reportedAt.getTime());
  const path = random.pick(PATHS);
  const updated = Math.min(toSecond(nowMs), created + path.length * random.int(1, 48) * 3600_000);
  const status = path[path.length - 1]!;
  const kec = BLORA_KECAMATAN.find((k) => k.name === facts.place.kecamatan);
  const villageIndex = kec ? Math.max(0, [...kec.desa, ...(kec.kelurahan ?? [])].indexOf(facts.place.desa)) : 0;
  const sp4n =
    path.includes('diverted_to_span') || (path.includes('coordinated') && random.chance(0.3))
      ? String(random.int(5_000_000, 5_999_999))
      : null;
  const lat = random.chance(0.8) ? (-6.97 + (random.next() - 0.5) * 0.5).toFixed(7) : null;
  const trackings = sp4n
    ? [
        {
          tracking_at: laravelTime(created + 3600_000),
          tracking_by: 'Admin Provinsi',
          tracking_note: `Laporan diteruskan ke SP4N-LAPOR! dengan nomor ${sp4n}`,
        },
        {
          tracking_at: laravelTime(created + 26 * 3600_000),
          tracking_by: 'Admin Nasional',
          tracking_note: 'Terdisposisi ke Pemerintah Kabupaten Blora',
        },
      ]
    : [];
  const followups = path.includes('followup')
    ? [
        {
          description: `Aduan telah ditindaklanjuti oleh ${facts.opd}.`,
          created_by: facts.opd,
          created_at: laravelTime(updated),
          reference_id: null,
        },
      ]
    : [];
  return {
    complaint: {
      id,
      complaint_code: `ADU-${new Date(created).getUTCFullYear()}-${String(id).padStart(6, '0')}`,
      title: facts.title,
      description: random.chance(0.2) ? facts.text.html : facts.text.plain,
      ...categoryIds(facts.category.top, facts.category.sub),
      category_name: facts.category.top,
      sub_category_name: facts.category.sub,
      photos: Array.from({ length: random.int(0, 3) }, (_v, i) => ({ url: `${MEDIA}/${id}/${i + 1}.jpg` })),
      status,
      created_at: laravelTime(created),
      updated_at: laravelTime(updated),
      city_id: '3316',
      city_name: 'Kabupaten Blora',
      district_id: kec ? `3316${kec.code}` : null,
      district_name: kec ? kec.name.toUpperCase() : null,
      village_id: kec ? `3316${kec.code}${String(2001 + villageIndex)}` : null,
      village_name: facts.place.desa.toUpperCase(),
      address: random.chance(0.6)
        ? `${facts.place.kelurahan ? 'Kel.' : 'Desa'} ${facts.place.desa} ${random.chance(0.5) ? 'RT 02 RW 01' : ''}`.trim()
        : null,
      latitude: lat,
      longitude: lat ? (111.42 + (random.next() - 0.5) * 0.6).toFixed(7) : null,
      user: { name: facts.reporter.name, phone: facts.reporter.phone, email: facts.reporter.email ?? null },
      is_secret: facts.rahasia,
      is_anonymous: facts.anonim,
      sp4n_id: sp4n,
      reference_id: null,
    },
    trackings,
    followups,
  };
}
