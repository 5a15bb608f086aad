import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CLI_BUNDLE, ROOT } from './cli-bundle.js';

export { ROOT };

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child daemon: the parent's, minus anything that would leak test settings in. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('LAPOR_BRIDGE') && k !== 'REDIS_URL'),
  );
  return { ...base, LOG_PRETTY: 'never', ...env };
}

/** Starts the real CLI (the bundle test/global-setup.ts built from src/) as a child process. */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => CliRun; exited: Promise<CliRun> } {
  return started(spawn(process.execPath, ['--enable-source-maps', CLI_BUNDLE, ...args], childOptions(env)));
}

function childOptions(env: Record<string, string>) {
  return { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
}

function started(child: ChildProcess): { child: ChildProcess; output: () => CliRun; exited: Promise<CliRun> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const output = (): CliRun => ({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
  const exited = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, output, exited };
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli(args, env).exited;
}

/**
 * The CLI with its stdout into a shell's pipe (`lapor-bridge … | cat`), as an operator's
 * script reads it: a pipe fills at 64 KiB, where the socket a Node parent hands a child does not.
 */
export function runCliPiped(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const quoted = [process.execPath, '--enable-source-maps', CLI_BUNDLE, ...args].map(
    (a) => `'${a.replaceAll("'", "'\\''")}'`,
  );
  // The exit code is cat's: a caller checks what arrived.
  return started(spawn('sh', ['-c', `${quoted.join(' ')} | cat`], childOptions(env))).exited;
}

/** Polls until `predicate` holds or the deadline passes. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
