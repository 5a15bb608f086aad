import type { Connector } from '../../src/connectors/types.js';
import { loadConfig } from '../../src/config/load.js';
import { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { startPipelineWorkers } from '../../src/app/workers/index.js';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import type { PipelineObserver } from '../../src/monitoring/pipeline-observer.js';
import { captureLogger } from './logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from './redis.js';
import { waitFor } from './cli.js';

export interface TestPipeline {
  runtime: Runtime;
  redis: TestRedis;
  logs: ReturnType<typeof captureLogger>;
  /** Waits until no poll or ingest job is waiting, delayed or active. */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Real Redis (own prefix), real queues and workers; connectors given by the test. */
export async function startTestPipeline(
  options: {
    connectors?: Map<string, Connector>;
    file?: string;
    env?: Record<string, string>;
    workers?: boolean;
    /** What the workers tell /metrics (none by default). */
    observer?: PipelineObserver;
  } = {},
): Promise<TestPipeline> {
  const redis = await testRedis('pipe');
  const logs = captureLogger('info');
  const loaded = loadConfig({
    ...(options.file ? { file: options.file } : {}),
    env: {
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_BRIDGE__PIPELINE__BACKOFFMS: '200',
      ...options.env,
    },
  });
  const lifecycle = new Lifecycle(logs.logger);
  const runtime = await openRuntime(loaded, logs.logger, lifecycle, {
    ...(options.connectors ? { connectors: options.connectors } : {}),
  });
  if (options.workers !== false) startPipelineWorkers(runtime, lifecycle, options.observer);
  return {
    runtime,
    redis,
    logs,
    async drain(timeoutMs = 30_000) {
      await waitFor(
        async () => {
          const counts = await Promise.all(
            [runtime.queues.poll, runtime.queues.ingest].map((q) =>
              q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
            ),
          );
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        timeoutMs,
        'queues to drain',
      );
    },
    async stop() {
      await lifecycle.stop(10_000);
      await redis.cleanup();
    },
  };
}
