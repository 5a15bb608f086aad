import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from '../support/cli.js';

/**
 * A redis-server of the test's own (own port, own directory, append-only file on), so the
 * test may kill, pause and restart it without touching the shared Redis. `appendfsync
 * everysec` is Redis's default with AOF: a SIGKILL may lose the last second of writes, and
 * what remains is a prefix of them, as on a production host.
 */
export interface OwnRedis {
  url: string;
  /** SIGKILL, as a crashed host would. */
  kill(): Promise<void>;
  /** A new server on the same port and directory: it replays the append-only file. */
  start(): Promise<void>;
  /** SIGSTOP for `ms`, then SIGCONT: connections stay open, nothing answers (a hung host, a partition). */
  freeze(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lb-faults-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--protected-mode',
        'no',
      ],
      { stdio: 'ignore' },
    );
    server = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await waitFor(
        async () => {
          // Another redis-server on the port would answer the probe: this one must be the one running.
          if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited (port taken?)`);
          try {
            if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
            // Ready only once the append-only file is loaded.
            return (await probe.ping()) === 'PONG';
          } catch {
            return false;
          }
        },
        30_000,
        `redis-server on port ${port}`,
      );
    } finally {
      probe.disconnect();
    }
  };

  await start();
  return {
    url,
    async kill() {
      server?.kill('SIGKILL');
      await exited;
    },
    start,
    async freeze(ms) {
      server?.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, ms));
      server?.kill('SIGCONT');
    },
    async close() {
      server?.kill('SIGCONT');
      server?.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
