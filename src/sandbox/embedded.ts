import type { Logger } from 'pino';
import { SANDBOX_CREDENTIAL } from '../config/sandbox.js';
import type { Config } from '../config/schema.js';
import { startLaporSandbox } from './lapor/index.js';

/**
 * Starts the simulators that `sandbox:<name>` sources point at. Only the composition root
 * calls this: production code never imports a sandbox otherwise.
 */
export async function startEmbeddedSandboxes(config: Config['sandbox'], logger: Logger): Promise<{ close(): Promise<void> }> {
  const lapor = await startLaporSandbox({ port: config.lapor.port, seed: config.seed, reports: config.lapor.reports, token: SANDBOX_CREDENTIAL, logger: logger.child({ sandbox: 'lapor' }) });
  logger.warn({ lapor: lapor.url }, 'SANDBOX MODE: sources marked "sandbox:" talk to in-process simulators with generated complaints, not to real systems');
  return {
    async close() {
      await lapor.close();
    },
  };
}
