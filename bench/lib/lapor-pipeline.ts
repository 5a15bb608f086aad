import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { stringify } from 'yaml';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { createLogger } from '../../src/logging/logger.js';
import { startPipelineWorkers } from '../../src/app/workers/index.js';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';

/** Warnings and errors of the daemon go to stderr; the tables stay alone on stdout. */
export function benchLogger(): Logger {
  return createLogger({ level: 'warn', pretty: 'never' }, pino.destination(2));
}

/**
 * The daemon's configuration for one source, "lapor", pointed at a sandbox: written to a
 * temporary file and layered over config/default.yaml like an operator's file.
 */
export interface LaporConfigOptions {
  redisUrl: string;
  prefix: string;
  ingestConcurrency: number;
  pageSize: number;
  /** The source's poll schedule (the default when not given). */
  schedule?: string;
  extra?: Record<string, unknown>;
}

/** A config file (YAML, in a folder of its own) whose only source is LAPOR at the sandbox; the embedded sandbox and Redis off. */
export function writeLaporConfig(
  sandbox: Pick<LaporSandbox, 'url' | 'instansiId'>,
  options: LaporConfigOptions,
): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lb-bench-')), 'config.yaml');
  writeFileSync(
    file,
    stringify({
      redis: { url: options.redisUrl, keyPrefix: options.prefix, embedded: { enabled: false } },
      pipeline: { concurrency: { ingest: options.ingestConcurrency } },
      sandbox: { enabled: false },
      sources: {
        lapor: {
          kind: 'lapor',
          baseUrl: sandbox.url,
          tokenEnv: 'LAPOR_TOKEN',
          instansiId: sandbox.instansiId,
          pageSize: options.pageSize,
          ...(options.schedule ? { schedule: options.schedule } : {}),
        },
      },
      ...options.extra,
    }),
  );
  return file;
}

export function loadLaporConfig(
  sandbox: Pick<LaporSandbox, 'url' | 'token' | 'instansiId'>,
  options: LaporConfigOptions,
): LoadedConfig {
  const file = writeLaporConfig(sandbox, options);
  try {
    // Only the token: the operator's LAPOR_BRIDGE__* variables must not change what is measured.
    return loadConfig({ file, env: { LAPOR_TOKEN: sandbox.token } });
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

export interface BenchPipeline {
  runtime: Runtime;
  lifecycle: Lifecycle;
  stop(): Promise<void>;
}

const open = new Set<BenchPipeline>();

/** The daemon's own runtime and workers (no scheduler, no HTTP): polls happen when the benchmark enqueues one. */
export async function openBenchPipeline(loaded: LoadedConfig, logger: Logger, workers = true): Promise<BenchPipeline> {
  const lifecycle = new Lifecycle(logger);
  const runtime = await openRuntime(loaded, logger, lifecycle);
  if (workers) startPipelineWorkers(runtime, lifecycle);
  const pipe: BenchPipeline = {
    runtime,
    lifecycle,
    async stop() {
      open.delete(pipe);
      const report = await lifecycle.stop(15_000);
      if (!report.ok) logger.warn({ steps: report.steps }, 'benchmark pipeline did not stop cleanly');
    },
  };
  open.add(pipe);
  return pipe;
}

/** Stops every pipeline still open (an interrupted run), so no worker writes after the cleanup. */
export async function stopOpenPipelines(): Promise<void> {
  await Promise.allSettled([...open].map((p) => p.stop()));
}
