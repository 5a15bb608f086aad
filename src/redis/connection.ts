import { Redis, type RedisOptions } from 'ioredis';

/**
 * The one factory for Redis connections. BullMQ's advice: workers (blocking commands) need
 * maxRetriesPerRequest null and wait for Redis forever; producers and plain commands
 * should fail fast so an HTTP request or CLI call does not hang while Redis is down.
 */
export type RedisRole = 'worker' | 'producer';

export function redisOptions(role: RedisRole): RedisOptions {
  const common: RedisOptions = {
    lazyConnect: true,
    connectionName: `lapor-bridge:${role}`,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  };
  return role === 'worker'
    ? { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true }
    : { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, redisOptions(role));
}

/** Resolves true when something answers PING at the URL within the timeout. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
