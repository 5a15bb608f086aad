import type { Queue } from 'bullmq';
import type { Redis } from '../redis/client.js';
import type { Logger } from 'pino';
import { Accounts } from '../accounts/accounts.js';
import { accountSettings } from '../accounts/settings.js';
import { directoryScope, type UnitScope } from '../accounts/scope.js';
import type { LoadedConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { pollLimitsSchema, type Connector } from '../connectors/types.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { joinForwardedCopy, type CaseDeps } from '../dedup/cases.js';
import { CaseDesk } from '../dedup/desk.js';
import { DedupStage } from '../dedup/stage.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { OpdLookup } from '../opd/directory.js';
import { RoutingService } from '../routing/service.js';
import { createConnectors, sourcesOfSystem } from './connectors.js';
import type { IngestDeps } from '../pipeline/ingest.js';
import type { PollDeps } from '../pipeline/poll.js';
import { Authority, AuthorityError, type AuthorityRules } from '../push/authority.js';
import { publishedAuthority } from '../push/published-authority.js';
import { PushService } from '../push/service.js';
import { pollJobId, slotOf, type PollJob } from '../queue/payloads.js';
import { closeQueues, createQueues, type Queues } from '../queue/queues.js';
import { createRedis } from '../redis/connection.js';
import type { Lane } from '../store/cursors.js';
import { resetSandboxLedger } from '../store/sandbox-reset.js';
import { markNewLedger } from '../store/one-time-builds.js';
import { loneCaseSets } from '../store/case-members.js';
import { createStore, type Store } from '../store/store.js';

/** The parts the daemon and the operator commands share: Redis, the store, queues, connectors. */
export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  redis: Redis;
  store: Store;
  queues: Queues;
  connectors: Map<string, Connector>;
  /** The pemda's directory of units (opd.directory). */
  opd: OpdLookup;
  /** Routing after the source: rules, model, triage; training and operator assignments. */
  routing: RoutingService;
  pollDeps: PollDeps;
  ingestDeps: IngestDeps;
  push: PushService;
  accounts: Accounts;
  /** Which complaints an OPD account acts for. */
  scope: UnitScope;
  /** The daemon makes its authority rules the ones operator commands act under. */
  publishAuthority(): Promise<void>;
  /** What operators' case commands (merge, split) work with. */
  /** What case operations (merge, split) work with. */
  caseDeps: CaseDeps;
  /** Operators' case commands: proposals, confirm, reject, merge, split. */
  cases: CaseDesk;
  /** Enqueues a poll for a slot; a slot already enqueued (by any replica) is not added twice. */
  enqueuePoll(source: string, lane: Lane, slot?: string): Promise<{ jobId: string; added: boolean }>;
}

/** A directory `systems` key is a source's name or its connector kind. */
function systemsOf(config: Config, source: string): string[] {
  const kind = config.sources[source]?.kind;
  return kind && kind !== source ? [source, kind] : [source];
}

const SLOT_MARKER_TTL_S = 2 * 24 * 3600;

export interface RuntimeOptions {
  clock?: Clock;
  /** Connectors made elsewhere (e.g. in tests); by default made from config by the registry. */
  connectors?: Map<string, Connector>;
  /**
   * own (the daemon, and tests standing in for it): authority rules from this configuration.
   * published (operator commands): the rules the running daemon published in Redis, whatever
   * configuration file the command was given.
   */
  authority?: 'own' | 'published';
  /**
   * Sandbox mode with every source on the simulators: the ledger starts empty with them
   * (src/store/sandbox-reset.ts), so no tracking id of a previous run is ever handed out again.
   */
  freshSandboxLedger?: boolean;
}

