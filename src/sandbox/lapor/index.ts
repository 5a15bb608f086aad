import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createSandboxClock, type SandboxClock } from '../shared/clock.js';
import type { FaultPatch } from '../shared/fault-settings.js';
import { createFaultController, type FaultController } from '../shared/faults.js';
import { createComplaintGenerator, generateComplaints } from '../shared/generate.js';
import { BadRequest, listenForUrl, readParams, sendJson } from '../shared/http-io.js';
import { createRandom } from '../shared/random.js';
import {
  actOn,
  addReport,
  advanceClock,
  editReport,
  handleAdmin,
  internalView,
  stateOf,
  type AdminContext,
} from './admin.js';
import { handleApi, type ApiContext } from './api.js';
import { DEFAULT_INSTANSI } from './instansi.js';
import { compareActivity, type Instansi, type TimelineEntry } from './model.js';
import { DEFAULT_PROFILE, LEGACY_PROFILE, matchRoute, type Profile } from './profile.js';
import { handlePublic } from './public.js';
import { renderLaporFault } from './render-faults.js';
import { playHistory, reportFromFacts } from './seed.js';
import { LaporWorld } from './world.js';

export interface LaporSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Same seed, same reports and same fault sequence. Default 42. */
  seed?: number;
  /** How many reports to seed (default 200); most are disposed to the sandbox's instansi. */
  reports?: number;
  /** Seeded reports spread over this many days before "now". Default 120. */
  historyDays?: number;
  /** Default: random. */
  token?: string;
  instansi?: Instansi;
  /** default: the documented contract; legacy: /api/services/f01/ with KEYTOKEN. */
  profile?: 'default' | 'legacy';
  /** Overrides the profile's auth: where the token goes and how a bad one is answered. */
  auth?: Partial<Profile['auth']>;
  pageSize?: { default?: number; max?: number };
  /** First tracking id handed out; ids then grow by small random steps. Default "5010653". */
  firstTrackingId?: string;
  /** The time source (tests inject theirs); the admin clock endpoint moves it further. */
  now?: () => Date;
  faults?: FaultPatch;
  /** Reports created through the integration endpoint are verified and disposed to the instansi at once. Default true. */
  autoDispose?: boolean;
  logger?: Logger;
}

export interface LaporSandbox {
  url: string;
  token: string;
  instansiId: string;
  profile: 'default' | 'legacy';
  faults: FaultController;
  clock: SandboxClock;
  /** Tracking ids the instansi sees through the list endpoint, in list order. */
  visibleTrackingIds(): string[];
  /** The full stored report, identity included, or undefined. */
  report(trackingId: string): Record<string, unknown> | undefined;
  /** Calls `listener` with each timeline entry as it is stored (a tindak lanjut posted, a status changed); returns the way to stop. */
  onTimelineEntry(listener: (trackingId: string, entry: TimelineEntry) => void): () => void;
  addReport(input?: Parameters<typeof addReport>[1]): string;
  editReport(trackingId: string, patch: Parameters<typeof editReport>[2]): void;
  act(trackingId: string, action: Parameters<typeof actOn>[2]): void;
  advanceClock(by: Parameters<typeof advanceClock>[1]): Date;
  state(): Record<string, unknown>;
  close(): Promise<void>;
}

// A 1×1 JPEG so attachment URLs answer with an image.
const PLACEHOLDER_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

function profileOf(options: LaporSandboxOptions): Profile {
  const base = options.profile === 'legacy' ? LEGACY_PROFILE : DEFAULT_PROFILE;
  return { ...base, auth: { ...base.auth, ...options.auth } };
}

/** Starts a LAPOR sandbox in this process, seeded and ready to answer. */
export async function startLaporSandbox(options: LaporSandboxOptions = {}): Promise<LaporSandbox> {
  const seed = options.seed ?? 42;
  const clock = createSandboxClock(options.now);
  const random = createRandom(seed);
  const world = new LaporWorld(
    options.instansi ?? DEFAULT_INSTANSI,
    clock,
    random.fork('ids'),
    options.firstTrackingId ?? '5010653',
  );
  const profile = profileOf(options);
  const token = options.token ?? randomBytes(16).toString('hex');
  const faults = createFaultController({
    seed,
    now: () => clock.now(),
    initial: options.faults,
    render: renderLaporFault,
  });

  const now = clock.now().getTime();
  const history = createRandom(seed).fork('history');
  const facts = generateComplaints({
    seed,
    count: options.reports ?? 200,
    from: new Date(now - (options.historyDays ?? 120) * 86_400_000),
    to: new Date(now - 3600_000),
  });
  for (const f of facts) {
    const report = reportFromFacts(world, f, history);
    playHistory(world, report, f, history);
    world.store.add(report);
  }
  world.tick();

  let url = '';
  const api: ApiContext = {
    world,
    profile,
    token,
    faults,
    random: random.fork('data-faults'),
    baseUrl: () => url,
    autoDispose: options.autoDispose ?? true,
    pageSize: { default: options.pageSize?.default ?? 50, max: options.pageSize?.max ?? 100 },
  };
  const admin: AdminContext = {
    world,
    faults,
    generator: createComplaintGenerator({ seed: seed + 1 }),
    random: random.fork('admin'),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://sandbox');
    const path = parsed.pathname.replace(/\/+$/, '') || '/';
    world.tick();
    if (path.startsWith('/_sandbox')) return handleAdmin(admin, req, res, path, parsed.searchParams);
    if (await faults.intercept(req, res)) return;
    if (handlePublic(world, res, path, parsed.searchParams, url)) return;
    if (req.method === 'GET' && path.startsWith('/files/lampiran/')) {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': PLACEHOLDER_JPEG.length });
      res.end(PLACEHOLDER_JPEG);
      return;
    }
    const match = matchRoute(profile, req.method ?? 'GET', path);
    if (!match) return sendJson(res, 404, { status: false, message: `endpoint ${req.method} ${path} tidak ditemukan` });
    const body = req.method === 'POST' ? await readParams(req) : {};
    const params = { ...Object.fromEntries(parsed.searchParams), ...body, ...match.params };
    await handleApi(api, req, res, match.route.name, params);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    // Like any server, its answers are dated by its own clock (which tests may set off ours).
    res.setHeader('Date', clock.now().toUTCString());
    handle(req, res)
      .catch((err: unknown) => {
        if (err instanceof BadRequest) return sendJson(res, 400, { status: false, message: err.message });
        options.logger?.error({ err }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, 500, { status: false, message: 'Internal Server Error' });
      })
      .finally(() =>
        options.logger?.debug(
          { method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms: Date.now() - started },
          'lapor sandbox request',
        ),
      );
  });
  ({ url } = await listenForUrl(server, options.port, options.host));

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    instansiId: world.own.id,
    profile: profile.name,
    faults,
    clock,
    visibleTrackingIds: () =>
      world.store
        .all()
        .filter((r) => world.visibleTo(r, world.own.id))
        .sort(compareActivity)
        .map((r) => r.trackingId),
    report: (id) => {
      const r = world.store.get(id);
      return r ? internalView(r) : undefined;
    },
    onTimelineEntry: (listener) => world.store.onTimelineEntry(listener),
    addReport: (input = {}) => addReport(admin, input).trackingId,
    editReport: (id, patch) => void editReport(admin, id, patch),
    act: (id, action) => void actOn(admin, id, action),
    advanceClock: (by) => advanceClock(admin, by),
    state: () => stateOf(admin),
    close() {
      closing ??= new Promise<void>((resolve) => {
        faults.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
