import { listenForUrl } from '../shared/http-io.js';
import { createServer } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createSandboxClock, type SandboxClock } from '../shared/clock.js';
import { createFaultController, type FaultController } from '../shared/faults.js';
import { handleFaultsAdmin } from '../shared/faults-admin.js';
import type { FaultPatch } from '../shared/fault-settings.js';
import { generateComplaints } from '../shared/generate.js';
import { createRandom } from '../shared/random.js';
import { adminRouter } from './admin.js';
import { createBupatiSystem } from './bupati/store.js';
import { mixCrossChannel, type CrossChannelRecord } from './cross-channel.js';
import {
  presetEnvironment,
  sandboxCredentials,
  type CredentialOverrides,
  type RegionalCredentials,
} from './credentials.js';
import { createOpen311System } from './open311/store.js';
import { publicRouter } from './public-view.js';
import { createSuperappSystem } from './superapp/store.js';
import { InputError, SYSTEMS, type SandboxSystem, type SystemContext, type SystemName } from './system.js';
import { createWaSystem } from './wa/store.js';

export interface RegionalSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Same seed, same complaints, same credentials, same fault sequence. */
  seed?: number;
  /** Complaints generated per system (default 40 each). */
  counts?: Partial<Record<SystemName, number>>;
  /** Generated complaints spread over this many days before now (default 60). */
  historyDays?: number;
  /** Time source of the sandbox clock (tests pin it); the admin endpoint can move it forward. */
  now?: () => Date;
  credentials?: CredentialOverrides;
  /** Faults switched on from the start (see /_sandbox/faults). */
  faults?: FaultPatch;
  /** GeoReport servers cap results per query; lower it to exercise window splitting. */
  open311MaxResults?: number;
  /**
   * Share (0–1) of super-app complaints that are WhatsApp-desk complaints resent by the same
   * citizen, and of Bupati-app reports that are related reports (another citizen, same problem
   * as a super-app complaint). Default 0; the demo mixes some in (GET /_sandbox/cross-channel).
   */
  crossChannel?: number;
}

export interface RunningRegionalSandbox {
  url: string;
  port: number;
  /** Where each imitated API lives; the baseUrl a source config points at. */
  baseUrls: Record<SystemName, string>;
  credentials: RegionalCredentials;
  /** Per system, the environment its preset in config/presets reads: secrets plus the baseUrl override. */
  env: Record<SystemName, Record<string, string>>;
  faults: FaultController;
  clock: SandboxClock;
  /** The resends and related reports mixed into the seed (GET /_sandbox/cross-channel). */
  crossChannel: readonly CrossChannelRecord[];
  /** Everything the sandbox holds, as the admin endpoint GET /_sandbox/state shows it. */
  state(): Record<string, unknown>;
  close(): Promise<void>;
}

const PREFIXES: Record<SystemName, string> = {
  wa: '/wa',
  superapp: '/superapp',
  bupati: '/bupati',
  open311: '/open311/v2',
};

function buildSystems(
  options: RegionalSandboxOptions,
  ctx: SystemContext,
  credentials: RegionalCredentials,
): { systems: Record<SystemName, SandboxSystem>; crossChannel: CrossChannelRecord[] } {
  const seed = options.seed ?? 1;
  const nowMs = ctx.clock.now().getTime();
  const from = new Date(nowMs - (options.historyDays ?? 60) * 86_400_000);
  const to = new Date(nowMs - 3600_000);
  // Each system draws its own complaints, so changing one count leaves the others alone.
  const generated = (system: SystemName, index: number) =>
    generateComplaints({ seed: seed * 16 + index, count: options.counts?.[system] ?? 40, from, to });
  const facts = { wa: generated('wa', 1), superapp: generated('superapp', 2), bupati: generated('bupati', 3) };
  const named = mixCrossChannel(
    { ...facts, open311: [] },
    options.crossChannel ?? 0,
    createRandom(seed).fork('cross-channel'),
  );
  const seedRandom = (system: SystemName) => createRandom(seed).fork(`seed:${system}`);
  const systems = {
    wa: createWaSystem(facts.wa, ctx, seedRandom('wa'), credentials.wa.token),
    superapp: createSuperappSystem(facts.superapp, ctx, seedRandom('superapp'), credentials.superapp),
    bupati: createBupatiSystem(
      facts.bupati,
      ctx,
      seedRandom('bupati'),
      credentials.bupati.username,
      credentials.bupati.password,
    ),
    open311: createOpen311System(
      generated('open311', 4),
      ctx,
      seedRandom('open311'),
      credentials.open311.apiKey,
      options.open311MaxResults ?? 1000,
    ),
  };
  return { systems, crossChannel: named(systems) };
}

/**
 * One HTTP server imitating the regional systems pemda run: a WhatsApp desk (/wa), a
 * provincial super-app partner API (/superapp), a Bupati + OPD app (/bupati) and an
 * Open311 endpoint (/open311/v2), with generated data, shared fault injection, admin
 * controls (/_sandbox) and a public view (/public). Written from the systems' contracts
 * (see readme.md); it knows nothing of the connectors.
 */
export async function startRegionalSandbox(options: RegionalSandboxOptions = {}): Promise<RunningRegionalSandbox> {
  const seed = options.seed ?? 1;
  const clock = createSandboxClock(options.now);
  const faults = createFaultController({
    seed,
    now: () => clock.now(),
    initial: options.faults,
    applies: (req) => !(req.url ?? '').startsWith('/_sandbox'),
  });
  const credentials = sandboxCredentials(seed, options.credentials);
  const ctx: SystemContext = { clock, faults, random: createRandom(seed).fork('runtime') };
  const { systems, crossChannel } = buildSystems(options, ctx, credentials);
  let url = '';
  const baseUrls = () =>
    Object.fromEntries(SYSTEMS.map((s) => [s, `${url}${PREFIXES[s]}`])) as Record<SystemName, string>;

  const app = express();
  app.disable('x-powered-by');
  // Like any server, its answers are dated by its own clock (which tests may set off ours).
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Date', clock.now().toUTCString());
    next();
  });
  app.use(faults.middleware());
  // Before the body parsers: the shared fault admin reads the request body itself.
  app.use('/_sandbox/faults', (req, res) => void handleFaultsAdmin(faults, req, res));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use('/_sandbox', adminRouter({ systems, crossChannel, clock, baseUrls }));
  app.use('/public', publicRouter(Object.values(systems)));
  for (const name of SYSTEMS) app.use(PREFIXES[name], systems[name].router);
  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not found' }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof InputError) return void res.status(err.status).json({ error: err.message });
    const status = (err as { status?: number }).status;
    // Body-parser errors carry their HTTP status (malformed JSON → 400, too large → 413).
    if (typeof status === 'number' && status >= 400 && status < 500)
      return void res.status(status).json({ error: (err as Error).message });
    res.status(500).json({ error: 'internal error' });
  });

  const server = createServer(app);
  const bound = await listenForUrl(server, options.port, options.host);
  url = bound.url;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: bound.port,
    baseUrls: baseUrls(),
    credentials,
    env: presetEnvironment(url, credentials),
    faults,
    clock,
    crossChannel,
    state: () => ({
      clock: clock.now().toISOString(),
      ...Object.fromEntries(SYSTEMS.map((s) => [s, systems[s].snapshot()])),
    }),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        faults.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
