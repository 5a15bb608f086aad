import type { ComplaintFacts } from '../../shared/generate.js';
import { TOPIC_TREE } from '../../shared/complaint-topics.js';
import type { Random } from '../../shared/random.js';
import { toSecond, w3cWib } from '../time-format.js';

/**
 * An Open311 GeoReport v2 endpoint with the servicerequestupdates extension, as civic
 * platforms expose it. Extended update statuses follow the most common implementation.
 */
export const UPDATE_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'action_scheduled',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
] as const;
const CLOSING = new Set(['fixed', 'closed', 'duplicate', 'not_councils_responsibility', 'no_further_action']);
export const requestStatusOf = (updateStatus: string): 'open' | 'closed' =>
  CLOSING.has(updateStatus) ? 'closed' : 'open';

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
  agency: string;
}

export interface StoredRequest {
  id: number;
  status: 'open' | 'closed';
  statusNotes: string | null;
  service: Service;
  description: string | null;
  requestedMs: number;
  updatedMs: number;
  address: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
}

export interface StoredUpdate {
  updateId: string;
  requestId: number;
  status: string;
  updatedMs: number;
  description: string;
  mediaUrl: string | null;
}

export const SERVICES: readonly Service[] = TOPIC_TREE.flatMap((top, ti) =>
  top.children.map((sub, si) => ({
    service_code: String((ti + 1) * 100 + si + 1),
    service_name: sub.name,
    description: `${top.name}: ${sub.name}`,
    metadata: false as const,
    type: 'realtime' as const,
    keywords: sub.name.toLowerCase(),
    group: top.name,
    agency: sub.opd,
  })),
);

export function renderRequest(r: StoredRequest) {
  return {
    service_request_id: String(r.id),
    status: r.status,
    status_notes: r.statusNotes,
    service_name: r.service.service_name,
    service_code: r.service.service_code,
    description: r.description,
    agency_responsible: r.service.agency,
    service_notice: null,
    requested_datetime: w3cWib(r.requestedMs),
    updated_datetime: w3cWib(r.updatedMs),
    expected_datetime: null,
    address: r.address,
    address_id: null,
    zipcode: '58211',
    lat: r.lat,
    long: r.long,
    media_url: r.mediaUrl,
  };
}

export function renderUpdate(u: StoredUpdate) {
  return {
    update_id: u.updateId,
    service_request_id: String(u.requestId),
    status: u.status,
    updated_datetime: w3cWib(u.updatedMs),
    description: u.description,
    media_url: u.mediaUrl,
  };
}

const STEPS: readonly (readonly string[])[] = [
  [],
  ['investigating'],
  ['investigating', 'in_progress'],
  ['in_progress', 'fixed'],
  ['not_councils_responsibility'],
  ['investigating', 'action_scheduled', 'fixed', 'closed'],
];

export function requestFromFacts(
  facts: ComplaintFacts,
  id: number,
  random: Random,
  nowMs: number,
): { request: StoredRequest; updates: Omit<StoredUpdate, 'updateId'>[] } {
  const requested = toSecond(facts.reportedAt.getTime());
  const service = SERVICES.find((s) => s.service_name === facts.category.sub) ?? SERVICES[0]!;
  const steps = random.pick(STEPS);
  let at = requested;
  const updates = steps.map((status) => {
    at = Math.min(toSecond(nowMs), at + random.int(2, 72) * 3600_000);
    return {
      requestId: id,
      status,
      updatedMs: at,
      description:
        status === 'not_councils_responsibility'
          ? 'Bukan kewenangan kami, diteruskan ke instansi terkait.'
          : `Status: ${status.replace(/_/g, ' ')}. Petugas ${service.agency} menindaklanjuti.`,
      mediaUrl: null,
    };
  });
  const last = updates[updates.length - 1];
  const withFix = random.chance(0.75);
  return {
    request: {
      id,
      status: last ? requestStatusOf(last.status) : 'open',
      statusNotes: last ? last.description : null,
      service,
      description: facts.text.plain,
      requestedMs: requested,
      updatedMs: last ? last.updatedMs : requested,
      address: `${facts.place.kelurahan ? 'Kel.' : 'Desa'} ${facts.place.desa}, Kec. ${facts.place.kecamatan}, Blora`,
      lat: withFix ? Number((-6.97 + (random.next() - 0.5) * 0.5).toFixed(6)) : null,
      long: withFix ? Number((111.42 + (random.next() - 0.5) * 0.6).toFixed(6)) : null,
      mediaUrl: random.chance(0.3) ? `https://open311.blorakab.example/media/${id}.jpg` : null,
    },
    updates,
  };
}
