import { freePort, spawnCli, waitFor } from './cli.js';
import { TEST_REDIS_URL } from './redis.js';

/** A real `lapor-bridge start` child process on its own HTTP port. */
export async function startDaemonProcess(configFile: string, env: Record<string, string>) {
  const port = await freePort();
  const daemon = spawnCli(['start', '--config', configFile], {
    REDIS_URL: TEST_REDIS_URL,
    LAPOR_BRIDGE_HTTP_PORT: String(port),
    LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'daemon-test-password',
    ...env,
  });
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200,
    60_000,
    () => `daemon ready:\n${daemon.output().stdout}\n${daemon.output().stderr}`,
  );
  return { ...daemon, port };
}

/**
 * Free ports for the embedded sandboxes of sandbox mode, so a test daemon on the defaults
 * never collides with another one (or with `npm start`) on the fixed demo ports.
 */
export async function sandboxPortsEnv(): Promise<Record<string, string>> {
  return {
    LAPOR_BRIDGE__SANDBOX__LAPOR__PORT: String(await freePort()),
    LAPOR_BRIDGE__SANDBOX__REGIONAL__PORT: String(await freePort()),
  };
}
