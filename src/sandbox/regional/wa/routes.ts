import express, { type Request, type Response, type NextFunction } from 'express';
import { z } from 'zod';
import { createListFaults } from '../list-faults.js';
import { byTimeThenId, intParam } from '../paging.js';
import type { SystemContext } from '../system.js';
import { isoUtc, parseClientTime } from '../time-format.js';
import { WA_SITUASI, WA_STATUSES, type WaHandling, type WaReport } from './model.js';
import type { WaStore } from './store.js';

/** The handling record as the desk's PUT accepts it: the whole record, replaced. */
const handlingInput = z.object({
  status: z.enum(WA_STATUSES),
  opd: z.array(z.string()).default([]),
  trackingId: z
    .string()
    .regex(/^\d{1,15}$/, 'trackingId harus angka (maks. 15 digit)')
    .nullable()
    .default(null),
  url: z.string().nullable().default(null),
  situasi: z.enum(WA_SITUASI),
  kesimpulan: z.array(z.object({ text: z.string().min(1), timestamp: z.string().min(1) })).default([]),
});

export function waRouter(store: WaStore, ctx: SystemContext, token: string): express.Router {
  const router = express.Router();
  const serveList = createListFaults(ctx);
  const notFound = (res: Response) => res.status(404).json({ success: false, message: 'Laporan tidak ditemukan' });

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.status(401).json({ success: false, message: 'Unauthorized' });
      return;
    }
    next();
  });

  router.get('/api/reports', (req, res) => {
    const limit = intParam(req.query.limit, 20, 1, 100);
    const page = intParam(req.query.page, 1, 1, 1_000_000);
    const since = parseClientTime(req.query.updatedSince);
    if (req.query.updatedSince !== undefined && since === undefined) {
      res.status(400).json({ success: false, message: 'updatedSince tidak valid' });
      return;
    }
    const all = store.reports
      .filter((r) => since === undefined || Date.parse(r.updatedAt) >= since)
      .sort(
        byTimeThenId(
          (r: WaReport) => Date.parse(r.updatedAt),
          (r) => r._id,
        ),
      );
    const items = all.slice((page - 1) * limit, page * limit);
    const body = serveList(
      `reports:${page}:${limit}:${since ?? ''}`,
      items,
      (data) => ({
        success: true,
        data,
        pagination: { page, limit, total: all.length, totalPages: Math.ceil(all.length / limit) },
      }),
      {
        corrupt: (item, pick) =>
          pick < 4
            ? { ...item, message: undefined }
            : pick < 7
              ? { ...item, createdAt: 'Invalid Date' }
              : `ObjectId("${item._id}")`,
        edit: (item) => store.touch(item._id, 'Verifikasi Situasi'),
      },
    );
    res.json(body);
  });

  router.get('/api/reports/:id', (req, res) => {
    const report = store.report(req.params.id);
    if (!report) return void notFound(res);
    res.json({ success: true, data: report });
  });

  router.get('/api/reports/:id/handling', (req, res) => {
    const handling = store.handling(req.params.id);
    if (!handling) {
      res.status(404).json({ success: false, message: 'Penanganan belum ada' });
      return;
    }
    res.json({ success: true, data: handling });
  });

  router.put('/api/reports/:id/handling', (req, res) => {
    const report = store.report(req.params.id);
    if (!report) return void notFound(res);
    const parsed = handlingInput.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        success: false,
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    const data: WaHandling = store.replaceHandling(report, parsed.data, isoUtc(ctx.clock.now().getTime()));
    res.json({ success: true, data });
  });

  return router;
}
