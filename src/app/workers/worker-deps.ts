import type { Runtime } from '../runtime.js';

/** What every worker needs from the runtime: where Redis is, the store, the clock and the logger. */
export function workerDeps(runtime: Runtime) {
  const { config, store, clock, logger } = runtime;
  return { redis: config.redis, keyPrefix: config.redis.keyPrefix, store, clock, logger };
}
