import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pingRedis } from '../../src/redis/connection.js';
import { freePort, runCli, spawnCli, waitFor } from '../support/cli.js';
import { sandboxPortsEnv } from '../support/daemon.js';
import { TEST_REDIS_URL, testRedis } from '../support/redis.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lb-cli-'));
}

describe('lapor-bridge validate-config', () => {
  it('lists every problem of a broken file and exits 2 without connecting anywhere', async () => {
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, 'http:\n  port: high\n  hots: 0.0.0.0\nlogging:\n  level: chatty\nredis:\n  url: nowhere\n');
    const run = await runCli(['validate-config', '--config', file], { LANG: 'C.UTF-8' });
    expect(run.code).toBe(2);
    for (const key of ['http.port', 'http.hots', 'logging.level', 'redis.url']) expect(run.stderr).toContain(key);
    expect(run.stderr).toContain('konfigurasi punya 4 masalah');
    expect(run.stderr).toContain('http.hots: kunci tidak dikenal');
    expect(run.stderr).toContain('perbaiki: maksudnya "host"');
    expect(run.stderr).toContain('redis.url: harus diawali redis:// atau rediss://');
    expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('accepts the shipped defaults', async () => {
    const run = await runCli(['validate-config'], { LANG: 'C.UTF-8' });
    expect(run.stdout).toContain('konfigurasi valid');
    expect(run.code).toBe(0);
  });

  it('names a misspelt time zone with its key and the zone it meant, in Indonesian or in English', async () => {
    const file = join(tempDir(), 'zone.yaml');
    writeFileSync(file, 'instance:\n  timezone: Asia/Jakrta\n');
    const id = await runCli(['validate-config', '--config', file], { LANG: 'C.UTF-8' });
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('konfigurasi punya 1 masalah');
    expect(id.stderr).toContain('instance.timezone: zona waktu "Asia/Jakrta" tidak dikenal');
    expect(id.stderr).toContain('perbaiki: maksudnya "Asia/Jakarta"?');
    const en = await runCli(['validate-config', '--config', file], { LANG: 'en_US.UTF-8' });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('instance.timezone: unknown time zone "Asia/Jakrta"');
    expect(en.stderr).toContain('fix: did you mean "Asia/Jakarta"?');
  });
});

describe('lapor-bridge start', () => {
  it('serves health, then exits 0 on SIGTERM within the bound', async () => {
    const t = await testRedis('start');
    const port = await freePort();
    const daemon = spawnCli(['start'], {
      ...(await sandboxPortsEnv()),
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: t.prefix,
      LAPOR_BRIDGE_HTTP_PORT: String(port),
      LAPOR_BRIDGE__SHUTDOWN__TIMEOUTMS: '5000',
    });
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200,
        30_000,
        '/healthz',
      );
      // The first admin is created once Redis is open, which may be after /healthz first answers.
      await waitFor(
        () => /one-time password: \S+/.test(daemon.output().stdout),
        30_000,
        "the first admin's one-time password",
      );
      // HTTP answers before the sources are scheduled; the signal handlers follow the start line.
      await waitFor(() => daemon.output().stdout.includes('"msg":"lapor-bridge started"'), 30_000, 'the start line');
      const started = Date.now();
      daemon.child.kill('SIGTERM');
      const run = await daemon.exited;
      expect(run.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(run.stdout).toContain('"msg":"stopped"');
    } finally {
      daemon.child.kill('SIGKILL');
      await t.cleanup();
    }
  });

  it('explains an unreachable Redis and exits non-zero', async () => {
    const port = await freePort();
    const run = await runCli(['start'], {
      ...(await sandboxPortsEnv()),
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LAPOR_BRIDGE__REDIS__EMBEDDED__ENABLED: 'false',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Redis tidak terjangkau di redis://127.0.0.1:${port} (koneksi ditolak atau habis waktu)`,
    );
    expect(run.stderr).toContain('apt-get install redis-server');
    expect(run.stderr).toContain('REDIS_URL=');
  });

  it('explains an unreachable Redis in English when the operator chose it', async () => {
    const port = await freePort();
    const run = await runCli(['start'], {
      ...(await sandboxPortsEnv()),
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LAPOR_BRIDGE__REDIS__EMBEDDED__ENABLED: 'false',
      LAPOR_BRIDGE_LANG: 'en',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Redis is not reachable at redis://127.0.0.1:${port} (connection refused or timed out)`,
    );
    expect(run.stderr).toContain('Fix it one of these ways');
  });

  it('explains a missing redis-server binary', async () => {
    const port = await freePort();
    const run = await runCli(['start'], {
      ...(await sandboxPortsEnv()),
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LAPOR_BRIDGE__REDIS__EMBEDDED__BINARY: '/nonexistent/redis-server',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tidak ada "/nonexistent/redis-server" di PATH');
    expect(run.stderr).toContain('docker compose up');
  });

  it('explains an HTTP port in use', async () => {
    const t = await testRedis('port');
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCli(['start'], {
        ...(await sandboxPortsEnv()),
        REDIS_URL: TEST_REDIS_URL,
        LAPOR_BRIDGE__REDIS__KEYPREFIX: t.prefix,
        LAPOR_BRIDGE_HTTP_PORT: String(port),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port HTTP 127.0.0.1:${port} sudah dipakai`);
      expect(run.stderr).toContain('LAPOR_BRIDGE_HTTP_PORT=');
    } finally {
      blocker.close();
      await t.cleanup();
    }
  });

  it('starts an embedded redis-server with append-only persistence when nothing answers locally, and stops it', async () => {
    const redisPort = await freePort();
    const httpPort = await freePort();
    const dataDir = tempDir();
    const url = `redis://127.0.0.1:${redisPort}`;
    const daemon = spawnCli(['start'], {
      ...(await sandboxPortsEnv()),
      REDIS_URL: url,
      LAPOR_BRIDGE__REDIS__EMBEDDED__DATADIR: dataDir,
      LAPOR_BRIDGE_HTTP_PORT: String(httpPort),
    });
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`).catch(() => null))?.status === 200,
        30_000,
        'daemon ready on embedded redis',
      );
      expect(await pingRedis(url)).toBe(true);
      expect(existsSync(join(dataDir, 'appendonlydir'))).toBe(true);
      daemon.child.kill('SIGTERM');
      expect((await daemon.exited).code).toBe(0);
      expect(await pingRedis(url)).toBe(false);
    } finally {
      daemon.child.kill('SIGKILL');
    }
  });

  it('never starts a Redis of its own for a real source: it says why and how to fix it, and starts nothing', async () => {
    const redisPort = await freePort();
    const dataDir = tempDir();
    const file = join(tempDir(), 'real.yaml');
    writeFileSync(
      file,
      [
        'sandbox: { enabled: false }',
        'sources:',
        '  lapor: { kind: lapor, baseUrl: "https://lapor.example.go.id", tokenEnv: LAPOR_TOKEN, instansiId: "3316" }',
        '',
      ].join('\n'),
    );
    const url = `redis://127.0.0.1:${redisPort}`;
    const run = await runCli(['start', '--config', file], {
      REDIS_URL: url,
      LAPOR_TOKEN: 'token',
      LAPOR_BRIDGE__REDIS__EMBEDDED__DATADIR: dataDir,
      LAPOR_BRIDGE_HTTP_PORT: String(await freePort()),
      LANG: 'C.UTF-8',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`Redis tidak terjangkau di ${url}`);
    expect(run.stderr).toContain('daemon menjalankan Redis sendiri hanya bila semua sumber adalah simulator sandbox');
    expect(run.stderr).toContain('REDIS_URL=redis://host:6379');
    expect(await pingRedis(url)).toBe(false);
    expect(existsSync(join(dataDir, 'appendonlydir'))).toBe(false);
  });
});
