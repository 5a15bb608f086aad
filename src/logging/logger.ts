import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { maskText } from '../domain/mask.js';
import type { Config } from '../config/schema.js';

export type { Logger };

/** Keys that hold reporter identity or credentials: their values never reach a log line. */
export const REDACTED_KEYS = [
  'name',
  'nama',
  'phone',
  'telp',
  'hp',
  'nik',
  'kk',
  'email',
  'address',
  'alamat',
  'reporter',
  'pelapor',
  'token',
  'password',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'keytoken',
] as const;

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/** Keys whose values are identifiers and must not be touched by text masking. */
const ID_KEYS = new Set([
  'id',
  'jobId',
  'trackingId',
  'externalId',
  'complaintId',
  'caseId',
  'cursor',
  'pid',
  'hostname',
  'time',
]);

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = ID_KEYS.has(k) ? v : maskDeep(v, depth + 1);
  return out;
}

function usePretty(mode: Config['logging']['pretty']): boolean {
  return mode === 'always' || (mode === 'auto' && process.stdout.isTTY === true);
}

export function createLogger(options: Config['logging'], destination?: DestinationStream): Logger {
  const stream =
    destination ??
    (usePretty(options.pretty) ? pretty({ colorize: process.stdout.isTTY === true }) : pino.destination(1));
  return pino(
    {
      level: options.level,
      base: { service: 'lapor-bridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
}
