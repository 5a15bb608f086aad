import express, { type Request, type Response } from 'express';
import type { SandboxClock } from '../shared/clock.js';
import type { Open311System } from './open311/store.js';
import type { SuperappSystem } from './superapp/store.js';
import type { CrossChannelRecord } from './cross-channel.js';
import { SYSTEMS, type SandboxSystem, type SystemName } from './system.js';

interface AdminDeps {
  systems: Record<SystemName, SandboxSystem>;
  crossChannel: readonly CrossChannelRecord[];
  clock: SandboxClock;
  baseUrls: () => Record<SystemName, string>;
}

/**
 * Test and demo controls under /_sandbox (faults never touch these): read the whole state
 * (including written-back tracking ids and posted responses), add and edit records, move
 * the clock, switch faults.
 */
export function adminRouter(deps: AdminDeps): express.Router {
  const router = express.Router();
  const system = (req: Request, res: Response): SandboxSystem | undefined => {
    const name = String(req.params.system) as SystemName;
    if (!(SYSTEMS as readonly string[]).includes(name)) {
      res.status(404).json({ error: `unknown system "${name}" (known: ${SYSTEMS.join(', ')})` });
      return undefined;
    }
    return deps.systems[name];
  };
  const snapshot = () => ({
    clock: deps.clock.now().toISOString(),
    ...Object.fromEntries(SYSTEMS.map((s) => [s, deps.systems[s].snapshot()])),
  });

  router.get(
    '/',
    (_req, res) =>
      void res.json({
        systems: deps.baseUrls(),
        admin: [
          'GET state',
          'GET state/:system',
          'GET cross-channel',
          'POST :system/records',
          'PATCH :system/records/:id',
          'POST :system/records/:id/answers',
          'POST superapp/complaints/:id/trackings',
          'POST superapp/revoke-tokens',
          'POST open311/requests/:id/updates',
          'POST clock',
          'GET|POST|DELETE faults',
        ],
      }),
  );
  router.get('/state', (_req, res) => void res.json(snapshot()));
  router.get('/cross-channel', (_req, res) => void res.json(deps.crossChannel));
  router.get('/state/:system', (req, res) => {
    const s = system(req, res);
    if (s) res.json(s.snapshot());
  });

  router.post('/clock', (req, res) => {
    const seconds = Number((req.body as { advanceSeconds?: unknown }).advanceSeconds);
    if (!Number.isFinite(seconds) || seconds < 0)
      return void res.status(400).json({ error: 'advanceSeconds must be a number ≥ 0' });
    res.json({ now: deps.clock.advance(seconds * 1000).toISOString() });
  });

  router.post('/superapp/revoke-tokens', (_req, res) => {
    (deps.systems.superapp as SuperappSystem).revokeTokens();
    res.json({ revoked: true });
  });

  router.post('/superapp/complaints/:id/trackings', (req, res) => {
    const tracking = (deps.systems.superapp as SuperappSystem).addTracking(
      Number(req.params.id),
      req.body as Record<string, string>,
    );
    if (!tracking) return void res.status(404).json({ error: 'no such complaint' });
    res.status(201).json(tracking);
  });

  router.post('/open311/requests/:id/updates', (req, res) => {
    const body = req.body as { status?: string; description?: string };
    const update = (deps.systems.open311 as Open311System).addUpdate(Number(req.params.id), {
      status: body.status ?? 'in_progress',
      description: body.description ?? 'Sedang ditangani.',
    });
    if (!update) return void res.status(404).json({ error: 'no such request' });
    res.status(201).json(update);
  });

  router.post('/:system/records', (req, res) => {
    const s = system(req, res);
    if (!s) return;
    const inputs = Array.isArray(req.body)
      ? (req.body as Record<string, unknown>[])
      : [req.body as Record<string, unknown>];
    res.status(201).json(inputs.map((input) => s.add(input)));
  });

  router.post('/:system/records/:id/answers', (req, res) => {
    const s = system(req, res);
    if (!s) return;
    const body = req.body as { text?: unknown; by?: unknown };
    if (typeof body.text !== 'string' || body.text.trim() === '')
      return void res.status(400).json({ error: 'text is required' });
    const answered = s.answer(String(req.params.id), {
      text: body.text,
      by: typeof body.by === 'string' ? body.by : 'Operator',
    });
    if (answered === undefined) return void res.status(404).json({ error: 'no such record' });
    res.status(201).json(answered);
  });

  router.patch('/:system/records/:id', (req, res) => {
    const s = system(req, res);
    if (!s) return;
    const edited = s.edit(String(req.params.id), req.body as Record<string, unknown>);
    if (edited === undefined) return void res.status(404).json({ error: 'no such record' });
    res.json(edited);
  });

  return router;
}
