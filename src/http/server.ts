import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { authenticate, authOf } from './auth/authenticate.js';
import { requireAction, requireCsrf, requireUser, sameOriginWrites } from './auth/guards.js';
import { loginRoutes, type LoginDeps } from './auth/login-routes.js';
import { workspaceRoutes, type WorkspaceDeps } from './workspace-routes.js';
import { DASHBOARD_PATH, dashboardRouter, type DashboardOptions } from './dashboard.js';
import { HOOKS_PATH, hooksRouter, type HooksDeps } from './hooks.js';
import { runChecks, type ReadinessCheck } from './readiness.js';
import type { ReportDeps } from './report-deps.js';
import { reportRoutes } from './report-routes.js';
import type { Queues } from '../queue/queues.js';
import { messages, type Catalog, type Language } from '../i18n/messages.js';
import { langOfRequest, setInstanceLanguage } from './auth/language.js';
import { rateLimit } from './rate-limit.js';

export interface HttpDeps {
  logger: Logger;
  /** The instance's language: what pages, the API and the webhook answer in unless a person chose another (Indonesian when absent). */
  language?: Language;
  queues: Queues;
  metrics: Registry;
  readiness: readonly ReadinessCheck[];
  isStopping: () => boolean;
  /** Requests per client address and minute on everything but the probes and /metrics (0: no limit). */
  requestsPerMinute?: number;
  /** Extra facts shown on /healthz (instance name, sandbox mode). */
  about: Record<string, unknown>;
  dashboard: DashboardOptions & { enabled: boolean };
  /** Accounts: who is calling (session cookie, API token, basic auth), the login form. */
  auth: LoginDeps;
  /** Routers mounted under /api, for signed-in callers. */
  api?: Router | Router[];
  /** The /rekap and /sync-logs pages, for signed-in callers. */
  reports?: ReportDeps;
  /** The OPD workspace: inbox, complaint page, approvals, triage, audit. */
  workspace?: WorkspaceDeps;
  /** The webhook inbox (POST /hooks/<channel>); absent when no source takes pushes. */
  hooks?: HooksDeps;
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  setInstanceLanguage(app, deps.language ?? 'id');
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...deps.about });
  });

  app.get('/metrics', async (req, res) => {
    try {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    } catch (err) {
      deps.logger.warn(
        { err, meaning: 'this scrape was answered 503; the next one tries again. Usually Redis out of reach' },
        'metrics collection failed',
      );
      res
        .status(503)
        .type('text/plain')
        .send(`${messages(langOfRequest(req)).api.metricsUnavailable}\n`);
    }
  });

  const limited = rateLimit(deps.requestsPerMinute ?? 0);
  app.use((req, res, next) => (req.path === '/readyz' ? next() : limited(req, res, next)));
  // Signed pushes carry their own proof; no account is involved.
  if (deps.hooks) app.use(HOOKS_PATH, hooksRouter(deps.hooks));
  app.use(authenticate(deps.auth));

  app.get('/readyz', async (req, res) => {
    if (deps.isStopping()) {
      const reason = messages(langOfRequest(req)).api.shuttingDown;
      res.status(503).json(authOf(res) ? { ready: false, reason, code: 'shutting_down' } : { ready: false });
      return;
    }
    const result = await runChecks(deps.readiness);
    // Sources, workers and errors are for operators; anyone else learns only ready or not.
    res.status(result.ready ? 200 : 503).json(authOf(res) ? result : { ready: result.ready });
  });

  if (deps.dashboard.enabled) {
    app.use(loginRoutes(deps.auth));
    app.use(
      DASHBOARD_PATH,
      requireUser('page'),
      requireAction('page', 'read_all'),
      sameOriginWrites(),
      dashboardRouter(deps.queues, deps.dashboard),
    );
    if (deps.reports) app.use(reportRoutes(deps.reports, requireUser('auto')));
    if (deps.workspace) app.use(workspaceRoutes(deps.workspace));
  }
  if (deps.api) app.use('/api', requireUser('json'), requireCsrf('json'), deps.api);
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // body-parser's own errors carry their status (400 bad JSON, 413 too large); anything else is ours.
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 500)
      deps.logger.error(
        { err, meaning: 'this request was answered 500 and nothing of it was kept; the stack says where it failed' },
        'request failed',
      );
    const t = messages(langOfRequest(req));
    const type = (err as { type?: unknown }).type;
    const [error, code] =
      status >= 500
        ? [t.api.internal, 'internal']
        : status === 413
          ? [t.workspace.bodyTooLarge, 'body_too_large']
          : type === 'entity.parse.failed'
            ? [t.workspace.notJson, 'not_json']
            : [t.workspace.invalidBody, 'invalid_body'];
    res.status(status).json({ error, code });
  });
  return app;
}

/** The HTTP port taken at start; `explain` words it, with the fix, in the reader's language. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(messages('en').cli.start.portInUse(host, port));
    this.name = 'PortInUseError';
  }

  explain(text: Catalog): string {
    return text.cli.start.portInUse(this.host, this.port);
  }
}

/** Listens and resolves with the bound server; a port in use becomes PortInUseError. */
export function listen(app: Express, host: string, port: number): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err),
    );
    server.listen(port, host, () => resolve(server));
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
