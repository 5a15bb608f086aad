import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { messages } from '../i18n/messages.js';
import { zodErrors } from '../i18n/zod-errors.js';
import { langOfRequest } from './auth/language.js';
import { REKAP_COLUMNS } from '../rekap/columns.js';
import { rekapCsv, rekapXlsx } from '../rekap/export-files.js';
import { currentMonth, periodQuerySchemaIn, resolvePeriod } from '../rekap/period.js';
import { computeDueLists, type DueLists } from '../rekap/due.js';
import { computeRekap } from '../rekap/scan.js';
import type { Period, Rekap } from '../rekap/types.js';
import { rekapHeading, rekapViews } from '../rekap/views.js';
import { duePage } from './pages/due-page.js';
import { rekapPage, type RekapPageView } from './pages/rekap-page.js';
import { staleBanners } from './pages/sync-logs-page.js';
import { sourceStatuses } from './sync-log-routes.js';
import type { ReportDeps } from './report-deps.js';
import { issues, pageAccountOf, queryStrings, unavailable } from './page-helpers.js';

const viewQuerySchema = z.object({
  sort: z.enum(['opd', ...REKAP_COLUMNS]).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  opd: z.string().max(200).optional(),
});

type Parsed =
  | { ok: true; period: Period; source?: string; opd?: string; sort?: RekapPageView['sort'] }
  | { ok: false; errors: string[] };

function parse(req: Request, deps: ReportDeps): Parsed {
  const strings = queryStrings(req);
  const { sort, dir, opd, ...rest } = strings;
  const language = langOfRequest(req);
  const period = periodQuerySchemaIn(messages(language).rekap.query).safeParse(rest);
  const view = viewQuerySchema.safeParse({ sort, dir, opd }, { error: zodErrors(language) });
  if (!period.success || !view.success)
    return {
      ok: false,
      errors: [...(period.success ? [] : issues(period.error)), ...(view.success ? [] : issues(view.error))],
    };
  const { sort: column, dir: direction } = view.data;
  return {
    ok: true,
    period: resolvePeriod(period.data, deps.clock.now(), deps.rekap.offsetMs),
    ...(period.data.source ? { source: period.data.source } : {}),
    ...(view.data.opd ? { opd: view.data.opd } : {}),
    ...(column ? { sort: { column, descending: (direction ?? (column === 'opd' ? 'asc' : 'desc')) === 'desc' } } : {}),
  };
}

/**
 * GET /rekap and /rekap/opd/:key (HTML), /rekap.csv and /rekap.xlsx (downloads), /api/rekap
 * (JSON): ?month=YYYY-MM or ?from=&to=, optional &source=, &opd= (a row key), &sort=&dir=.
 */
