import type { Catalog } from '../i18n/messages.js';
import { hashTag, redisTopology, urlDatabase } from '../redis/topology.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/**
 * Where Redis is must be one place, and in a Redis Cluster the key prefix must carry a hash
 * tag: the ledger's scripts touch many keys of one deployment at once, and a Cluster runs a
 * script only when all of them hash to one slot. A prefix without a tag would start and
 * then fail its first ledger write with CROSSSLOT; here it is refused before anything runs.
 */
export function redisTopologyProblems(redis: Config['redis'], text: Catalog['config']): ConfigProblem[] {
  const said = text.redis;
  const problems: ConfigProblem[] = [];
  if (redis.cluster.nodes.length > 0 && redis.sentinel.nodes.length > 0)
    problems.push({ path: 'redis.sentinel.nodes', message: said.bothTopologies, hint: said.bothTopologiesHint });
  const topology = redisTopology(redis);
  if (topology === 'sentinel' && !redis.sentinel.name.trim())
    problems.push({ path: 'redis.sentinel.name', message: said.sentinelName, hint: said.sentinelNameHint });
  if (topology !== 'cluster') return problems;
  if (!hashTag(redis.keyPrefix))
    problems.push({
      path: 'redis.keyPrefix',
      message: said.clusterNeedsTag(redis.keyPrefix),
      hint: said.clusterNeedsTagHint(`{${redis.keyPrefix.replace(/[{}]/g, '') || 'kab-blora'}}`),
    });
  const db = urlDatabase(redis.url);
  if (db !== 0)
    problems.push({ path: 'redis.url', message: said.clusterDatabase(db), hint: said.clusterDatabaseHint(db) });
  return problems;
}
