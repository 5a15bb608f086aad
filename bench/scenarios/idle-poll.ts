import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { UNSETTLED_MS } from '../../src/connectors/lapor/pull.js';
import { pollSource } from '../../src/pipeline/poll.js';
import { startEmbeddedSandboxes } from '../../src/sandbox/embedded.js';
import { measureCpu } from '../lib/cpu.js';
import { fmtCount } from '../lib/format.js';
import { openBenchPipeline } from '../lib/lapor-pipeline.js';
import { countClientCommands, COUNTING } from '../lib/redis-calls.js';
import { freePort } from '../lib/private-redis.js';
import type { Section } from '../lib/table.js';
import { commandCount, pipelineCommands } from './throughput.js';

export interface IdlePoll {
  source: string;
  kind: string;
  /** Records the first poll delivered (the whole source), before the idle one. */
  firstRecords: number;
  /** The idle poll: nothing changed at the source since the first. */
  records: number;
  httpRequests: number;
  /** Commands the bridge sent (MONITOR, a script counted once). */
  clientCommands: number;
  clientTop: string;
  /** Commands Redis executed (commandstats, those inside scripts included). */
  redisCommands: number;
  topCommands: string;
}

/** Outgoing HTTP requests of this process while `work` runs (the sandboxes answer in-process, as servers: not counted). */
async function countHttpRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  let requests = 0;
  const onRequest = () => void (requests += 1);
  subscribe('http.client.request.start', onRequest);
  try {
    return { result: await work(), requests };
  } finally {
    unsubscribe('http.client.request.start', onRequest);
  }
}

/** config/default.yaml and config/sandbox-sources.yaml as shipped (every connector kind, each on its embedded sandbox), on free ports and the given Redis. */
async function sandboxModeConfig(redisUrl: string, prefix: string): Promise<LoadedConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-'));
  try {
    const file = join(dir, 'config.yaml');
    writeFileSync(
      file,
      stringify({
        redis: { url: redisUrl, keyPrefix: prefix, embedded: { enabled: false } },
        http: { port: await freePort() },
        sandbox: { enabled: true, lapor: { port: await freePort() }, regional: { port: await freePort() } },
      }),
    );
    return loadConfig({ file, env: {} });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every source of the shipped configuration is polled to its end, then polled again with
 * nothing new at the source: what one idle poll costs in HTTP requests and Redis commands.
 * The poll stage runs directly (no queue, no ingest worker), so the Redis count is the
 * poll's own: lock, cursor, raw records, source state, sync-run entry.
 */
export async function measureIdlePolls(redisUrl: string, admin: Redis, logger: Logger): Promise<IdlePoll[]> {
  const loaded = await sandboxModeConfig(redisUrl, 'lbbench-idle');
  const sandboxes = await startEmbeddedSandboxes(loaded.config.sandbox, logger);
  const pipe = await openBenchPipeline(loaded, logger, false);
  const out: IdlePoll[] = [];
  try {
    const { runtime } = pipe;
    const ctx = { signal: new AbortController().signal, log: logger };
    const sources = Object.entries(loaded.config.sources);
    // The sandboxes stamp their seeded records "now", and a LAPOR run does not remember as
    // delivered what changed in its last UNSETTLED_MS (a change later in the same second must
    // not be lost): the next run reads those again. So the first polls wait until the seed
    // has settled, as a daemon's polls, a schedule apart, find a source's older changes.
    await new Promise((resolve) => setTimeout(resolve, UNSETTLED_MS + 500));
    const firsts = new Map<string, number>();
    for (const [source] of sources)
      firsts.set(source, (await pollSource(runtime.pollDeps, { source, lane: 'live', slot: 'first' }, ctx)).records);
    for (const [source, settings] of sources) {
      const measured = await measureCpu(admin, () =>
        countClientCommands(admin, () =>
          countHttpRequests(() => pollSource(runtime.pollDeps, { source, lane: 'live', slot: 'idle' }, ctx)),
        ),
      );
      const { calls } = measured.result;
      // The counting connection's own commands are not the poll's.
      const counted = { ...measured.cpu, commands: measured.cpu.commands.filter((c) => !COUNTING.has(c.command)) };
      const { result, requests } = measured.result.result;
      const sent = [...calls.entries()].sort((a, b) => b[1] - a[1]);
      out.push({
        source,
        kind: (settings as { kind: string }).kind,
        firstRecords: firsts.get(source)!,
        records: result.records,
        httpRequests: requests,
        clientCommands: sent.reduce((n, [, c]) => n + c, 0),
        clientTop: sent.map(([name, c]) => `${name} ${c}`).join(', '),
        redisCommands: commandCount(counted),
        topCommands: pipelineCommands(counted)
          .map((c) => `${c.command} ${c.calls}`)
          .join(', '),
      });
    }
    return out;
  } finally {
    await pipe.stop();
    await sandboxes.close();
  }
}

export function idlePollSection(polls: readonly IdlePoll[]): Section {
  return {
    title: 'idle poll: a source with nothing new',
    headers: [
      'source',
      'kind',
      'first poll records',
      'idle poll records',
      'HTTP requests',
      'redis calls sent',
      'sent by name',
      'redis commands run',
      'run by name',
    ],
    rows: polls.map((p) => [
      p.source,
      p.kind,
      fmtCount(p.firstRecords),
      fmtCount(p.records),
      fmtCount(p.httpRequests),
      fmtCount(p.clientCommands),
      p.clientTop,
      fmtCount(p.redisCommands),
      p.topCommands,
    ]),
    notes: [
      `config/default.yaml as shipped, every source on its embedded sandbox; ${(UNSETTLED_MS + 500) / 1000} s after the seed (a LAPOR run reads again what changed in its last ${UNSETTLED_MS / 1000} s before its start), each source is first polled to its end, then polled again with nothing changed.`,
      'HTTP requests: every outgoing request of the poll (token, list pages, enrichment), counted with the http.client.request.start diagnostics channel.',
      "redis calls sent: the commands the poll sent, seen by MONITOR between two echoed markers (a Lua script is one call, each command of a pipeline or MULTI one); redis commands run: INFO commandstats difference on the run's own Redis, the commands scripts run inside included (the counting connection's own left out).",
      'target: 1 request and at most 5 Redis calls sent per idle poll, for every connector kind.',
    ],
  };
}
