import type { Socket } from 'node:net';
import { Cluster, Redis as RedisNode, type RedisOptions } from 'ioredis';
import type { Redis } from './client.js';
import { redisTopology, urlDatabase, type RedisSettings } from './topology.js';

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

/**
 * Commands sent in one turn of the event loop leave in one socket write: the first corks the
 * socket, the turn's end (process.nextTick, after the promise callbacks that send the next
 * commands) uncorks it. ioredis writes each command on its own otherwise, a system call each,
 * which was the largest single cost of pushing a burst of answers (an eighth of its CPU). The
 * order of commands and replies is the socket's, unchanged; only a connection that is ready
 * is corked (what it sends while connecting goes as ioredis sends it).
 */
function writeOncePerTurn(client: RedisNode): RedisNode {
  const send = client.sendCommand.bind(client);
  let corked: Socket | undefined;
  client.sendCommand = (command, stream) => {
    const socket = client.stream as Socket | undefined;
    if (!corked && socket && client.status === 'ready') {
      corked = socket;
      socket.cork();
      process.nextTick(() => {
        corked = undefined;
        socket.uncork();
      });
    }
    return send(command, stream);
  };
  return client;
}

/** `host:port` (a bracketed IPv6 host too) as ioredis takes a node. */
function node(hostPort: string): { host: string; port: number } {
  const at = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(hostPort.slice(at + 1)) };
}

/** What `redis.url` says besides the address: login and TLS (rediss://). */
function urlLogin(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * A connection to one Redis at a URL (the benches' and tests' form), or to what the
 * configuration names (src/redis/topology.ts). Cluster and Sentinel take their login and
 * TLS from `redis.url`; a Cluster has database 0 only (the configuration checks it).
 */
export function createRedis(target: string, role: RedisRole): RedisNode;
export function createRedis(target: RedisSettings, role: RedisRole): Redis;
export function createRedis(target: string | RedisSettings, role: RedisRole): Redis {
  if (typeof target === 'string') return writeOncePerTurn(new RedisNode(target, redisOptions(role)));
  const topology = redisTopology(target);
  if (topology === 'single') return writeOncePerTurn(new RedisNode(target.url, redisOptions(role)));
  const login = urlLogin(target.url);
  if (topology === 'sentinel')
    return writeOncePerTurn(
      new RedisNode({
        ...redisOptions(role),
        ...login,
        ...(login.tls ? { enableTLSForSentinelMode: true } : {}),
        db: urlDatabase(target.url),
        sentinels: target.sentinel.nodes.map(node),
        name: target.sentinel.name,
        // Move to the new primary as soon as the sentinels announce it (+switch-master), not when
        // the old one drops the connection: what the old one still accepts is lost when it
        // becomes a replica. A write that meets a demoted primary (READONLY) is sent again there.
        failoverDetector: true,
        reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      }),
    );
  const { retryStrategy, enableOfflineQueue, ...options } = redisOptions(role);
  return new Cluster(target.cluster.nodes.map(node), {
    lazyConnect: true,
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy,
    redisOptions: { ...options, ...login },
  });
}

/** Resolves true when something answers PING at the URL within the timeout. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new RedisNode(url, {
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
