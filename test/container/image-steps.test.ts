import { exec, execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, waitFor } from '../support/cli.js';
import { sandboxPortsEnv } from '../support/daemon.js';
import { TEST_REDIS_URL, testRedis } from '../support/redis.js';
import { execForm, imageEnv, imageNodeFlags, parseCopy, parseDockerfile, parseEnv } from './dockerfile.js';

/**
 * No container engine runs on development machines, so this replays the Dockerfile's own
 * steps (COPY, RUN npm …, ENV, CMD, HEALTHCHECK) in clean folders: the same install,
 * build and start commands the image runs. OS-level steps (apt-get tini, USER) are not
 * replayable here and are left to the image build.
 */
describe('Dockerfile steps, replayed in a clean copy', () => {
  const work = mkdtempSync(join(tmpdir(), 'lb-image-'));
  const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const dirs = new Map(stages.map((s) => [s.name, join(work, s.name)]));
  afterAll(() => rm(work, { recursive: true, force: true }), 120_000);

  it('has a build stage and a slim runtime stage with a non-root user, healthcheck and tini', () => {
    expect(stages).toHaveLength(2);
    const runtime = stages[1]!.steps.map((s) => s.instruction);
    expect(runtime).toEqual(expect.arrayContaining(['USER', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'STOPSIGNAL']));
    expect(stages[1]!.steps.find((s) => s.instruction === 'USER')!.args).not.toBe('root');
    expect(stages[1]!.steps.find((s) => s.instruction === 'ENTRYPOINT')!.args).toContain('tini');
    // The daemon's memory is sized by what it needs, not by the host (the start below runs with it);
    // commands run beside it (import) keep V8's own sizing.
    const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(imageNodeFlags(text)).toEqual([
      expect.stringMatching(/^--max-old-space-size=\d+$/),
      expect.stringMatching(/^--max-semi-space-size=\d+$/),
    ]);
    expect(imageEnv(text).NODE_OPTIONS).toBeUndefined();
    expect(imageEnv(text).MALLOC_ARENA_MAX).toMatch(/^\d+$/);
  });

  it('builds, starts, passes its HEALTHCHECK and stops on SIGTERM', async () => {
    let env: Record<string, string> = {};
    for (const stage of stages) {
      const dir = dirs.get(stage.name)!;
      mkdirSync(dir, { recursive: true });
      for (const step of stage.steps) {
        if (step.instruction === 'COPY') {
          const copy = parseCopy(step.args);
          const fromDir = copy.from ? dirs.get(copy.from)! : ROOT;
          for (const src of copy.sources) {
            const source = copy.from ? join(fromDir, relative('/app', src)) : join(fromDir, src);
            const target = copy.dest.endsWith('/')
              ? join(dir, copy.dest, src.split('/').at(-1)!)
              : join(dir, copy.dest);
            cpSync(source, target, { recursive: true });
          }
        } else if (step.instruction === 'RUN' && step.args.startsWith('npm ')) {
          // Not execSync: a minute-long npm ci would block this worker, and vitest gives up on a worker that stops answering.
          // prefer-offline: the checkout's own `npm ci` filled the cache, so the replay needs no network.
          await promisify(exec)(step.args, {
            cwd: dir,
            env: {
              ...process.env,
              npm_config_loglevel: 'error',
              npm_config_prefer_offline: 'true',
              npm_config_audit: 'false',
              npm_config_fund: 'false',
            },
            maxBuffer: 64 * 1024 * 1024,
          });
        } else if (step.instruction === 'ENV') {
          env = { ...env, ...parseEnv(step.args) };
        }
      }
    }
    const runtimeDir = dirs.get(stages[1]!.name)!;
    expect(existsSync(join(runtimeDir, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(join(runtimeDir, 'src'))).toBe(false);

    const t = await testRedis('image');
    const port = await freePort();
    const runEnv = {
      PATH: process.env.PATH!,
      HOME: tmpdir(),
      ...env,
      ...(await sandboxPortsEnv()),
      LAPOR_BRIDGE_HTTP_PORT: String(port),
      LAPOR_BRIDGE_HTTP_HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: t.prefix,
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'image-test-password',
    };
    const [cmd, ...cmdArgs] = execForm(stages[1]!.steps.find((s) => s.instruction === 'CMD')!.args);
    const child = spawn(cmd!, cmdArgs, { cwd: runtimeDir, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      const [hcCmd, ...hcArgs] = execForm(stages[1]!.steps.find((s) => s.instruction === 'HEALTHCHECK')!.args);
      const healthcheck = () => {
        try {
          execSync([hcCmd, ...hcArgs.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)].join(' '), {
            env: runEnv,
            stdio: 'pipe',
          });
          return true;
        } catch {
          return false;
        }
      };
      await waitFor(healthcheck, 30_000, () => `HEALTHCHECK to pass; output:\n${output}`);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await t.cleanup();
    }
    // npm ci, a build and a start: about a minute at load 8, over four at load 9 with other
    // installs beside it. The limit only ends a hung run.
  }, 600_000);
});
