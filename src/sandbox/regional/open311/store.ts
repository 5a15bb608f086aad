import type { ComplaintFacts } from '../../shared/generate.js';
import type { Random } from '../../shared/random.js';
import type { PublicItem, SandboxSystem, SystemContext } from '../system.js';
import { toSecond, w3cWib } from '../time-format.js';
import {
  renderRequest,
  renderUpdate,
  requestFromFacts,
  requestStatusOf,
  SERVICES,
  type StoredRequest,
  type StoredUpdate,
} from './model.js';
import { open311Router } from './routes.js';

export interface Open311Store {
  requests: StoredRequest[];
  updates: StoredUpdate[];
  request(id: number): StoredRequest | undefined;
  createRequest(
    input: Pick<StoredRequest, 'service' | 'description' | 'address' | 'lat' | 'long' | 'mediaUrl'>,
  ): StoredRequest;
  addUpdate(
    id: number,
    input: {
      updateId?: string | undefined;
      status: string;
      description: string;
      updatedMs?: number;
      mediaUrl?: string | null;
    },
  ): StoredUpdate;
}

export interface Open311System extends SandboxSystem {
  addUpdate(id: number, input: { status: string; description: string }): unknown;
}

export function createOpen311System(
  facts: readonly ComplaintFacts[],
  ctx: SystemContext,
  seedRandom: Random,
  apiKey: string,
  maxResults: number,
): Open311System {
  const requests: StoredRequest[] = [];
  const updates: StoredUpdate[] = [];
  let nextId = 7001;
  let nextUpdate = 1;
  const nowMs = ctx.clock.now().getTime();
  for (const f of facts) {
    const seeded = requestFromFacts(f, nextId++, seedRandom, nowMs);
    requests.push(seeded.request);
    for (const u of seeded.updates) updates.push({ ...u, updateId: String(nextUpdate++) });
  }

  const request = (id: number) => requests.find((r) => r.id === id);
  const store: Open311Store = {
    requests,
    updates,
    request,
    createRequest(input) {
      const at = toSecond(ctx.clock.now().getTime());
      const created: StoredRequest = {
        ...input,
        id: nextId++,
        status: 'open',
        statusNotes: null,
        requestedMs: at,
        updatedMs: at,
      };
      requests.push(created);
      return created;
    },
    addUpdate(id, input) {
      const target = request(id)!;
      const update: StoredUpdate = {
        updateId: input.updateId ?? String(nextUpdate++),
        requestId: id,
        status: input.status,
        description: input.description,
        updatedMs: input.updatedMs ?? toSecond(ctx.clock.now().getTime()),
        mediaUrl: input.mediaUrl ?? null,
      };
      updates.push(update);
      Object.assign(target, {
        status: requestStatusOf(update.status),
        statusNotes: update.description,
        updatedMs: Math.max(target.updatedMs, update.updatedMs),
      });
      return update;
    },
  };

  return {
    name: 'open311',
    prefix: '/open311/v2',
    router: open311Router(store, ctx, apiKey, maxResults),
    snapshot: () => ({ requests: requests.map(renderRequest), updates: updates.map(renderUpdate) }),
    ids: () => requests.map((r) => String(r.id)),
    add(input) {
      const service = SERVICES.find((s) => s.service_code === input.service_code) ?? SERVICES[0]!;
      const created = store.createRequest({
        service,
        description:
          typeof input.description === 'string' || input.description === null
            ? (input.description as string | null)
            : 'Laporan uji dari admin sandbox.',
        address: typeof input.address === 'string' ? input.address : 'Blora',
        lat: null,
        long: null,
        mediaUrl: null,
      });
      if (typeof input.requested_datetime === 'string')
        created.requestedMs = created.updatedMs = Date.parse(input.requested_datetime);
      return renderRequest(created);
    },
    edit(id, patch) {
      const target = request(Number(id));
      if (!target) return undefined;
      if (typeof patch.description === 'string' || patch.description === null)
        target.description = patch.description as string | null;
      if (patch.status === 'open' || patch.status === 'closed') target.status = patch.status;
      target.updatedMs = toSecond(ctx.clock.now().getTime());
      return renderRequest(target);
    },
    addUpdate: (id, input) => (request(id) ? renderUpdate(store.addUpdate(id, input)) : undefined),
    answer: (id, input) =>
      request(Number(id))
        ? renderUpdate(store.addUpdate(Number(id), { status: 'in_progress', description: input.text }))
        : undefined,
    publicItems: (): PublicItem[] =>
      requests
        .filter((r) => r.description !== null)
        .map((r) => ({
          system: 'open311',
          id: String(r.id),
          title: r.service.service_name,
          text: r.description!,
          status: r.status,
          place: r.address ?? undefined,
          reportedAt: w3cWib(r.requestedMs),
        })),
  };
}