export async function openRuntime(
  loaded: LoadedConfig,
  logger: Logger,
  lifecycle: Lifecycle,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const { config } = loaded;
  const clock = options.clock ?? systemClock;
  const redis = createRedis(config.redis, 'producer');
  redis.on('error', (err) =>
    logger.warn(
      {
        component: 'redis',
        err,
        meaning:
          'the bridge reconnects by itself and nothing stored is lost; while Redis is out of reach nothing is polled, ingested or pushed and /readyz answers 503. If it lasts, check the Redis server (redis.url)',
      },
      'redis connection error',
    ),
  );
  await redis.connect();
  lifecycle.add('redis', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  if (options.freshSandboxLedger) {
    const deleted = await resetSandboxLedger(redis, config.redis.keyPrefix);
    logger.info(
      { deleted, prefix: config.redis.keyPrefix },
      'sandbox mode: the ledger starts empty with the simulators (accounts kept)',
    );
  }

  const queues = createQueues(redis, config.redis.keyPrefix, config);
  lifecycle.add('queues', () => closeQueues(queues));

  const store = createStore(redis, config.redis.keyPrefix, clock, {
    failingAfter: config.pipeline.failingAfter,
    reporterSalt: loaded.secret('LAPOR_BRIDGE_REPORTER_SALT'),
  });
  await markNewLedger(redis, store.keys);
  // Cases of one complaint kept a set before (src/store/case-members.ts): once per ledger, their memory back.
  await loneCaseSets(redis, store.keys).done();
  const connectors = options.connectors ?? createConnectors(config, { logger, clock, secret: loaded.secret });
  lifecycle.add('connectors', async () => {
    await Promise.allSettled([...connectors.values()].map((c) => c.close()));
  });

  const connector = (source: string): Connector => {
    const found = connectors.get(source);
    if (!found)
      throw new Error(
        `source "${source}" is not configured or not enabled (known: ${[...connectors.keys()].join(', ') || 'none'})`,
      );
    return found;
  };
  const ingestQueue: Queue = queues.ingest;
  const ownRules = (): AuthorityRules => ({
    approval: config.push.approval,
    directory: loaded.opd.file,
    instance: config.instance.name,
    publishedAt: clock.now().toISOString(),
  });
  const own = new Authority(ownRules());
  // A command writes answers only under the rules a daemon published; answers it pulls from a
  // source (sync, backfill, import) are read under its own rules while no daemon has run yet.
  const published = (use: 'write' | 'pulled') =>
    publishedAuthority(store).catch((err: unknown) =>
      use === 'pulled' && err instanceof AuthorityError && err.code === 'no_rules' ? own : Promise.reject(err),
    );
  const authority = options.authority === 'published' ? published : () => Promise.resolve(own);
  const push = new PushService({
    config,
    store,
    connectors,
    pushQueue: queues.push,
    clock,
    logger: logger.child({ component: 'push' }),
    authority,
    joinCopy: (destination: string, remoteId: string, complaintId: string): Promise<void> =>
      joinForwardedCopy(caseDeps, destination, remoteId, complaintId),
  });
  const scope = directoryScope(loaded.opd);
  const routing = new RoutingService({
    store,
    units: loaded.opd,
    config: config.routing,
    clock,
    logger: logger.child({ component: 'routing' }),
  });
  const caseDeps = {
    ledger: store.ledger,
    audit: store.audit,
    sourcesOfSystem: (system: string) => sourcesOfSystem(config, system),
    onCaseMerged: (from: string, into: string) => push.caseMerged(from, into),
    onCaseSplit: (from: string, into: string, moved: readonly string[]) => push.caseSplit(from, into, moved),
  };
  const dedup = new DedupStage({
    ...caseDeps,
    index: store.dedupIndex,
    links: store.caseLinks,
    settings: config.dedup,
    clock,
    logger: logger.child({ component: 'dedup' }),
  });
  return {
    config,
    logger,
    clock,
    redis,
    store,
    queues,
    connectors,
    opd: loaded.opd,
    routing,
    pollDeps: {
      store,
      ingestQueue,
      clock,
      connector,
      pageDelayMs: (source) => config.sources[source]?.pageDelayMs ?? 0,
      limits: (source) => config.sources[source]?.limits ?? pollLimitsSchema.parse(undefined),
      lockTtlMs: config.pipeline.pollLockMs,
    },
    ingestDeps: {
      store,
      clock,
      logger,
      opd: { resolve: (source, value) => loaded.opd.resolve(systemsOf(config, source), value) },
      routePage: (complaints) => routing.routePage(complaints),
      sourcesOfSystem: caseDeps.sourcesOfSystem,
      classifies: (source) => connectors.get(source)?.classifies !== false,
      forwardsOf: (source, draft) => push.forwardDestinations(source, draft),
      afterPage: (complaints, created) => push.reconcilePage(complaints, created),
      onCaseMerged: caseDeps.onCaseMerged,
      dedup,
    },
    caseDeps,
    cases: new CaseDesk({
      ...caseDeps,
      links: store.caseLinks,
      clock,
      units: loaded.opd,
      answersOf: async (caseId) =>
        (await push.responses.ofCase(caseId)).map((a) => ({
          id: a.id,
          complaintId: a.complaintId,
          state: a.state,
          at: a.at,
        })),
    }),
    push,
    accounts: new Accounts({
      records: store.accounts,
      audit: store.audit,
      clock,
      logger: logger.child({ component: 'accounts' }),
      settings: accountSettings(config),
      units: scope,
    }),
    scope,
    publishAuthority: () => store.authorityRules.publish(ownRules()),
    async enqueuePoll(source, lane, slot = slotOf(clock.now())) {
      connector(source);
      const data: PollJob = { source, lane, slot };
      const jobId = pollJobId(data);
      // The slot marker outlives the job (which BullMQ may remove), so a late replica never re-polls a slot.
      // A crash between marker and add loses one slot only: the next slot resumes from the cursor.
      if (!(await store.markSlot(jobId, SLOT_MARKER_TTL_S))) return { jobId, added: false };
      await queues.poll.add('poll', data, { jobId });
      return { jobId, added: true };
    },
  };
}
