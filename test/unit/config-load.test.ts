import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration layering', () => {
  it('uses default.yaml when nothing else is given, with the demo sources of sandbox mode', () => {
    const { config, files } = loadConfig({ env: {} });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080, requestsPerMinute: 3000 });
    expect(files.map((f) => basename(f))).toEqual(['default.yaml', 'sandbox-sources.yaml']);
  });

  it('reads no demo sources outside sandbox mode: default.yaml is a model operator file without sources', () => {
    const { config, files } = loadConfig({ env: { LAPOR_BRIDGE__SANDBOX__ENABLED: 'false' } });
    expect(files.map((f) => basename(f))).toEqual(['default.yaml']);
    expect(config.sources).toEqual({});
    expect(config.push.forward).toEqual([]);
  });

  it('lets the operator file override defaults, and the environment override both', () => {
    const path = file('http:\n  port: 9000\nlogging:\n  level: debug\n');
    const fromFile = loadConfig({ env: { LAPOR_BRIDGE_CONFIG: path } });
    expect(fromFile.config.http.port).toBe(9000);
    expect(fromFile.config.logging.level).toBe('debug');
    expect(fromFile.config.http.host).toBe('127.0.0.1');

    const fromEnv = loadConfig({
      file: path,
      env: { LAPOR_BRIDGE__HTTP__PORT: '9100', LOG_LEVEL: 'warn', REDIS_URL: 'redis://10.0.0.5:6380' },
    });
    expect(fromEnv.config.http.port).toBe(9100);
    expect(fromEnv.config.logging.level).toBe('warn');
    expect(fromEnv.config.redis.url).toBe('redis://10.0.0.5:6380');
  });

  it("replaces the default (sandbox) sources with the operator file's own, which the environment can still adjust", () => {
    const path = file(
      'sandbox:\n  enabled: false\nsources:\n  arsip:\n    kind: file-import\n    path: rekap.csv\n    columns: { number: No, text: Isi, reportedAt: Tanggal }\n',
    );
    const { config } = loadConfig({ file: path, env: { LAPOR_BRIDGE__SOURCES__ARSIP__PATH: 'rekap-2023.csv' } });
    expect(Object.keys(config.sources)).toEqual(['arsip']);
    expect(config.sources.arsip).toMatchObject({ kind: 'file-import', path: 'rekap-2023.csv' });
    // A file without a sources key keeps the defaults' sources.
    expect(Object.keys(loadConfig({ file: file('http:\n  port: 9000\n'), env: {} }).config.sources)).toContain('lapor');
  });

  it('matches camelCase keys from upper-case variables', () => {
    const { config } = loadConfig({
      env: { LAPOR_BRIDGE__SHUTDOWN__TIMEOUTMS: '5000', LAPOR_BRIDGE__REDIS__KEYPREFIX: 'blora' },
    });
    expect(config.shutdown.timeoutMs).toBe(5000);
    expect(config.redis.keyPrefix).toBe('blora');
  });

  it('reads the dashboard password only from the environment', () => {
    const { secrets } = loadConfig({ env: { LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'a-long-enough-secret' } });
    expect(secrets.dashboardPassword).toBe('a-long-enough-secret');
  });
});