export function rekapRoutes(router: Router, deps: ReportDeps, guard: RequestHandler[]): void {
  const baseOf = (req: Request, res: Response) => ({
    instanceName: deps.instanceName,
    timeZone: deps.rekap.timeZone,
    language: langOfRequest(req),
    sources: deps.sources,
    ...pageAccountOf(res, langOfRequest(req)),
  });
  const compute = (q: Extract<Parsed, { ok: true }>): Promise<Rekap> =>
    computeRekap(deps.store, deps.rekap, {
      period: q.period,
      now: deps.clock.now(),
      ...(q.source ? { source: q.source } : {}),
      ...(q.opd ? { opd: q.opd } : {}),
    });

  const page = async (req: Request, res: Response, opdKey?: string) => {
    const base = baseOf(req, res);
    const q = parse(req, deps);
    if (!q.ok) {
      res
        .status(400)
        .type('html')
        .send(rekapPage({ ...base, period: currentMonth(deps.clock.now(), deps.rekap.offsetMs), errors: q.errors }));
      return;
    }
    try {
      const rekap = await compute(opdKey ? { ...q, opd: opdKey } : q);
      const staleNotices = staleBanners(
        await sourceStatuses(deps),
        deps.rekap.timeZone,
        deps.staleAfterIntervals,
        messages(base.language).sync,
      );
      const opd = opdKey
        ? {
            key: opdKey,
            name: rekap.rows.find((r) => r.key === opdKey)?.name ?? opdKey.replace(/^(id|name|code):/, ''),
          }
        : undefined;
      res.type('html').send(
        rekapPage({
          ...base,
          period: q.period,
          ...(q.source ? { source: q.source } : {}),
          ...(q.sort ? { sort: q.sort } : {}),
          ...(opd ? { opd } : {}),
          rekap,
          staleNotices,
        }),
      );
    } catch (err) {
      unavailable(deps, res, err, 'Rekap', false);
    }
  };

  router.get('/rekap', ...guard, (req, res) => page(req, res));
  registerDue(router, deps, guard);
  router.get('/rekap/opd/:key', ...guard, (req, res) => page(req, res, String(req.params.key)));

  const download =
    (kind: 'csv' | 'xlsx'): RequestHandler =>
    async (req, res) => {
      const q = parse(req, deps);
      if (!q.ok) {
        res
          .status(400)
          .type('text/plain')
          .send(`${q.errors.join('\n')}\n`);
        return;
      }
      try {
        const language = langOfRequest(req);
        const text = messages(language).rekap;
        const rekap = await compute(q);
        const views = rekapViews(rekap, text, deps.rekap.timeZone);
        const name = `rekap-${q.period.from}_${q.period.to}.${kind}`;
        res.attachment(name);
        if (kind === 'csv') res.type('text/csv; charset=utf-8').send(rekapCsv(views[0]!));
        else
          res
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await rekapXlsx(rekapHeading(rekap, text, deps.rekap.timeZone, language), views));
      } catch (err) {
        unavailable(deps, res, err, 'Rekap', false);
      }
    };
  router.get('/rekap.csv', ...guard, download('csv'));
  router.get('/rekap.xlsx', ...guard, download('xlsx'));

  router.get('/api/rekap', ...guard, async (req, res) => {
    const q = parse(req, deps);
    if (!q.ok) {
      res.status(400).json({ error: q.errors.join('; '), code: 'invalid_query' });
      return;
    }
    try {
      res.json(await compute(q));
    } catch (err) {
      unavailable(deps, res, err, 'Rekap', true);
    }
  });
}

const dueQuerySchema = z.strictObject({ opd: z.string().max(200).optional() });

/** GET /rekap/jatuh-tempo (HTML) and /api/rekap/due (JSON): due by the next working day and overdue, ?opd= a row key. */
function registerDue(router: Router, deps: ReportDeps, guard: RequestHandler[]): void {
  const lists = (req: Request): { errors: string[] } | { opd: string | undefined; pending: Promise<DueLists> } => {
    const q = dueQuerySchema.safeParse(queryStrings(req), { error: zodErrors(langOfRequest(req)) });
    if (!q.success) return { errors: issues(q.error) };
    const opd = q.data.opd;
    return {
      opd,
      pending: computeDueLists(deps.store, deps.rekap, { now: deps.clock.now(), ...(opd ? { opd } : {}) }),
    };
  };
  router.get('/rekap/jatuh-tempo', ...guard, async (req, res) => {
    const asked = lists(req);
    if ('errors' in asked) {
      res
        .status(400)
        .type('text/plain')
        .send(`${asked.errors.join('\n')}\n`);
      return;
    }
    try {
      const due = await asked.pending;
      const key = asked.opd;
      const name = key
        ? (deps.rekap.units?.current(key)?.name ?? due.byOpd.find((r) => r.key === key)?.name ?? key)
        : undefined;
      res.type('html').send(
        duePage({
          instanceName: deps.instanceName,
          timeZone: deps.rekap.timeZone,
          language: langOfRequest(req),
          lists: due,
          ...pageAccountOf(res, langOfRequest(req)),
          ...(key ? { opd: { key, name: name! } } : {}),
        }),
      );
    } catch (err) {
      unavailable(deps, res, err, messages(langOfRequest(req)).due.title, false);
    }
  });
  router.get('/api/rekap/due', ...guard, async (req, res) => {
    const asked = lists(req);
    if ('errors' in asked) {
      res.status(400).json({ error: asked.errors.join('; '), code: 'invalid_query' });
      return;
    }
    try {
      res.json(await asked.pending);
    } catch (err) {
      unavailable(deps, res, err, messages(langOfRequest(req)).due.title, true);
    }
  });
}
