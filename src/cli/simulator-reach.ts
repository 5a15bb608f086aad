import { connect } from 'node:net';
import type { LoadedConfig } from '../config/load.js';
import { messages } from '../i18n/messages.js';

const PROBE_MS = 1500;

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * In sandbox mode a source's simulator lives inside the daemon. A command run without it
 * gets a sentence saying so (in the operator's language), instead of an ECONNREFUSED that
 * would also be recorded as the source's last error. Undefined: not simulated, or it answers.
 */
export async function simulatorMissing(loaded: LoadedConfig, source: string): Promise<string | undefined> {
  if (!loaded.sandboxSources.includes(source)) return undefined;
  const config = loaded.config.sources[source];
  const baseUrl = config && 'baseUrl' in config ? config.baseUrl : undefined;
  if (typeof baseUrl !== 'string') return undefined;
  const url = new URL(baseUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (await answers(url.hostname, port)) return undefined;
  return messages(loaded.language).cli.simulatorMissing(source, `${url.hostname}:${port}`);
}
