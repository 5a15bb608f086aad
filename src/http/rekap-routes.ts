import type { RequestHandler, Router } from 'express';
import { currentMonth, periodQuerySchema, resolvePeriod } from '../rekap/period.js';
import { computeRekap } from '../rekap/scan.js';
import { rekapPage } from './pages/rekap-page.js';
import type { ReportDeps } from './report-deps.js';
import { issues, queryStrings, unavailable } from './page-helpers.js';

/** GET /rekap (HTML) and GET /api/rekap (JSON): ?month=YYYY-MM or ?from=&to=, optional &source=. */
export function rekapRoutes(router: Router, deps: ReportDeps, guard: RequestHandler[]): void {
  const view = { instanceName: deps.instanceName, timeZone: deps.rekap.timeZone, sources: deps.sources };

  router.get('/rekap', ...guard, async (req, res) => {
    const now = deps.clock.now();
    const query = periodQuerySchema.safeParse(queryStrings(req));
    if (!query.success) {
      res.status(400).type('html').send(rekapPage({ ...view, period: currentMonth(now, deps.rekap.offsetMs), errors: issues(query.error) }));
      return;
    }
    const period = resolvePeriod(query.data, now, deps.rekap.offsetMs);
    try {
      const rekap = await computeRekap(deps.store, deps.rekap, { period, source: query.data.source, now });
      res.type('html').send(rekapPage({ ...view, period, source: query.data.source, rekap }));
    } catch (err) {
      unavailable(deps, res, err, 'Rekap', false);
    }
  });

  router.get('/api/rekap', ...guard, async (req, res) => {
    const now = deps.clock.now();
    const query = periodQuerySchema.safeParse(queryStrings(req));
    if (!query.success) {
      res.status(400).json({ error: issues(query.error).join('; ') });
      return;
    }
    try {
      res.json(await computeRekap(deps.store, deps.rekap, { period: resolvePeriod(query.data, now, deps.rekap.offsetMs), source: query.data.source, now }));
    } catch (err) {
      unavailable(deps, res, err, 'Rekap', true);
    }
  });
}