describe('bad configuration', () => {
  it('lists every problem at once, each with its key, origin and a fix', () => {
    const path = file('http:\n  prot: 80\n  port: "eighty"\nlogging:\n  level: loud\nredis:\n  url: localhost:6379\n');
    const problems = problemsOf(() => loadConfig({ file: path, env: { LAPOR_BRIDGE__SHUTDOWN__TIMEOUTMS: '5' } }));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual([
      'http.port',
      'http.prot',
      'logging.level',
      'redis.url',
      'shutdown.timeoutMs',
    ]);
    expect(byPath['http.prot']!.hint).toContain('maksudnya "port"');
    expect(byPath['http.port']!.origin).toBe(path);
    expect(byPath['shutdown.timeoutMs']!.origin).toBe('LAPOR_BRIDGE__SHUTDOWN__TIMEOUTMS');
    expect(byPath['logging.level']!.hint).toContain('info');
    for (const p of problems) expect(p.hint.length).toBeGreaterThan(5);
  });

  it.each([
    ['malformed YAML', 'http:\n  port: [1, 2\n', '(yaml)', /config\.yaml:\d+:\d+/],
    ['a list instead of a mapping', '- a\n- b\n', '(root)', /pemetaan kunci/],
    ['an unknown top-level key', 'sourcez: {}\n', 'sourcez', /kunci tidak dikenal/],
    [
      'a secret written into YAML',
      'dashboard:\n  password: hunter2hunter2\n',
      'dashboard.password',
      /kunci tidak dikenal/,
    ],
    ['a duplicate key', 'http:\n  port: 1\n  port: 2\n', '(yaml)', /unique|duplicate/i],
  ])('reports %s', (_label, text, path, message) => {
    const problems = problemsOf(() => loadConfig({ file: file(text), env: {} }));
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toMatch(message);
  });

  it('says how to write a cron schedule and an address, and that a required key is missing, not "as described"', () => {
    const path = file(
      'sources:\n  lapor:\n    kind: lapor\n    baseUrl: not-a-url\n    schedule: "*/5 * * *"\nrouting:\n  retrainSchedule: "nightly"\n',
    );
    const problems = problemsOf(() => loadConfig({ file: path, env: {} }));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    for (const key of ['sources.lapor.schedule', 'routing.retrainSchedule'])
      expect(byPath[key]!.hint, key).toMatch(
        /^tulis lima bagian dipisah spasi, menit jam tanggal bulan hari: "\*\/5 \* \* \* \*"/,
      );
    expect(byPath['sources.lapor.baseUrl']!.hint).toMatch(/^tulis alamat lengkap dengan skemanya, mis\. https:\/\//);
    expect(byPath['sources.lapor.instansiId']).toMatchObject({
      message: 'wajib diisi, belum ada',
      hint: 'tambahkan "sources.lapor.instansiId" (string)',
    });
    for (const p of problems) expect(p.hint, p.path).not.toMatch(/seperti yang dijelaskan/);
  });

  it('tells where secrets belong when one is written into YAML', () => {
    const problems = problemsOf(() => loadConfig({ file: file('dashboard:\n  password: hunter2hunter2\n'), env: {} }));
    expect(problems[0]!.hint).toMatch(/variabel lingkungan/);
  });

  it('reports a missing config file by its path', () => {
    const problems = problemsOf(() => loadConfig({ file: '/nonexistent/lapor.yaml', env: {} }));
    expect(problems[0]!.message).toContain('/nonexistent/lapor.yaml');
    expect(problems[0]!.message).toContain('ENOENT');
  });

  it('refuses a generated dashboard password on a non-loopback address', () => {
    const problems = problemsOf(() => loadConfig({ env: { LAPOR_BRIDGE_HTTP_HOST: '0.0.0.0' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.hint).toContain('LAPOR_BRIDGE_DASHBOARD_PASSWORD');
    expect(() =>
      loadConfig({
        env: { LAPOR_BRIDGE_HTTP_HOST: '0.0.0.0', LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'long-random-password' },
      }),
    ).not.toThrow();
  });

  it('rejects a short dashboard password', () => {
    const problems = problemsOf(() => loadConfig({ env: { LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'short' } }));
    expect(problems[0]!.path).toBe('LAPOR_BRIDGE_DASHBOARD_PASSWORD');
  });
});

describe('shipped configuration files', () => {
  it('production.example.yaml is valid once its secrets are set, and never starts its own Redis', () => {
    const { config } = loadConfig({
      file: 'config/production.example.yaml',
      env: { LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'a-long-dashboard-password', LAPOR_TOKEN: 'token' },
    });
    expect(config.redis.embedded.enabled).toBe(false);
    expect(config.http.host).toBe('0.0.0.0');
  });
});

describe('embedded sandbox mode', () => {
  it('points sandbox: sources at the in-process simulator and gives them the sandbox credential', () => {
    const loaded = loadConfig({ env: {} });
    expect(loaded.config.sandbox.enabled).toBe(true);
    expect((loaded.config.sources.lapor as unknown as { baseUrl: string }).baseUrl).toBe('http://127.0.0.1:18091');
    // A path after the sandbox's name reaches one of the systems a sandbox server imitates.
    expect((loaded.config.sources.wadesk as unknown as { baseUrl: string }).baseUrl).toBe('http://127.0.0.1:18092/wa');
    expect(loaded.secret('LAPOR_TOKEN')).toBe('sandbox-only-credential');
  });

  it('cannot be kept by accident: a sandbox: URL with the sandbox off is an error naming the key', () => {
    const problems = problemsOf(() =>
      loadConfig({
        file: file(
          'sandbox:\n  enabled: false\nsources:\n  lapor:\n    kind: lapor\n    baseUrl: sandbox:lapor\n    instansiId: "3316"\n',
        ),
        env: {},
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['sources.lapor.baseUrl']);
    expect(problems[0]!.hint).toContain('URL sistem yang sebenarnya');
  });

  it('is off in the production example, whose sources need real secrets', () => {
    const problems = problemsOf(() =>
      loadConfig({
        file: 'config/production.example.yaml',
        env: { LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'a-long-dashboard-password' },
      }),
    );
    expect(problems.map((p) => p.message)).toEqual(['butuh rahasia LAPOR_TOKEN, yang belum diisi']);
  });
});

describe('push forward rules', () => {
  it('must name configured sources', () => {
    const problems = problemsOf(() =>
      loadConfig({
        file: file(
          'sources:\n  lapor:\n    kind: lapor\n    baseUrl: https://lapor.example.go.id\n    instansiId: "3316"\npush:\n  forward:\n    - { from: wadesk, to: lapr }\n',
        ),
        env: { LAPOR_TOKEN: 't' },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['push.forward.0.from', 'push.forward.0.to']);
    expect(problems[0]!.hint).toBe('pakai salah satu: lapor');
  });

  it('are dropped with the demo sources when an operator file lists its own', () => {
    const { config } = loadConfig({
      file: file(
        'sources:\n  lapor:\n    kind: lapor\n    baseUrl: https://lapor.example.go.id\n    instansiId: "3316"\n',
      ),
      env: { LAPOR_TOKEN: 't' },
    });
    expect(config.push.forward).toEqual([]);
    expect(loadConfig({ env: {} }).config.push.forward.map((r) => `${r.from}→${r.to}`)).toEqual([
      'wadesk→lapor',
      'superapp→lapor',
    ]);
  });
});
