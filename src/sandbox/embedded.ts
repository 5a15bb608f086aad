import type { Logger } from 'pino';
import { SANDBOX_CREDENTIAL } from '../config/sandbox.js';
import type { Config } from '../config/schema.js';
import { startLaporSandbox } from './lapor/index.js';
import { REGIONAL_SYSTEMS, startRegionalSandbox, type CredentialOverrides } from './regional/index.js';

/**
 * Every regional system takes the one sandbox credential, whatever its scheme: the config
 * loader hands SANDBOX_CREDENTIAL to each secret of a `sandbox:` source, user names and
 * client ids included.
 */
const REGIONAL_CREDENTIALS: CredentialOverrides = {
  wa: { token: SANDBOX_CREDENTIAL },
  superapp: {
    clientId: SANDBOX_CREDENTIAL,
    clientSecret: SANDBOX_CREDENTIAL,
    apiKey: SANDBOX_CREDENTIAL,
    partnerId: SANDBOX_CREDENTIAL,
  },
  bupati: { username: SANDBOX_CREDENTIAL, password: SANDBOX_CREDENTIAL },
  open311: { apiKey: SANDBOX_CREDENTIAL },
};

/**
 * The demo shows cases across channels: a tenth of the super-app's complaints are WhatsApp
 * complaints their citizen sent again, a tenth of the Bupati app's are other citizens'
 * reports of a super-app problem (GET /_sandbox/cross-channel on the regional sandbox).
 */
const DEMO_CROSS_CHANNEL = 0.1;

/**
 * Starts the simulators that `sandbox:<name>` sources point at. Only the composition root
 * calls this: production code never imports a sandbox otherwise.
 */
export async function startEmbeddedSandboxes(
  config: Config['sandbox'],
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const lapor = await startLaporSandbox({
    port: config.lapor.port,
    seed: config.seed,
    reports: config.lapor.reports,
    token: SANDBOX_CREDENTIAL,
    logger: logger.child({ sandbox: 'lapor' }),
  });
  const regional = await startRegionalSandbox({
    port: config.regional.port,
    seed: config.seed,
    counts: Object.fromEntries(REGIONAL_SYSTEMS.map((s) => [s, config.regional.reports])),
    credentials: REGIONAL_CREDENTIALS,
    crossChannel: DEMO_CROSS_CHANNEL,
  }).catch(async (err: unknown) => {
    await lapor.close();
    throw err;
  });
  logger.warn(
    { lapor: lapor.url, regional: regional.url },
    'SANDBOX MODE: sources marked "sandbox:" talk to in-process simulators with generated complaints, not to real systems',
  );
  return {
    async close() {
      await Promise.allSettled([regional.close(), lapor.close()]);
    },
  };
}
