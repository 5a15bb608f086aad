import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import type { SkewWatch } from './clock-offset.js';
import { createHttpClient, DEFAULT_MAX_RESPONSE_BYTES, type HttpClient } from './client.js';

/** HTTP tuning shared by the configurable connectors; defaults suit a pemda server on a slow link. */
export const httpSettingsSchema = z
  .strictObject({
    timeoutMs: z.number().int().min(1000).max(300_000).default(20_000),
    /** How many times a 429/503 with a short Retry-After is waited out inside one request. */
    retryAfterAttempts: z.number().int().min(0).max(5).default(2),
    /** Longer Retry-After waits are left to the queue's backoff. */
    maxRetryAfterMs: z.number().int().min(0).max(300_000).default(30_000),
    /** Parallel per-record requests (details, timelines) within one page. */
    concurrency: z.number().int().min(1).max(16).default(4),
    /** An answer larger than this is refused (INVALID_PAYLOAD, not retried): a runaway export, a wrong URL. */
    maxResponseBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(512 * 1024 * 1024)
      .default(DEFAULT_MAX_RESPONSE_BYTES),
  })
  .prefault({});
export type HttpSettings = z.infer<typeof httpSettingsSchema>;

export const baseUrlSchema = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

/** The one HTTP client, tuned by a connector's `http` settings. */
export function clientFromSettings(
  system: string,
  baseURL: string,
  settings: HttpSettings,
  clock: Clock,
  headers?: Record<string, string>,
  skew?: SkewWatch,
): HttpClient {
  return createHttpClient({
    system,
    baseURL,
    timeoutMs: settings.timeoutMs,
    retryAfterAttempts: settings.retryAfterAttempts,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    maxResponseBytes: settings.maxResponseBytes,
    clock,
    ...(headers ? { headers } : {}),
    ...(skew ? { skew } : {}),
  });
}
