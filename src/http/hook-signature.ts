import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookConfig } from '../connectors/webhook-config.js';

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'no signature' | 'bad signature' | 'no timestamp' | 'timestamp outside the window' };

const HEX_DIGEST = /^(?:sha256=)?([0-9a-f]{64})$/i;

/** What the sender signs: `<unix seconds>.<raw body>`, or the raw body alone when the window is off. */
export function signedPayload(
  config: Pick<WebhookConfig, 'toleranceSeconds'>,
  body: Buffer,
  timestamp: string | undefined,
): Buffer {
  return config.toleranceSeconds > 0 ? Buffer.concat([Buffer.from(`${timestamp ?? ''}.`), body]) : body;
}

export function sign(secret: string, payload: Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * Checks a delivery's HMAC-SHA256 over the raw bytes, comparing in constant time, and its
 * timestamp against the replay window. The reason is for the log, never for the sender.
 */
export function verifySignature(
  config: WebhookConfig,
  secret: string,
  body: Buffer,
  header: (name: string) => string | undefined,
  now: Date,
): SignatureVerdict {
  const given = HEX_DIGEST.exec(header(config.signatureHeader)?.trim() ?? '');
  if (!given) return { ok: false, reason: 'no signature' };
  let timestamp: string | undefined;
  if (config.toleranceSeconds > 0) {
    timestamp = header(config.timestampHeader)?.trim();
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'no timestamp' };
  }
  const expected = Buffer.from(sign(secret, signedPayload(config, body, timestamp)), 'hex');
  const provided = Buffer.from(given[1]!, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected))
    return { ok: false, reason: 'bad signature' };
  // Checked after the signature, so an unsigned request learns nothing about our clock.
  if (timestamp !== undefined && Math.abs(now.getTime() / 1000 - Number(timestamp)) > config.toleranceSeconds)
    return { ok: false, reason: 'timestamp outside the window' };
  return { ok: true };
}
