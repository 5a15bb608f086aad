import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { createListFaults } from '../list-faults.js';
import { intParam } from '../paging.js';
import type { SystemContext } from '../system.js';
import { laravelTime } from '../time-format.js';
import { SUPERAPP_STATUSES, type SuperappComplaint } from './model.js';
import type { SuperappStore } from './store.js';
import type { createTokenIssuer, PartnerCredentials } from './tokens.js';

/** Laravel's cursor: base64 JSON of the last row's sort keys. */
function encodeCursor(c: SuperappComplaint): string {
  return Buffer.from(JSON.stringify({ updated_at: c.updated_at, id: c.id, _pointsToNextItems: true })).toString(
    'base64url',
  );
}

function decodeCursor(text: string): { updated_at: string; id: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { updated_at?: unknown; id?: unknown };
    return typeof value.updated_at === 'string' && typeof value.id === 'number'
      ? { updated_at: value.updated_at, id: value.id }
      : undefined;
  } catch {
    return undefined;
  }
}

const after = (c: SuperappComplaint, k: { updated_at: string; id: number }) =>
  c.updated_at > k.updated_at || (c.updated_at === k.updated_at && c.id > k.id);

function invalid(res: Response, errors: Record<string, string[]>): void {
  res.status(422).json({ message: 'The given data was invalid.', errors });
}

const createInput = z.object({
  title: z.string().min(5),
  description: z.string().min(10),
  category_id: z.coerce.number().int().optional(),
  address: z.string().optional(),
  is_secret: z.boolean().default(false),
  is_anonymous: z.boolean().default(false),
  reference_id: z.string().min(1).max(64).optional(),
  user: z
    .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
    .default({}),
  photos: z.array(z.object({ url: z.string() })).default([]),
});

export function superappRouter(
  store: SuperappStore,
  ctx: SystemContext,
  credentials: PartnerCredentials,
  tokens: ReturnType<typeof createTokenIssuer>,
): express.Router {
  const router = express.Router();
  const serveList = createListFaults(ctx);
  const now = () => laravelTime(ctx.clock.now().getTime());

  router.post('/oauth/token', (req, res) => tokens.issue(req, res));

  const api = express.Router();
  api.use((req: Request, res: Response, next: NextFunction) => {
    if (!tokens.valid(req.headers.authorization)) {
      res.status(401).json({ message: 'Unauthenticated.' });
      return;
    }
    if (req.headers['api-key'] !== credentials.apiKey || req.headers['x-partner-id'] !== credentials.partnerId) {
      res.status(403).json({ message: 'Invalid API key or partner.' });
      return;
    }
    next();
  });

  const found = (req: Request, res: Response): SuperappComplaint | undefined => {
    const complaint = store.get(Number(req.params.id));
    if (!complaint) res.status(404).json({ message: 'Complaint not found.' });
    return complaint;
  };

  api.get('/complaints', (req, res) => {
    const limit = intParam(req.query.limit, 15, 1, 100);
    const key = typeof req.query.cursor === 'string' ? decodeCursor(req.query.cursor) : undefined;
    if (req.query.cursor !== undefined && !key) return void invalid(res, { cursor: ['The cursor is invalid.'] });
    const ref = typeof req.query.reference_id === 'string' ? req.query.reference_id : undefined;
    const rows = store.complaints
      .filter((c) => (ref === undefined || c.reference_id === ref) && (!key || after(c, key)))
      .sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id));
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    const body = serveList(
      `complaints:${String(req.query.cursor)}:${limit}:${ref}`,
      page,
      (data) => ({
        status: 'success',
        data,
        meta: { per_page: limit, next_cursor: more ? encodeCursor(page[page.length - 1]!) : null },
      }),
      {
        corrupt: (item, pick) =>
          pick < 4
            ? { ...item, description: '' }
            : pick < 7
              ? { ...item, created_at: '0000-00-00 00:00:00' }
              : { ...item, description: 'Jalan rusak \uFFFD\uFFFD di desa' },
        edit: (item) => store.setStatus(item.id, item.status === 'unverified' ? 'verified' : item.status),
      },
    );
    res.json(body);
  });

  api.post('/complaints', (req, res) => {
    const parsed = createInput.safeParse(req.body);
    if (!parsed.success)
      return void invalid(res, Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), [i.message]])));
    if (parsed.data.reference_id && store.complaints.some((c) => c.reference_id === parsed.data.reference_id)) {
      return void invalid(res, { reference_id: ['The reference id has already been taken.'] });
    }
    res.status(201).json({ status: 'success', data: store.create(parsed.data) });
  });

  api.get('/complaints/:id', (req, res) => {
    const complaint = found(req, res);
    if (complaint) res.json({ status: 'success', data: complaint });
  });

  api.patch('/complaints/:id', (req, res) => {
    const complaint = found(req, res);
    if (!complaint) return;
    const sp4n = (req.body as { sp4n_id?: unknown }).sp4n_id;
    if (typeof sp4n !== 'string' || !/^\d{1,15}$/.test(sp4n))
      return void invalid(res, { sp4n_id: ['The sp4n id must be numeric, at most 15 characters.'] });
    res.json({ status: 'success', data: store.setSp4n(complaint.id, sp4n) });
  });

  api.patch('/complaints/:id/status', (req, res) => {
    const complaint = found(req, res);
    if (!complaint) return;
    const status = (req.body as { status?: unknown }).status;
    if (!(SUPERAPP_STATUSES as readonly unknown[]).includes(status))
      return void invalid(res, { status: [`The selected status is invalid.`] });
    res.json({ status: 'success', data: store.setStatus(complaint.id, status as SuperappComplaint['status']) });
  });

  api.get('/complaints/:id/sp4n-trackings', (req, res) => {
    const complaint = found(req, res);
    if (complaint) res.json({ status: 'success', data: store.trackings(complaint.id) });
  });

  api.get('/complaints/:id/followups', (req, res) => {
    const complaint = found(req, res);
    if (complaint) res.json({ status: 'success', data: store.followups(complaint.id) });
  });

  api.post('/complaints/:id/followups', (req, res) => {
    const complaint = found(req, res);
    if (!complaint) return;
    const body = req.body as { description?: unknown; created_by?: unknown; reference_id?: unknown };
    if (typeof body.description !== 'string' || body.description.trim().length < 5)
      return void invalid(res, { description: ['The description must be at least 5 characters.'] });
    const followup = store.addFollowup(complaint.id, {
      description: body.description,
      created_by: typeof body.created_by === 'string' ? body.created_by : 'Partner',
      created_at: now(),
      reference_id: typeof body.reference_id === 'string' ? body.reference_id : null,
    });
    res.status(201).json({ status: 'success', data: followup });
  });

  router.use('/api/v1', api);
  return router;
}
