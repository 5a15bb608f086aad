import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { LoadedConfig } from './config/load.js';
import { accountDeps } from './app/account-deps.js';
import { apiRouter } from './http/api.js';
import { caseRouter } from './http/case-routes.js';
import { approvalWaitHistogram, createMetrics } from './http/metrics.js';
import { createPipelineObserver } from './monitoring/pipeline-observer.js';
import type { ReadinessCheck } from './http/readiness.js';
import { reportDeps } from './app/report-deps.js';
import { webhookChannels } from './http/hook-channels.js';
import { boundPort, closeServer, createApp, listen } from './http/server.js';
import { Lifecycle, type StopReport } from './lifecycle/lifecycle.js';
import { startPipelineWorkers } from './app/workers/index.js';
import type { WorkerHandle } from './queue/worker.js';
import { openRuntime, type Runtime } from './app/runtime.js';
import { startScheduler } from './scheduler/scheduler.js';
import { startNotifications } from './app/notifications.js';
import { startRetrainSchedule } from './routing/retrain-schedule.js';
import { routingApiRouter } from './http/routing-api.js';
import { startEmbeddedSandboxes } from './sandbox/embedded.js';
import { ledgerGauges, sourceHealth } from './app/source-health.js';
import { ensureRedis } from './redis/embedded.js';

export interface Daemon {
  /** The HTTP port actually bound (useful when configured as 0). */
  port: number;
  stop(): Promise<StopReport>;
  isStopping(): boolean;
}

/**
 * The first admin, at first start only (no account exists yet): named dashboard.username,
 * with LAPOR_BRIDGE_DASHBOARD_PASSWORD or else a one-time password logged once, like a
 * notebook server's token: there is no other way to learn it.
 */
async function ensureFirstAdmin(loaded: LoadedConfig, runtime: Runtime, logger: Logger, url: string): Promise<void> {
  const { username, enabled } = loaded.config.dashboard;
  const fromEnv = loaded.secrets.dashboardPassword;
  const password = fromEnv ?? randomBytes(18).toString('base64url');
  const created = await runtime.accounts.ensureFirstAdmin(username, password);
  if (!enabled) return;
  if (!created) {
    logger.info({ url }, 'pages ready: sign in with an account (lapor-bridge users list)');
    return;
  }
  if (fromEnv)
    logger.info(
      { url, username },
      'first admin account created with the password from LAPOR_BRIDGE_DASHBOARD_PASSWORD',
    );
  else
    logger.warn(
      {
        meaning:
          'sign in once with it and change it; it is not shown again (set LAPOR_BRIDGE_DASHBOARD_PASSWORD to choose it)',
      },
      `first admin account "${username}" created; sign in at ${url} with the one-time password: ${password}  (change it: lapor-bridge users reset-password ${username})`,
    );
}

/**
 * Composition root: (sandboxes) → redis → store, queues, connectors → http → workers →
 * scheduler. Stopping runs backwards: the scheduler stops enqueueing, workers finish their
 * jobs while /readyz already answers 503, then HTTP, queues, Redis, sandboxes.
 * Every resource is registered with the lifecycle right after it starts, so a failure
 * half-way still stops what was started, in reverse.
 */
