import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRandom, type Random } from './random.js';
import {
  faultPatchSchema,
  TRIGGERED_FAULTS,
  type ActiveFaults,
  type DataFault,
  type FaultPatch,
  type FaultTrigger,
  type TriggeredFault,
} from './fault-settings.js';

export type TransportFault = 'maintenance' | 'serverError' | 'rateLimit' | 'timeout';

/** How a sandbox words a fault answer in its own wire shape. */
export type FaultRenderer = (fault: TransportFault, status: number) => { contentType: string; body: string };

export interface FaultControllerOptions {
  seed?: number;
  /** The sandbox clock: maintenance windows are measured on it. */
  now?: () => Date;
  initial?: FaultPatch;
  /** Which requests faults may touch; by default all but the sandbox's own /_sandbox admin paths. */
  applies?: (req: IncomingMessage) => boolean;
  render?: FaultRenderer;
}

export interface FaultController {
  /** A JSON-able snapshot of what is switched on and how often each fault fired. */
  state(): { active: ActiveFaults; fired: Record<string, number> };
  /** Validates and merges a patch (throws ZodError on bad input). */
  configure(patch: unknown): ActiveFaults;
  reset(): void;
  /** Applies transport faults. Resolves true when it answered (or dropped) the request itself. */
  intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The same as connect/express middleware. */
  middleware(): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  /** Asks whether a data fault fires now; the sandbox then corrupts, repeats or edits on its own terms. */
  fire(fault: DataFault): boolean;
  /** Releases held requests and pending delays; call before closing the server. */
  close(): void;
}

const DEFAULT_HANG_MS = 120_000;

const defaultRender: FaultRenderer = (fault, status) => ({
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ error: fault, status }),
});

export function createFaultController(options: FaultControllerOptions = {}): FaultController {
  const now = options.now ?? (() => new Date());
  const applies = options.applies ?? ((req: IncomingMessage) => !(req.url ?? '').startsWith('/_sandbox'));
  const render = options.render ?? defaultRender;
  const root = createRandom(options.seed ?? 1);
  const streams = new Map<TriggeredFault, Random>(TRIGGERED_FAULTS.map((f) => [f, root.fork(f)]));
  const seen = new Map<TriggeredFault, number>();
  const fired: Record<string, number> = {};
  const pending = new Set<{ timer: NodeJS.Timeout; release: () => void }>();
  let active: ActiveFaults = {};
  let closed = false;

  function configure(patch: unknown): ActiveFaults {
    const parsed = faultPatchSchema.parse(patch);
    const next: ActiveFaults = { ...active };
    for (const [key, value] of Object.entries(parsed)) {
      if (key === 'maintenance') continue;
      if (value === null) delete next[key as TriggeredFault];
      else if (value !== undefined) (next as Record<string, unknown>)[key] = { ...value };
      seen.delete(key as TriggeredFault);
    }
    if (parsed.maintenance === null) delete next.maintenanceUntil;
    else if (parsed.maintenance) {
      const until = parsed.maintenance.until
        ? new Date(parsed.maintenance.until)
        : new Date(now().getTime() + (parsed.maintenance.forSeconds ?? 0) * 1000);
      next.maintenanceUntil = until.toISOString();
    }
    active = next;
    return active;
  }

  function triggers(name: TriggeredFault): boolean {
    const trigger = active[name] as FaultTrigger | undefined;
    if (!trigger || trigger.times === 0) return false;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    let hit: boolean;
    if (trigger.every !== undefined) hit = count % trigger.every === 0;
    else if (trigger.rate !== undefined) hit = streams.get(name)!.next() < trigger.rate;
    else hit = true;
    if (!hit) return false;
    if (trigger.times !== undefined) trigger.times -= 1;
    fired[name] = (fired[name] ?? 0) + 1;
    return true;
  }

  function answer(
    res: ServerResponse,
    fault: TransportFault,
    status: number,
    headers: Record<string, string> = {},
  ): void {
    const { contentType, body } = render(fault, status);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function hold(ms: number, onRelease: () => void): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          onRelease();
          resolve();
        }, ms),
        release: () => {
          clearTimeout(entry.timer);
          pending.delete(entry);
          onRelease();
          resolve();
        },
      };
      pending.add(entry);
    });
  }

  async function intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (closed || !applies(req)) return false;
    if (active.maintenanceUntil) {
      const left = new Date(active.maintenanceUntil).getTime() - now().getTime();
      if (left > 0) {
        fired.maintenance = (fired.maintenance ?? 0) + 1;
        answer(res, 'maintenance', 503, { 'Retry-After': String(Math.ceil(left / 1000)) });
        return true;
      }
      delete active.maintenanceUntil;
    }
    if (triggers('timeout')) {
      await hold(active.timeout?.hangMs ?? DEFAULT_HANG_MS, () => req.socket.destroy());
      return true;
    }
    if (triggers('rateLimit')) {
      answer(res, 'rateLimit', 429, { 'Retry-After': String(active.rateLimit?.retryAfterSeconds ?? 1) });
      return true;
    }
    if (triggers('serverError')) {
      const statuses = active.serverError?.statuses ?? [500, 502, 503];
      answer(res, 'serverError', streams.get('serverError')!.pick(statuses));
      return true;
    }
    if (triggers('slow')) await hold(active.slow?.delayMs ?? 0, () => undefined);
    return false;
  }

  if (options.initial) configure(options.initial);

  return {
    state: () => ({ active: structuredClone(active), fired: { ...fired } }),
    configure,
    reset() {
      active = {};
      seen.clear();
    },
    intercept,
    middleware: () => (req, res, next) => {
      intercept(req, res).then((handled) => (handled ? undefined : next()), next);
    },
    fire: (fault) => !closed && triggers(fault),
    close() {
      closed = true;
      for (const entry of [...pending]) entry.release();
    },
  };
}
