import { z } from 'zod';
import { envNameSchema } from './http/auth.js';
import { said } from '../i18n/schema-text.js';

const headerName = z.string().regex(
  /^[A-Za-z0-9-]+$/,
  said((t) => t.headerName),
);

/**
 * A channel that pushes its records: `POST /hooks/<source>` on the daemon's HTTP port,
 * signed with HMAC-SHA256 under a secret shared with the sender. Config names the
 * environment variable that holds the secret, never the secret itself.
 */
export const webhookConfigSchema = z.strictObject({
  secretEnv: envNameSchema,
  /** Bodies above this are refused with 413 before they are read to the end. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  /**
   * The sender signs `<unix seconds>.<body>` and sends the time in `timestampHeader`; a time
   * further than this from ours is refused, so a captured request cannot be replayed later.
   * 0: the sender signs the body alone and sends no time (senders that cannot do better).
   */
  toleranceSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Carries `sha256=<hex digest>` (or the bare hex digest). */
  signatureHeader: headerName.default('X-Signature-256'),
  timestampHeader: headerName.default('X-Timestamp'),
});

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** The secrets a source's webhook needs, for validate-config and the sandbox credential. */
export function webhookSecrets(source: { webhook?: WebhookConfig }): string[] {
  return source.webhook ? [source.webhook.secretEnv] : [];
}
