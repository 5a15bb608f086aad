import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(
  url: string,
  deadline: number,
  child: ChildProcess,
  failed: () => Error | undefined,
): Promise<void> {
  while (Date.now() < deadline) {
    const err = failed();
    if (err) throw new Error(`could not start redis-server: ${err.message} (set BENCH_REDIS_SERVER to its path)`);
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused while the server starts: the connect() below says so; no unhandled error event.
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
  throw new Error('redis-server did not answer PING in time');
}

/**
 * A redis-server of the benchmark's own on a free loopback port, without persistence: its
 * INFO commandstats and INFO memory count this run and nothing else, which a Redis shared
 * with other users cannot give. Stopped (and its directory removed) by `stop()`.
 */
export async function startPrivateRedis(
  binary = process.env.BENCH_REDIS_SERVER ?? 'redis-server',
): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-redis-'));
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--protected-mode',
      'yes',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const url = `redis://127.0.0.1:${port}`;
  // A run that ends otherwise (Ctrl-C, a crash) takes its server with it.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answersPing(url, Date.now() + 10_000, child, () => spawnError);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, stop };
}
