import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedis } from '../../src/redis/connection.js';
import { benchLogger, stopOpenPipelines } from './lapor-pipeline.js';
import { describeMachine } from './machine.js';
import { deleteIssuedPrefixes, issuedPrefixes } from './redis-prefix.js';

export interface BenchContext {
  /** The benchmark's own connection: machine facts, footprints, cleanup. */
  admin: Redis;
  redisUrl: string;
  logger: Logger;
  /** Registers a resource to close at the end, also when interrupted (a sandbox, a server). */
  onCleanup(close: () => Promise<void>): void;
}

export interface BenchHeader {
  title: string;
  redisUrl: string;
  /** Lines after the machine description: sizes, scenarios. */
  lines: string[];
  /** Runs last, after the keys are deleted and the connection closed (a Redis of the benchmark's own is stopped here). */
  finally?: () => Promise<void>;
}

/**
 * The frame of every benchmark entry (bench/run.ts, and later bench/push.ts): prints the
 * machine, runs the body, and always stops what it opened and deletes the keys of every
 * prefix it issued, also on SIGINT/SIGTERM. Exits 0 unless something crashed: a
 * benchmark reports numbers, it never passes or fails on them.
 */
export function runBench(header: BenchHeader, body: (ctx: BenchContext) => Promise<void>): void {
  const closers: (() => Promise<void>)[] = [];
  let admin: Redis | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await stopOpenPipelines();
      await Promise.allSettled(closers.reverse().map((close) => close()));
      try {
        if (!admin) return;
        const deleted = await deleteIssuedPrefixes(admin);
        process.stdout.write(`cleaned up: ${deleted} keys of ${fmtList(issuedPrefixes())}\n`);
        await admin.quit();
      } finally {
        await header.finally?.();
      }
    })());
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping and deleting this run's keys\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const main = async () => {
    admin = createRedis(header.redisUrl, 'producer');
    await admin.connect();
    const machine = await describeMachine(admin);
    process.stdout.write(`# ${header.title}\n\n${[...machine, ...header.lines].map((l) => `- ${l}`).join('\n')}\n\n`);
    const startedAt = Date.now();
    try {
      await body({
        admin,
        redisUrl: header.redisUrl,
        logger: benchLogger(),
        onCleanup: (close) => void closers.push(close),
      });
      process.stdout.write(`finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
    } finally {
      await cleanup();
    }
  };
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`benchmark crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

function fmtList(prefixes: string[]): string {
  return prefixes.length ? `prefixes ${prefixes.join(', ')}` : 'no prefixes';
}