export async function startDaemon(loaded: LoadedConfig, logger: Logger): Promise<Daemon> {
  const { config } = loaded;
  const lifecycle = new Lifecycle(logger.child({ component: 'lifecycle' }));
  try {
    if (config.sandbox.enabled) {
      const sandboxes = await startEmbeddedSandboxes(config.sandbox, logger.child({ component: 'sandbox' }));
      lifecycle.add('sandboxes', () => sandboxes.close());
    }
    // The demo: every source a simulator. Only it may start a Redis of its own; and the
    // simulators start afresh, so does the ledger of what they hold, when it holds nothing else.
    const onlySimulated =
      config.sandbox.enabled &&
      Object.keys(config.sources).length > 0 &&
      Object.keys(config.sources).every((name) => loaded.sandboxSources.includes(name));
    const embedded = await ensureRedis({
      ...config.redis,
      ...config.redis.embedded,
      onlySimulated,
      logger: logger.child({ component: 'redis' }),
    });
    lifecycle.add('embedded redis', () => embedded.stop());
    const runtime = await openRuntime(loaded, logger, lifecycle, { freshSandboxLedger: onlySimulated });
    // Operator commands act under these rules, whatever configuration file they are given.
    await runtime.publishAuthority();
    const { store, queues } = runtime;
    let workers: WorkerHandle[] = [];
    const readiness: ReadinessCheck[] = [
      { name: 'redis', check: async () => ({ ok: await store.ping() }) },
      {
        name: 'workers',
        check: async () => ({
          ok: workers.length > 0 && workers.every((w) => w.worker.isRunning()),
          detail: workers.map((w) => w.worker.name),
        }),
      },
      { name: 'sources', check: async () => ({ ok: true, detail: await sourceHealth(runtime) }) },
    ];
    const metrics = createMetrics(queues, ledgerGauges(runtime));
    const observer = createPipelineObserver(metrics, logger.child({ component: 'intake' }));
    const approvalWait = approvalWaitHistogram(metrics);
    runtime.push.approvals.on('approved', (waitMs) => approvalWait.observe(Math.max(0, waitMs) / 1000));
    lifecycle.add('intake summary', async () => observer.stop());
    const account = accountDeps(runtime);
    const app = createApp({
      logger: logger.child({ component: 'http' }),
      language: loaded.language,
      queues,
      metrics,
      readiness,
      isStopping: () => lifecycle.isStopping,
      requestsPerMinute: config.http.requestsPerMinute,
      about: { instance: config.instance.name, sandbox: config.sandbox.enabled },
      dashboard: {
        enabled: config.dashboard.enabled,
        readOnly: config.dashboard.readOnly,
        language: loaded.language,
        timezone: config.instance.timezone,
      },
      ...account,
      api: [
        apiRouter(runtime.push, account.workspace.workspace),
        routingApiRouter({ routing: runtime.routing, triage: runtime.store.triage, units: runtime.opd }),
        caseRouter(runtime.cases),
      ],
      reports: reportDeps(runtime),
      hooks: {
        channels: webhookChannels(config, runtime.connectors, loaded.secret),
        accept: runtime.pollDeps,
        clock: runtime.clock,
        logger: logger.child({ component: 'hooks' }),
      },
    });
    const server = await listen(app, config.http.host, config.http.port);
    lifecycle.add('http', () => closeServer(server));
    const port = boundPort(server);
    await ensureFirstAdmin(loaded, runtime, logger, `http://${config.http.host}:${port}/login`);

    workers = startPipelineWorkers(runtime, lifecycle, observer);
    const polled = [...runtime.connectors.keys()].filter((name) => config.sources[name]!.poll);
    const sources = polled.map((name) => ({
      name,
      schedule: config.sources[name]!.schedule,
      jitterMs: config.sources[name]!.jitterMs,
    }));
    const scheduler = startScheduler(
      sources,
      async (source, slot) => void (await runtime.enqueuePoll(source, 'live', slot)),
      logger.child({ component: 'scheduler' }),
      config.instance.timezone,
    );
    lifecycle.add('scheduler', () => scheduler.stop());
    const notifications = startNotifications(
      runtime,
      loaded.secret,
      loaded.language,
      logger.child({ component: 'notify' }),
    );
    if (notifications) lifecycle.add('notification schedule', () => notifications.stop());
    const { reconcile } = config.pipeline;
    if (reconcile.enabled) {
      const rounds = startScheduler(
        sources.map((s) => ({ ...s, schedule: reconcile.schedule })),
        async (source, slot) => void (await runtime.enqueuePoll(source, 'reconcile', slot)),
        logger.child({ component: 'scheduler' }),
        config.instance.timezone,
        'reconcile',
      );
      lifecycle.add('reconciliation schedule', () => rounds.stop());
    }
    if (config.routing.enabled) {
      const retrain = startRetrainSchedule(
        runtime.routing,
        runtime.store,
        config.routing.retrainSchedule,
        config.instance.timezone,
        logger.child({ component: 'routing' }),
      );
      lifecycle.add('routing retrain', () => retrain.stop());
    }
    if (config.pipeline.pollOnStart) await Promise.all(sources.map((s) => runtime.enqueuePoll(s.name, 'live')));

    logger.info({ host: config.http.host, port, files: loaded.files }, 'lapor-bridge started');
    return {
      port,
      isStopping: () => lifecycle.isStopping,
      stop: () => lifecycle.stop(config.shutdown.timeoutMs),
    };
  } catch (err) {
    await lifecycle.stop(config.shutdown.timeoutMs);
    throw err;
  }
}
