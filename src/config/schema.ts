import { z } from 'zod';
import { sourceConfigSchema } from '../connectors/registry.js';

/**
 * The one schema of the daemon's configuration. Every object is strict: an unknown key
 * is an error, so a typo never silently falls back to a default.
 * Secrets are never part of this schema; they are read from the environment (see secrets.ts).
 */
const port = z.number().int().min(0).max(65535);

export const redisSchema = z.strictObject({
  url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  keyPrefix: z.string().regex(/^[a-z0-9][a-z0-9:_-]*$/i, 'letters, digits, ":", "_" or "-" only'),
  embedded: z.strictObject({
    enabled: z.boolean(),
    dataDir: z.string().min(1),
    binary: z.string().min(1),
  }),
});

export const httpSchema = z.strictObject({
  host: z.string().min(1),
  port,
});

export const dashboardSchema = z.strictObject({
  enabled: z.boolean(),
  readOnly: z.boolean(),
  username: z.string().min(1),
});

export const loggingSchema = z.strictObject({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  pretty: z.enum(['auto', 'always', 'never']),
});

export const shutdownSchema = z.strictObject({
  timeoutMs: z.number().int().min(1000).max(600_000),
});

export const pipelineSchema = z.strictObject({
  concurrency: z.strictObject({ poll: z.number().int().min(1).max(64), ingest: z.number().int().min(1).max(256) }),
  attempts: z.strictObject({ poll: z.number().int().min(1).max(100), ingest: z.number().int().min(1).max(100) }),
  /** First retry delay; later ones double. */
  backoffMs: z.number().int().min(100),
  /** Consecutive failed polls that mark a source failing. */
  failingAfter: z.number().int().min(1),
  /** Lease of the per-source poll lock; renewed while a poll runs. */
  pollLockMs: z.number().int().min(1000),
  /** BullMQ job lock: a job whose worker died is taken up again after about this long. */
  jobLockMs: z.number().int().min(1000),
  /** Poll every enabled source once at start, not only at the next tick. */
  pollOnStart: z.boolean(),
});

const sandboxServerSchema = z.strictObject({
  /** Loopback port; sources reach it as `baseUrl: sandbox:<name>`. */
  port: port.min(1),
  /** Generated complaints seeded at start. */
  reports: z.number().int().min(0).max(1_000_000),
});

export const sandboxSchema = z.strictObject({
  /** Runs the simulators inside the daemon. For trying the bridge out, never for production. */
  enabled: z.boolean(),
  seed: z.number().int(),
  lapor: sandboxServerSchema,
  /** One server for the regional systems (WhatsApp desk, super-app, Bupati app, Open311); `reports` per system. */
  regional: sandboxServerSchema,
});

export const configSchema = z.strictObject({
  instance: z.strictObject({
    name: z.string().min(1),
    timezone: z.string().min(1),
  }),
  redis: redisSchema,
  http: httpSchema,
  dashboard: dashboardSchema,
  logging: loggingSchema,
  shutdown: shutdownSchema,
  pipeline: pipelineSchema,
  sandbox: sandboxSchema,
  /** External systems by name; each entry's `kind` picks its connector (src/connectors/registry.ts). */
  sources: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'source names are lower-case letters, digits and "-"'), sourceConfigSchema()).default({}),
});

export type Config = z.infer<typeof configSchema>;
