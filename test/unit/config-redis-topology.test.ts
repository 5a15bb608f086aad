import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { messages } from '../../src/i18n/messages.js';
import { createRedis } from '../../src/redis/connection.js';
import { hashTag } from '../../src/redis/topology.js';
import { keyPatterns, queuePrefix } from '../../src/store/keys.js';

/** Where Redis is: one URL, Sentinel or a Cluster, and the hash tag a Cluster needs in the key prefix. */

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lb-config-redis-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(text: string, env: Record<string, string> = { LANG: 'C.UTF-8' }) {
  try {
    loadConfig({ file: file(text), env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const CLUSTER = 'redis:\n  cluster:\n    nodes: [10.0.0.5:6379, "[fd00::6]:6380"]\n';

describe('redis.cluster and redis.sentinel in the configuration', () => {
  it('refuses a Cluster whose key prefix has no hash tag: the key, the problem and the fix, Indonesian first', () => {
    const path = file(CLUSTER);
    for (const [env, language] of [
      [{ LANG: 'C.UTF-8' }, 'id'],
      [{ LANG: 'en_US.UTF-8' }, 'en'],
    ] as const) {
      let problems: readonly unknown[] = [];
      try {
        loadConfig({ file: path, env });
      } catch (err) {
        problems = (err as ConfigError).problems;
      }
      const said = messages(language).config.redis;
      expect(problems).toEqual([
        {
          path: 'redis.keyPrefix',
          message: said.clusterNeedsTag('lapor-bridge'),
          hint: said.clusterNeedsTagHint('{lapor-bridge}'),
          origin: expect.stringContaining('default.yaml'),
        },
      ]);
    }
    expect(messages('id').config.redis.clusterNeedsTag('x')).toContain('tidak punya hash tag');
    expect(messages('en').config.redis.clusterNeedsTag('x')).toContain('has no hash tag');
  });

  it('takes a tagged prefix: every key and the queues under the tag', () => {
    const { config } = loadConfig({ file: file(CLUSTER), env: { LAPOR_BRIDGE__REDIS__KEYPREFIX: '{kab-blora}' } });
    expect(config.redis.cluster.nodes).toEqual(['10.0.0.5:6379', '[fd00::6]:6380']);
    expect(queuePrefix(config.redis.keyPrefix)).toBe('{kab-blora}:bull');
    expect(keyPatterns('{kab-blora}')).toEqual(['{kab-blora}:*']);
    // A prefix without a tag keeps its queues' own tag beside it, as before.
    expect(queuePrefix('lapor-bridge')).toBe('{lapor-bridge}');
    expect(keyPatterns('lapor-bridge')).toEqual(['lapor-bridge:*', '{lapor-bridge}:*']);
  });

  it('names each other mistake by its key', () => {
    const t = messages('id').config;
    const byPath = (text: string) => Object.fromEntries(problemsOf(text).map((p) => [p.path, p.message]));
    expect(byPath('redis:\n  keyPrefix: "{kab}"\n  cluster: { nodes: [redis-1] }\n')).toEqual({
      'redis.cluster.nodes.0': t.schema.hostPort,
    });
    expect(byPath('redis:\n  keyPrefix: "{a}{b}"\n')).toEqual({ 'redis.keyPrefix': t.schema.keyPrefix });
    expect(byPath('redis:\n  keyPrefix: "a{}"\n')).toEqual({ 'redis.keyPrefix': t.schema.keyPrefix });
    expect(
      byPath('redis:\n  url: redis://10.0.0.5:6379/2\n  keyPrefix: "{kab}"\n  cluster: { nodes: [10.0.0.5:6379] }\n'),
    ).toEqual({ 'redis.url': t.redis.clusterDatabase(2) });
    expect(
      byPath('redis:\n  keyPrefix: "{kab}"\n  cluster: { nodes: [a:1] }\n  sentinel: { name: pusat, nodes: [b:2] }\n'),
    ).toEqual({ 'redis.sentinel.nodes': t.redis.bothTopologies });
    expect(byPath('redis:\n  sentinel: { nodes: [b:26379] }\n')).toEqual({
      'redis.sentinel.name': t.redis.sentinelName,
    });
  });

  it('finds the hash tag as Redis does: the first "{" and the next "}", not empty', () => {
    expect(hashTag('{kab-a}')).toBe('kab-a');
    expect(hashTag('jateng:{kab-a}:v2')).toBe('kab-a');
    expect(hashTag('lapor-bridge')).toBeUndefined();
    expect(hashTag('a{}')).toBeUndefined();
  });

  it('connects to what the configuration names, with the login and TLS of redis.url', () => {
    const url = 'rediss://bridge:rahasia%21@10.0.0.5:6379/3';
    const cluster = createRedis(
      { url, cluster: { nodes: ['10.0.0.5:6379'] }, sentinel: { name: '', nodes: [] } },
      'worker',
    );
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as Cluster).options.redisOptions).toMatchObject({
      username: 'bridge',
      password: 'rahasia!',
      tls: {},
      maxRetriesPerRequest: null,
    });
    const sentinel = createRedis(
      { url, cluster: { nodes: [] }, sentinel: { name: 'pusat', nodes: ['10.0.0.7:26379', '[fd00::8]:26379'] } },
      'producer',
    );
    expect(sentinel).toBeInstanceOf(Redis);
    expect((sentinel as Redis).options).toMatchObject({
      name: 'pusat',
      sentinels: [
        { host: '10.0.0.7', port: 26379 },
        { host: 'fd00::8', port: 26379 },
      ],
      password: 'rahasia!',
      db: 3,
      enableTLSForSentinelMode: true,
    });
    const single = createRedis({ url, cluster: { nodes: [] }, sentinel: { name: '', nodes: [] } }, 'producer');
    expect((single as Redis).options).toMatchObject({ host: '10.0.0.5', port: 6379, db: 3, password: 'rahasia!' });
    for (const client of [cluster, sentinel, single]) client.disconnect();
  });
});
