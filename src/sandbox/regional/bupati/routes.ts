import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { createListFaults } from '../list-faults.js';
import { byTimeThenId, intParam } from '../paging.js';
import type { SystemContext } from '../system.js';
import { parseClientTime } from '../time-format.js';
import { FLOW_STATUSES, PRIORITIES, type BupatiReport } from './model.js';
import type { BupatiStore } from './store.js';

const patchInput = z.strictObject({
  bupatiStatus: z.enum(FLOW_STATUSES).optional(),
  opdStatus: z.enum(FLOW_STATUSES).optional(),
  bupatiReason: z.string().nullable().optional(),
  opdReason: z.string().nullable().optional(),
  opdId: z.string().nullable().optional(),
});

const createInput = z.object({
  title: z.string().min(3),
  description: z.string().min(5),
  location: z.string().default('-'),
  category: z.string().default('Lainnya'),
  subcategory: z.string().default('Lainnya'),
  priority: z.enum(PRIORITIES).default('MEDIUM'),
  image: z.string().nullable().default(null),
  externalRef: z.string().min(1).max(64).nullable().default(null),
});

const commentInput = z.object({
  content: z.string().min(1),
  authorName: z.string().min(1),
  clientRef: z.string().min(1).nullable().default(null),
});

export function bupatiRouter(store: BupatiStore, ctx: SystemContext, user: string, password: string): express.Router {
  const router = express.Router();
  const serveList = createListFaults(ctx);
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization !== expected) {
      res.status(401).set('WWW-Authenticate', 'Basic realm="e-lapor"').json({ error: 'Unauthorized' });
      return;
    }
    next();
  });

  const found = (req: Request, res: Response): BupatiReport | undefined => {
    const report = store.get(String(req.params.id));
    if (!report) res.status(404).json({ error: 'Report not found' });
    return report;
  };

  router.get('/api/opd', (_req, res) => void res.json(store.opds));

  router.get('/api/reports', (req, res) => {
    const take = intParam(req.query.take, 20, 1, 100);
    const skip = intParam(req.query.skip, 0, 0, 10_000_000);
    const after = parseClientTime(req.query.updatedAfter);
    const ref = typeof req.query.externalRef === 'string' ? req.query.externalRef : undefined;
    const rows = store.reports
      .filter(
        (r) =>
          (after === undefined || Date.parse(r.updatedAt) >= after) && (ref === undefined || r.externalRef === ref),
      )
      .sort(
        byTimeThenId(
          (r: BupatiReport) => Date.parse(r.updatedAt),
          (r) => r.id,
        ),
      )
      .slice(skip, skip + take)
      .map((r) => store.withOpd(r));
    const body = serveList(`reports:${skip}:${take}:${after ?? ''}:${ref ?? ''}`, rows, (data) => data, {
      corrupt: (item, pick) =>
        pick < 5 ? { ...item, description: null } : { ...item, createdAt: '2099-01-01T00:00:00.000Z' },
      edit: (item) => store.update(item.id, { opdStatus: item.opdStatus === 'PENDING' ? 'PROSES' : item.opdStatus }),
    });
    res.json(body);
  });

  router.post('/api/reports', (req, res) => {
    const parsed = createInput.safeParse(req.body);
    if (!parsed.success)
      return void res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    if (parsed.data.externalRef && store.reports.some((r) => r.externalRef === parsed.data.externalRef))
      return void res.status(409).json({ error: 'Unique constraint failed on the fields: (`externalRef`)' });
    res.status(201).json(store.withOpd(store.create(parsed.data)));
  });

  router.get('/api/reports/:id', (req, res) => {
    const report = found(req, res);
    if (report) res.json(store.withOpd(report));
  });

  router.patch('/api/reports/:id', (req, res) => {
    const report = found(req, res);
    if (!report) return;
    const parsed = patchInput.safeParse(req.body);
    if (!parsed.success)
      return void res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    res.json(store.withOpd(store.update(report.id, parsed.data)));
  });

  router.get('/api/reports/:id/comments', (req, res) => {
    const report = found(req, res);
    if (report) res.json(store.comments(report.id));
  });

  router.post('/api/reports/:id/comments', (req, res) => {
    const report = found(req, res);
    if (!report) return;
    const parsed = commentInput.safeParse(req.body);
    if (!parsed.success)
      return void res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    res.status(201).json(store.addComment(report.id, parsed.data));
  });

  return router;
}
