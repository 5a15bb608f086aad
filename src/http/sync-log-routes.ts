import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { syncLogsPage, type SourceStatus } from './pages/sync-logs-page.js';
import type { ReportDeps } from './report-deps.js';
import { issues, queryStrings, unavailable } from './page-helpers.js';

const LIMITS = [25, 100, 500] as const;

const querySchema = z.object({
  limit: z.coerce
    .number('jumlah harus berupa angka')
    .int('jumlah harus bilangan bulat')
    .min(1, 'jumlah paling sedikit 1')
    .max(1000, 'jumlah paling banyak 1000')
    .default(100),
  source: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'nama sumber tidak valid')
    .optional(),
});

async function sourceStatuses(deps: ReportDeps): Promise<SourceStatus[]> {
  return Promise.all(
    deps.sources.map(async (s) => ({
      ...s,
      state: await deps.store.sources.get(s.name),
      cursor: await deps.store.cursors.get(s.name, 'live'),
    })),
  );
}

/** GET /sync-logs (HTML) and GET /api/sync-logs (JSON): the newest sync runs and each source's state. */
export function syncLogRoutes(router: Router, deps: ReportDeps, guard: RequestHandler[]): void {
  const view = { instanceName: deps.instanceName, timeZone: deps.rekap.timeZone };

  router.get('/sync-logs', ...guard, async (req, res) => {
    const query = querySchema.safeParse(queryStrings(req));
    const { limit, source } = query.success ? query.data : { limit: 100, source: undefined };
    try {
      const [sources, runs] = await Promise.all([
        sourceStatuses(deps),
        deps.store.readSyncRuns({ limit, ...(source ? { source } : {}) }),
      ]);
      const limits = [...new Set([...LIMITS, limit])].sort((a, b) => a - b);
      const page = syncLogsPage({
        ...view,
        sources,
        runs,
        limit,
        limits,
        ...(source ? { source } : {}),
        ...(query.success ? {} : { errors: issues(query.error) }),
      });
      res
        .status(query.success ? 200 : 400)
        .type('html')
        .send(page);
    } catch (err) {
      unavailable(deps, res, err, 'Log sinkronisasi', false);
    }
  });

  router.get('/api/sync-logs', ...guard, async (req, res) => {
    const query = querySchema.safeParse(queryStrings(req));
    if (!query.success) {
      res.status(400).json({ error: issues(query.error).join('; ') });
      return;
    }
    const { limit, source } = query.data;
    try {
      const [sources, runs] = await Promise.all([
        sourceStatuses(deps),
        deps.store.readSyncRuns({ limit, ...(source ? { source } : {}) }),
      ]);
      res.json({ sources, runs });
    } catch (err) {
      unavailable(deps, res, err, 'Log sinkronisasi', true);
    }
  });
}
