import { build } from 'esbuild';
import { CLI_BUNDLE, CLI_ENTRY, ROOT } from './support/cli-bundle.js';

/**
 * Bundles the CLI once per test run, so every child process the tests start (daemons, CLI
 * commands) loads one file instead of compiling hundreds of modules through tsx: on a busy
 * two-core machine that start-up alone took longer than the tests' timeouts. The bundle
 * lies two folders below the root, like dist/cli/main.js, so paths the code resolves from
 * its own location (config/, the OPD directory) are the same.
 */
export default async function setup(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [CLI_ENTRY],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
