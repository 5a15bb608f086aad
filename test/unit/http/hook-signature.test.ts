import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookConfigSchema } from '../../../src/connectors/webhook-config.js';
import { verifySignature } from '../../../src/http/hook-signature.js';

const SECRET = 'a-shared-webhook-secret';
const NOW = new Date('2026-03-02T03:00:00Z');
const TS = String(NOW.getTime() / 1000);
const BODY = Buffer.from('{"_id":"r1","message":"Jalan rusak"}');
const windowed = webhookConfigSchema.parse({ secretEnv: 'HOOK_SECRET' });
const bodyOnly = webhookConfigSchema.parse({
  secretEnv: 'HOOK_SECRET',
  toleranceSeconds: 0,
  signatureHeader: 'X-Hub-Signature-256',
});

// Written from the documented scheme, not from the module under test.
const hmac = (text: string, secret = SECRET) => createHmac('sha256', secret).update(text).digest('hex');
const headers = (h: Record<string, string>) => (name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe('webhook signature', () => {
  it.each<[string, typeof windowed, Record<string, string>, Buffer, string]>([
    [
      'a signed time and body',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${TS}.${BODY}`)}`, 'x-timestamp': TS },
      BODY,
      'ok',
    ],
    [
      'a bare hex digest, upper case',
      windowed,
      { 'x-signature-256': hmac(`${TS}.${BODY}`).toUpperCase(), 'x-timestamp': TS },
      BODY,
      'ok',
    ],
    [
      'a time four minutes off',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${Number(TS) - 240}.${BODY}`)}`, 'x-timestamp': String(Number(TS) - 240) },
      BODY,
      'ok',
    ],
    [
      'the body alone when the window is off',
      bodyOnly,
      { 'X-Hub-Signature-256': `sha256=${hmac(BODY.toString())}` },
      BODY,
      'ok',
    ],
    [
      'another secret',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${TS}.${BODY}`, 'guessed')}`, 'x-timestamp': TS },
      BODY,
      'bad signature',
    ],
    [
      'a changed body',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${TS}.${BODY}`)}`, 'x-timestamp': TS },
      Buffer.from(`${BODY} `),
      'bad signature',
    ],
    [
      'a changed time',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${TS}.${BODY}`)}`, 'x-timestamp': String(Number(TS) + 1) },
      BODY,
      'bad signature',
    ],
    [
      'a signature over the body alone when a time is expected',
      windowed,
      { 'x-signature-256': `sha256=${hmac(BODY.toString())}`, 'x-timestamp': TS },
      BODY,
      'bad signature',
    ],
    [
      'a truncated digest',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${TS}.${BODY}`).slice(0, 63)}`, 'x-timestamp': TS },
      BODY,
      'no signature',
    ],
    ['no signature', windowed, { 'x-timestamp': TS }, BODY, 'no signature'],
    ['no time', windowed, { 'x-signature-256': `sha256=${hmac(`.${BODY}`)}` }, BODY, 'no timestamp'],
    [
      'a time an hour old (replay)',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${Number(TS) - 3600}.${BODY}`)}`, 'x-timestamp': String(Number(TS) - 3600) },
      BODY,
      'timestamp outside the window',
    ],
    [
      'a time from the future',
      windowed,
      { 'x-signature-256': `sha256=${hmac(`${Number(TS) + 900}.${BODY}`)}`, 'x-timestamp': String(Number(TS) + 900) },
      BODY,
      'timestamp outside the window',
    ],
  ])('%s', (_label, config, h, body, expected) => {
    const verdict = verifySignature(config, SECRET, body, headers(h), NOW);
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });
});
