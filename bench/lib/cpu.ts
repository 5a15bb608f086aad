import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

export interface CommandStat {
  command: string;
  calls: number;
  usec: number;
}

export interface CpuReport {
  wallMs: number;
  /** User + system CPU of this process (sandbox, daemon runtime and workers). */
  nodeMs: number;
  /**
   * The event-loop thread (Linux /proc/self/schedstat): time on a CPU, and time runnable
   * but waiting for one because other processes had it. Undefined where not available.
   */
  loop?: { onCpuMs: number; waitingForCpuMs: number };
  /** User + system CPU of the Redis server's main thread: server-wide, so other clients count too. */
  redisMs: number;
  /** Redis commandstats difference, most time first. */
  commands: CommandStat[];
  /** What the Redis server received and sent (INFO stats), server-wide like its CPU. */
  redisIo: RedisIo;
}

export interface RedisIo {
  /** Bytes the clients sent it, and it sent them. */
  inBytes: number;
  outBytes: number;
  /** Socket reads it served: each is one client write (one or more commands) arriving. */
  reads: number;
}

interface RedisSnapshot {
  cpuMs: number;
  commands: Map<string, { calls: number; usec: number }>;
  io: RedisIo;
}

async function snapshot(redis: Redis): Promise<RedisSnapshot> {
  const [cpu, stats, io] = await Promise.all([redis.info('cpu'), redis.info('commandstats'), redis.info('stats')]);
  const field = (name: string, info = cpu) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  const commands = new Map<string, { calls: number; usec: number }>();
  for (const m of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm))
    commands.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  return {
    cpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000,
    commands,
    io: {
      inBytes: field('total_net_input_bytes', io),
      outBytes: field('total_net_output_bytes', io),
      reads: field('total_reads_processed', io),
    },
  };
}

/** On-CPU and run-queue nanoseconds of this process's main thread, which runs the event loop (Linux only). */
export function schedstat(): [number, number] | undefined {
  try {
    const [onCpu, waiting] = readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return onCpu !== undefined && waiting !== undefined && Number.isFinite(onCpu) && Number.isFinite(waiting)
      ? [onCpu, waiting]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU of both sides while `work` runs: this process (process.cpuUsage) and the Redis server
 * (INFO cpu, INFO commandstats). Together with the wall time they say where the time went:
 * Node busy, Redis busy, or both waiting.
 */
export async function measureCpu<T>(redis: Redis, work: () => Promise<T>): Promise<{ result: T; cpu: CpuReport }> {
  const before = await snapshot(redis);
  const node = process.cpuUsage();
  const loopBefore = schedstat();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(node);
  const loopAfter = schedstat();
  const after = await snapshot(redis);
  const commands: CommandStat[] = [];
  for (const [command, a] of after.commands) {
    const b = before.commands.get(command) ?? { calls: 0, usec: 0 };
    if (a.calls > b.calls) commands.push({ command, calls: a.calls - b.calls, usec: a.usec - b.usec });
  }
  commands.sort((x, y) => y.usec - x.usec);
  const loop =
    loopBefore && loopAfter
      ? { onCpuMs: (loopAfter[0] - loopBefore[0]) / 1e6, waitingForCpuMs: (loopAfter[1] - loopBefore[1]) / 1e6 }
      : undefined;
  return {
    result,
    cpu: {
      wallMs,
      nodeMs: (used.user + used.system) / 1000,
      ...(loop ? { loop } : {}),
      redisMs: after.cpuMs - before.cpuMs,
      commands,
      redisIo: {
        inBytes: after.io.inBytes - before.io.inBytes,
        outBytes: after.io.outBytes - before.io.outBytes,
        reads: after.io.reads - before.io.reads,
      },
    },
  };
}
