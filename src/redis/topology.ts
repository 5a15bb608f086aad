/** Where the daemon's Redis is (`redis` in the configuration): a URL, or Sentinels or Cluster nodes with the URL's login and TLS. */
export interface RedisSettings {
  url: string;
  cluster: { nodes: readonly string[] };
  sentinel: { name: string; nodes: readonly string[] };
}

/**
 * One Redis at `redis.url`, the primary that `redis.sentinel` names, or the Redis Cluster
 * of `redis.cluster.nodes`. Only one Redis at a URL may be started by the daemon itself.
 */
export type RedisTopology = 'single' | 'sentinel' | 'cluster';

export function redisTopology(settings: RedisSettings): RedisTopology {
  if (settings.cluster.nodes.length > 0) return 'cluster';
  return settings.sentinel.nodes.length > 0 ? 'sentinel' : 'single';
}

/**
 * The Redis Cluster hash tag of a key prefix: what lies between its first "{" and the "}"
 * after it, when not empty. Every key of the daemon starts with the prefix, so with a tag
 * they all hash to the tag's slot: one master holds a whole deployment, and scripts that
 * touch several of its keys run there.
 */
export function hashTag(prefix: string): string | undefined {
  const open = prefix.indexOf('{');
  const close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : undefined;
}

/** The database number of `redis.url` (its path), 0 when it names none. */
export function urlDatabase(url: string): number {
  return Number(new URL(url).pathname.slice(1) || 0);
}
