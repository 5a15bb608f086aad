import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { startDaemon, type Daemon } from '../../src/main.js';
import { captureLogger } from './logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from './redis.js';

export const HOOK_SECRET = 'wa-gateway-secret-for-tests';
export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const ADMIN = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };

/** Headers of a delivery signed as the WhatsApp desk's gateway signs it: HMAC-SHA256 over `<time>.<body>`. */
export function signedHeaders(body: Buffer | string, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const digest = createHmac('sha256', HOOK_SECRET)
    .update(Buffer.concat([Buffer.from(`${at}.`), bytes]))
    .digest('hex');
  return { 'Content-Type': 'application/json', 'X-Timestamp': String(at), 'X-Signature-256': `sha256=${digest}` };
}

export interface HookDaemon {
  daemon: Daemon;
  redis: TestRedis;
  url: string;
  logs: ReturnType<typeof captureLogger>;
  stop(): Promise<void>;
}

/**
 * The daemon with the WhatsApp desk preset as a push-only channel (POST /hooks/wadesk), the
 * first admin's password known, on its own Redis prefix; `settings` are merged over it.
 */
export async function startHookDaemon(label: string, settings: Record<string, unknown> = {}): Promise<HookDaemon> {
  const preset = parse(readFileSync('config/presets/wa-desk.yaml', 'utf8')) as {
    sources: { wadesk: Record<string, unknown> };
  };
  const wadesk = {
    ...preset.sources.wadesk,
    baseUrl: 'http://127.0.0.1:9/wa',
    poll: false,
    webhook: { secretEnv: 'WA_DESK_WEBHOOK_SECRET' },
  };
  const file = join(mkdtempSync(join(tmpdir(), `lb-${label}-`)), 'config.yaml');
  writeFileSync(file, stringify({ sandbox: { enabled: false }, sources: { wadesk }, ...settings }));
  const redis = await testRedis(label);
  const logs = captureLogger('warn');
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
    LAPOR_BRIDGE_HTTP_PORT: '0',
    LAPOR_BRIDGE_DASHBOARD_PASSWORD: ADMIN_PASSWORD,
    WA_DESK_TOKEN: 'unused',
    WA_DESK_WEBHOOK_SECRET: HOOK_SECRET,
  };
  const daemon = await startDaemon(loadConfig({ file, env }), logs.logger);
  return {
    daemon,
    redis,
    url: `http://127.0.0.1:${daemon.port}`,
    logs,
    async stop() {
      await daemon.stop();
      await redis.cleanup();
    },
  };
}
