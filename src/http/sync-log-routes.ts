import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { can } from '../domain/roles.js';
import { messages, type Language } from '../i18n/messages.js';
import { zodErrors } from '../i18n/zod-errors.js';
import { staleness } from '../monitoring/staleness.js';
import { pollJobId, type PollJob } from '../queue/payloads.js';
import { authOf } from './auth/authenticate.js';
import { requireAction, requireCsrf } from './auth/guards.js';
import { langOfRequest } from './auth/language.js';
import { syncLogsPage, type SourceStatus, type SyncRunRow } from './pages/sync-logs-page.js';
import type { ReportDeps } from './report-deps.js';
import { issues, pageAccountOf, queryStrings, unavailable } from './page-helpers.js';

const LIMITS = [25, 100, 500] as const;

const querySchemaIn = (language: Language) => {
  const t = messages(language).pages;
  return z.object({
    limit: z.coerce.number(t.limitNumber).int(t.limitInteger).min(1, t.limitMin).max(1000, t.limitMax).default(100),
    source: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, t.badSource)
      .optional(),
    ok: z.enum(['queued', 'already']).optional(),
    for: z.string().max(100).optional(),
  });
};

/** Each configured source's state, cursor and whether its data is stale. */
export async function sourceStatuses(deps: ReportDeps): Promise<SourceStatus[]> {
  const now = deps.clock.now();
  return Promise.all(
    deps.sources.map(async (s) => {
      const state = await deps.store.sources.get(s.name);
      const cursor = await deps.store.cursors.get(s.name, 'live');
      const pullsFrom = cursor === null ? undefined : deps.pullsFrom?.(s.name, cursor);
      return {
        ...s,
        state,
        cursor,
        ...(pullsFrom ? { pullsFrom } : {}),
        staleness: staleness(state, s, { now, timeZone: deps.rekap.timeZone, factor: deps.staleAfterIntervals }),
      };
    }),
  );
}

async function runsWithIntake(deps: ReportDeps, limit: number, source?: string): Promise<SyncRunRow[]> {
  const runs = await deps.store.readSyncRuns({ limit, ...(source ? { source } : {}) });
  const intake = await deps.store.runIntake.get(
    runs.map((r) => pollJobId({ source: r.source, lane: r.lane as PollJob['lane'], slot: r.slot })),
  );
  return runs.map((r, i) => ({ ...r, intake: intake[i] ?? {} }));
}

/**
 * GET /sync-logs (HTML) and GET /api/sync-logs (JSON): the newest sync runs with what their
 * records became, each source's state with an explanation of its failure and a stale-data
 * banner; POST /sync-logs/sinkronkan: an admin queues a poll now, as the schedule would.
 */
export function syncLogRoutes(router: Router, deps: ReportDeps, guard: RequestHandler[]): void {
  router.get('/sync-logs', ...guard, async (req: Request, res: Response) => {
    const language = langOfRequest(req);
    const query = querySchemaIn(language).safeParse(queryStrings(req), { error: zodErrors(language) });
    const { limit, source } = query.success ? query.data : { limit: 100, source: undefined };
    const t = messages(language).sync;
    const auth = authOf(res);
    try {
      const [sources, runs] = await Promise.all([sourceStatuses(deps), runsWithIntake(deps, limit, source)]);
      const limits = [...new Set([...LIMITS, limit])].sort((a, b) => a - b);
      const done = query.success ? query.data : undefined;
      const notice =
        done?.ok && done.for ? (done.ok === 'queued' ? t.queued(done.for) : t.alreadyQueued(done.for)) : undefined;
      const page = syncLogsPage({
        instanceName: deps.instanceName,
        timeZone: deps.rekap.timeZone,
        language,
        sources,
        runs,
        limit,
        limits,
        staleAfterIntervals: deps.staleAfterIntervals,
        maySync: Boolean(deps.enqueuePoll && auth && can(auth.user.role, 'operate')),
        ...pageAccountOf(res, language),
        ...(source ? { source } : {}),
        ...(notice ? { notice } : {}),
        ...(query.success ? {} : { errors: issues(query.error) }),
      });
      res
        .status(query.success ? 200 : 400)
        .type('html')
        .send(page);
    } catch (err) {
      unavailable(deps, res, err, t.title, false);
    }
  });

  router.post(
    '/sync-logs/sinkronkan',
    ...guard,
    express.urlencoded({ extended: false, limit: '4kb' }),
    requireCsrf('page'),
    requireAction('page', 'operate'),
    async (req: Request, res: Response) => {
      const source = String((req.body as { source?: unknown }).source ?? '');
      const known = deps.sources.find((s) => s.name === source && s.enabled);
      if (!known || !deps.enqueuePoll) {
        res
          .status(400)
          .type('text/plain')
          .send(`${messages(langOfRequest(req)).sync.unknownSource(source)}\n`);
        return;
      }
      try {
        const { added } = await deps.enqueuePoll(source);
        const by = authOf(res)!.user.username;
        deps.logger.info({ source, by, added }, 'sync requested from the sync-logs page');
        await deps.store.audit({
          who: by,
          what: 'sync_requested',
          why: `poll of ${source} queued from /sync-logs`,
          detail: { source },
        });
        res.redirect(303, `/sync-logs?ok=${added ? 'queued' : 'already'}&for=${encodeURIComponent(source)}`);
      } catch (err) {
        unavailable(deps, res, err, messages(langOfRequest(req)).sync.title, false);
      }
    },
  );

  router.get('/api/sync-logs', ...guard, async (req, res) => {
    const language = langOfRequest(req);
    const query = querySchemaIn(language).safeParse(queryStrings(req), { error: zodErrors(language) });
    if (!query.success) {
      res.status(400).json({ error: issues(query.error).join('; '), code: 'invalid_query' });
      return;
    }
    const { limit, source } = query.data;
    try {
      const [sources, runs] = await Promise.all([sourceStatuses(deps), runsWithIntake(deps, limit, source)]);
      res.json({ sources, runs });
    } catch (err) {
      unavailable(deps, res, err, messages(langOfRequest(req)).sync.title, true);
    }
  });
}
