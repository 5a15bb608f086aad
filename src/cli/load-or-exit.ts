import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.js';
import { complain, EXIT } from './output.js';

/** Loads configuration or prints every problem and exits 2. */
export function loadOrExit(file: string | undefined): LoadedConfig {
  try {
    return loadConfig({ file });
  } catch (err) {
    if (err instanceof ConfigError) {
      complain(`lapor-bridge: ${err.message}`);
      process.exit(EXIT.config);
    }
    throw err;
  }
}
