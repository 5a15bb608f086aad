import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.js';
import { chooseLanguage, type Language } from '../i18n/messages.js';
import { complain, EXIT } from './output.js';

// One reading per file and process: the language of --help and the command itself read the same.
const readings = new Map<string | undefined, LoadedConfig | ConfigError>();

function read(file: string | undefined): LoadedConfig | ConfigError {
  let reading = readings.get(file);
  if (!reading) {
    try {
      reading = loadConfig({ file });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      reading = err;
    }
    readings.set(file, reading);
  }
  return reading;
}

/** Loads configuration or prints every problem and exits 2. */
export function loadOrExit(file: string | undefined): LoadedConfig {
  const reading = read(file);
  if (reading instanceof ConfigError) {
    complain(`lapor-bridge: ${reading.message}`);
    process.exit(EXIT.config);
  }
  return reading;
}

/**
 * The language the operator reads, before a command runs (its --help, commander's errors):
 * `instance.language` of the configuration, also when the configuration has problems (they
 * are then told in it), else LAPOR_BRIDGE_LANG / LANG.
 */
export function operatorLanguage(file: string | undefined): Language {
  try {
    return read(file).language;
  } catch {
    return chooseLanguage(undefined, process.env);
  }
}

/** `-c FILE`, `--config FILE`, `--config=FILE` or `-cFILE` among the arguments, before commander reads them. */
export function configArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '-c' || arg === '--config') return args[i + 1];
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
    if (/^-c[^-]/.test(arg)) return arg.slice(2);
  }
  return undefined;
}
