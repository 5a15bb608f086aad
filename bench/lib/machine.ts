import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { Redis } from 'ioredis';
import { fmtBytes } from './format.js';

/** What the numbers were measured on, printed with them: a figure without its machine means little. */
export async function describeMachine(redis: Redis): Promise<string[]> {
  const info = await redis.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const model = cpus()[0]?.model.trim() ?? 'unknown';
  // Load at the start: on a shared machine, other work moves every figure.
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return [
    `cpus: ${availableParallelism()} × ${model}`,
    `memory: ${fmtBytes(totalmem())}`,
    `node: ${process.version}`,
    `redis: ${redisVersion}`,
    `load average (1/5/15 min) at start: ${load}`,
  ];
}
