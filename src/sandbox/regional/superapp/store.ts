import type { ComplaintFacts } from '../../shared/generate.js';
import type { Random } from '../../shared/random.js';
import type { PublicItem, SandboxSystem, SystemContext } from '../system.js';
import { laravelTime } from '../time-format.js';
import { superappFromFacts, type Followup, type Sp4nTracking, type SuperappComplaint } from './model.js';
import { superappRouter } from './routes.js';
import { createTokenIssuer, type PartnerCredentials } from './tokens.js';

export interface SuperappStore {
  complaints: SuperappComplaint[];
  get(id: number): SuperappComplaint | undefined;
  create(input: {
    title: string;
    description: string;
    category_id?: number | undefined;
    address?: string | undefined;
    is_secret: boolean;
    is_anonymous: boolean;
    reference_id?: string | undefined;
    user: { name?: string | undefined; phone?: string | undefined; email?: string | undefined };
    photos: { url: string }[];
  }): SuperappComplaint;
  setSp4n(id: number, sp4n: string): SuperappComplaint;
  setStatus(id: number, status: SuperappComplaint['status']): SuperappComplaint;
  trackings(id: number): Sp4nTracking[];
  followups(id: number): Followup[];
  addFollowup(id: number, f: Omit<Followup, 'id'>): Followup;
}

export interface SuperappSystem extends SandboxSystem {
  revokeTokens(): void;
  addTracking(id: number, entry: Partial<Omit<Sp4nTracking, 'id'>>): Sp4nTracking | undefined;
}

export function createSuperappSystem(
  facts: readonly ComplaintFacts[],
  ctx: SystemContext,
  seedRandom: Random,
  credentials: PartnerCredentials,
): SuperappSystem {
  const complaints: SuperappComplaint[] = [];
  const trackings = new Map<number, Sp4nTracking[]>();
  const followups = new Map<number, Followup[]>();
  let nextId = 24_001;
  let nextTracking = 1;
  let nextFollowup = 1;
  const now = () => laravelTime(ctx.clock.now().getTime());
  const nowMs = ctx.clock.now().getTime();

  for (const f of facts) {
    const seeded = superappFromFacts(f, nextId++, seedRandom, nowMs);
    complaints.push(seeded.complaint);
    trackings.set(
      seeded.complaint.id,
      seeded.trackings.map((t) => ({ id: nextTracking++, ...t })),
    );
    followups.set(
      seeded.complaint.id,
      seeded.followups.map((x) => ({ id: nextFollowup++, ...x })),
    );
  }

  const get = (id: number) => complaints.find((c) => c.id === id);
  const touch = (c: SuperappComplaint, fields: Partial<SuperappComplaint>) =>
    Object.assign(c, fields, { updated_at: now() });

  const store: SuperappStore = {
    complaints,
    get,
    create(input) {
      const at = now();
      const complaint: SuperappComplaint = {
        id: nextId++,
        complaint_code: `ADU-${at.slice(0, 4)}-${String(nextId - 1).padStart(6, '0')}`,
        title: input.title,
        description: input.description,
        category_id: input.category_id ?? 1,
        category_name: 'Lainnya',
        sub_category_id: (input.category_id ?? 1) * 100 + 1,
        sub_category_name: 'Lainnya',
        photos: input.photos,
        status: 'unverified',
        created_at: at,
        updated_at: at,
        city_id: '3316',
        city_name: 'Kabupaten Blora',
        district_id: null,
        district_name: null,
        village_id: null,
        village_name: null,
        address: input.address ?? null,
        latitude: null,
        longitude: null,
        user: { name: input.user.name ?? 'Anonim', phone: input.user.phone ?? '', email: input.user.email ?? null },
        is_secret: input.is_secret,
        is_anonymous: input.is_anonymous,
        sp4n_id: null,
        reference_id: input.reference_id ?? null,
      };
      complaints.push(complaint);
      return complaint;
    },
    setSp4n: (id, sp4n) => touch(get(id)!, { sp4n_id: sp4n }),
    setStatus: (id, status) => touch(get(id)!, { status }),
    trackings: (id) => trackings.get(id) ?? [],
    followups: (id) => followups.get(id) ?? [],
    addFollowup(id, f) {
      const followup = { id: nextFollowup++, ...f };
      followups.set(id, [...(followups.get(id) ?? []), followup]);
      touch(get(id)!, {});
      return followup;
    },
  };
  const tokens = createTokenIssuer(credentials, ctx.clock);

  return {
    name: 'superapp',
    prefix: '/superapp',
    router: superappRouter(store, ctx, credentials, tokens),
    snapshot: () => ({
      complaints,
      trackings: Object.fromEntries(trackings),
      followups: Object.fromEntries(followups),
      tokens: tokens.stats(),
    }),
    ids: () => complaints.map((c) => String(c.id)),
    add(input) {
      const created = store.create({
        title: 'Aduan uji dari admin sandbox',
        description: 'Isi aduan uji dari admin sandbox.',
        is_secret: false,
        is_anonymous: false,
        user: {},
        photos: [],
      });
      return Object.assign(created, input, { id: created.id });
    },
    answer(id, input) {
      if (!get(Number(id))) return undefined;
      return store.addFollowup(Number(id), {
        description: input.text,
        created_by: input.by,
        created_at: now(),
        reference_id: null,
      });
    },
    edit(id, patch) {
      const complaint = get(Number(id));
      return complaint ? touch(complaint, { ...patch, id: complaint.id } as Partial<SuperappComplaint>) : undefined;
    },
    publicItems: (): PublicItem[] =>
      complaints
        .filter((c) => !c.is_secret)
        .map((c) => ({
          system: 'superapp',
          id: String(c.id),
          title: c.title,
          text: c.description,
          status: c.status,
          place: [c.village_name, c.district_name].filter(Boolean).join(', '),
          reportedAt: c.created_at,
        })),
    revokeTokens: () => tokens.revokeAll(),
    addTracking(id, entry) {
      const complaint = get(id);
      if (!complaint) return undefined;
      const tracking: Sp4nTracking = {
        id: nextTracking++,
        tracking_at: entry.tracking_at ?? now(),
        tracking_by: entry.tracking_by ?? 'Admin Nasional',
        tracking_note: entry.tracking_note ?? 'Laporan sedang diproses',
      };
      trackings.set(id, [...(trackings.get(id) ?? []), tracking]);
      touch(complaint, {});
      return tracking;
    },
  };
}
