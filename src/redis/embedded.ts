import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { RedisDownReason } from '../i18n/cli-messages.js';
import { messages, type Catalog } from '../i18n/messages.js';
import { pingRedis } from './connection.js';
import { redisTopology, type RedisSettings } from './topology.js';

/** Redis out of reach at start; `explain` words it, with the fixes, in the reader's language. */
export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: RedisDownReason,
  ) {
    super(explainRedisDown(messages('en'), url, reason));
    this.name = 'RedisUnavailableError';
  }

  explain(text: Catalog): string {
    return explainRedisDown(text, this.url, this.reason);
  }
}

function explainRedisDown(text: Catalog, url: string, reason: RedisDownReason): string {
  return text.cli.start.redisUnreachable(url, text.cli.start.redisDown(reason));
}

export interface EmbeddedRedis {
  readonly started: boolean;
  stop(): Promise<void>;
}

/** Loopback host and port of a plain redis:// URL, or undefined when it is not one we may start. */
export function localEndpoint(url: string): { host: string; port: number } | undefined {
  const u = new URL(url);
  const host = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname;
  if (u.protocol !== 'redis:' || u.password || (host !== '127.0.0.1' && host !== '[::1]')) return undefined;
  return { host: host === '[::1]' ? '::1' : host, port: Number(u.port || 6379) };
}

const NOTHING: EmbeddedRedis = { started: false, stop: async () => undefined };

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Makes sure Redis answers at `url`. When it does not, and the URL points at this machine
 * (loopback, no password), embedding is enabled and every source is a sandbox simulator,
 * starts `redis-server` on that port with append-only persistence in `dataDir`.
 * Otherwise throws RedisUnavailableError with the ways to fix it.
 * Sentinel and Cluster deployments are run by their operators: nothing is started for them.
 */
export async function ensureRedis(
  opts: RedisSettings & {
    enabled: boolean;
    /**
     * Every source is a sandbox simulator (the demo). Only then is a Redis started here: with a
     * real source the ledger lives in a Redis its operators run, and one started in the second
     * that Redis restarts would hold an old or empty ledger under the same port.
     */
    onlySimulated: boolean;
    dataDir: string;
    binary: string;
    logger: Logger;
  },
): Promise<EmbeddedRedis> {
  if (redisTopology(opts) !== 'single' || (await pingRedis(opts.url))) return NOTHING;
  const local = localEndpoint(opts.url);
  if (!opts.enabled || !local) throw new RedisUnavailableError(opts.url, { kind: 'unreachable' });
  if (!opts.onlySimulated) throw new RedisUnavailableError(opts.url, { kind: 'real-sources' });
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    opts.binary,
    ['--port', String(local.port), '--bind', local.host, '--appendonly', 'yes', '--dir', dir, '--save', ''],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const spawned = await new Promise<Error | null>((done) => {
    child.once('spawn', () => done(null));
    child.once('error', (err) => done(err));
  });
  if (spawned) {
    const reason: RedisDownReason =
      (spawned as NodeJS.ErrnoException).code === 'ENOENT'
        ? { kind: 'no-binary', binary: opts.binary }
        : { kind: 'spawn-failed', message: spawned.message };
    throw new RedisUnavailableError(opts.url, reason);
  }
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(opts.url, 500)) {
      opts.logger.warn(
        {
          dataDir: dir,
          pid: child.pid,
          meaning:
            'the ledger lives in this local Redis, fine for a demo or a single machine; a production deployment points redis.url at a managed Redis with backups',
        },
        'started embedded redis-server (append-only persistence); use a managed Redis in production',
      );
      return {
        started: true,
        stop: async () => {
          child.kill('SIGTERM');
          await waitForExit(child, 5000);
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(opts.url, { kind: 'no-start', binary: opts.binary });
}
