export { startRegionalSandbox, type RegionalSandboxOptions, type RunningRegionalSandbox } from './start.js';
export {
  presetEnvironment,
  sandboxCredentials,
  type CredentialOverrides,
  type RegionalCredentials,
} from './credentials.js';
export { SYSTEMS as REGIONAL_SYSTEMS, type SystemName as RegionalSystemName } from './system.js';
