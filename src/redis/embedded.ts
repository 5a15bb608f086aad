import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { pingRedis } from './connection.js';

export class RedisUnavailableError extends Error {
  constructor(url: string, reason: string) {
    super(
      `Redis is not reachable at ${url} (${reason}).\n` +
        'Fix it one of these ways:\n' +
        '  - install Redis so the daemon can start it for you:  apt-get install redis-server\n' +
        '  - run the bundled stack:                              docker compose up\n' +
        '  - point at a running Redis:                           REDIS_URL=redis://host:6379 npm start',
    );
    this.name = 'RedisUnavailableError';
  }
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
 * (loopback, no password) and embedding is enabled, starts `redis-server` on that port with
 * append-only persistence in `dataDir`.
 * Otherwise throws RedisUnavailableError with the ways to fix it.
 */
export async function ensureRedis(opts: {
  url: string;
  enabled: boolean;
  dataDir: string;
  binary: string;
  logger: Logger;
}): Promise<EmbeddedRedis> {
  if (await pingRedis(opts.url)) return NOTHING;
  const local = localEndpoint(opts.url);
  if (!opts.enabled || !local) {
    throw new RedisUnavailableError(opts.url, 'connection refused or timed out');
  }
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
    const reason =
      (spawned as NodeJS.ErrnoException).code === 'ENOENT'
        ? `no "${opts.binary}" on PATH to start one`
        : spawned.message;
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
  throw new RedisUnavailableError(opts.url, `embedded ${opts.binary} did not come up`);
}
