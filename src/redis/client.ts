import { Cluster, type Redis as RedisNode } from 'ioredis';

/**
 * What the daemon talks to: one Redis (a URL, or the primary Sentinel names) or a Redis
 * Cluster. The store, the queues and the scripts use only what both answer alike; a
 * Cluster routes each command by its first key, so every key of one deployment carries the
 * hash tag of its prefix (src/config/redis-topology.ts).
 */
export type Redis = RedisNode | Cluster;

/** The nodes that hold keys, for a SCAN of all of them: a Cluster's masters, or the one Redis. */
export function keyHolders(redis: Redis): RedisNode[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}
