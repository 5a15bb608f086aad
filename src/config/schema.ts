import { z } from 'zod';
import { said, sayNow } from '../i18n/schema-text.js';
import cron from 'node-cron';
import { opdConfigSchema } from '../opd/config-schema.js';
import { routingConfigSchema } from '../routing/config-schema.js';
import { sourceConfigSchema } from '../connectors/registry.js';

/**
 * The one schema of the daemon's configuration. Every object is strict: an unknown key
 * is an error, so a typo never silently falls back to a default.
 * Secrets are never part of this schema; they are read from the environment (see secrets.ts).
 */
const port = z.number().int().min(0).max(65535);

/** Letters, digits, ":", "_", "-", and at most one Redis Cluster hash tag `{…}` (src/config/redis-topology.ts). */
const KEY_PREFIX = /^(?:[a-z0-9][a-z0-9:_-]*|[a-z0-9:_-]*\{[a-z0-9:_-]+\}[a-z0-9:_-]*)$/i;
const hostPort = z.string().regex(
  /^(?:\[[0-9a-f:.]+\]|[^\s:[\]{}]+):\d{1,5}$/i,
  said((t) => t.hostPort),
);

export const redisSchema = z.strictObject({
  url: z.string().regex(
    /^rediss?:\/\//,
    said((t) => t.redisUrl),
  ),
  keyPrefix: z.string().regex(
    KEY_PREFIX,
    said((t) => t.keyPrefix),
  ),
  /** Seed nodes of a Redis Cluster; none: `url` names one Redis (or `sentinel` finds it). */
  cluster: z.strictObject({ nodes: z.array(hostPort) }),
  /** Sentinels that name the primary of `name`; none: no Sentinel. */
  sentinel: z.strictObject({ name: z.string(), nodes: z.array(hostPort) }),
  embedded: z.strictObject({
    enabled: z.boolean(),
    dataDir: z.string().min(1),
    binary: z.string().min(1),
  }),
});

export const httpSchema = z.strictObject({
  host: z.string().min(1),
  port,
  /** Requests per client address and minute, per daemon, on all but /healthz, /readyz and /metrics; 0: no limit. */
  requestsPerMinute: z.number().int().min(0),
});

export const dashboardSchema = z.strictObject({
  enabled: z.boolean(),
  readOnly: z.boolean(),
  username: z.string().min(1),
});

export const accountsSchema = z.strictObject({
  /** A session ends this long after login, however active. */
  sessionHours: z
    .number()
    .min(0.001)
    .max(24 * 30),
  /** ...or after this long without a request. */
  idleMinutes: z
    .number()
    .min(0.01)
    .max(24 * 60),
  /** Cookies marked Secure: `auto` when the request came over HTTPS (directly, or from a reverse proxy on this host saying X-Forwarded-Proto: https). */
  secureCookies: z.enum(['auto', 'always', 'never']),
  login: z.strictObject({
    /** Failed logins for one user name, and from one address, before further tries are refused... */
    maxFailuresPerUser: z.number().int().min(1).max(1000),
    maxFailuresPerAddress: z.number().int().min(1).max(100_000),
    /** ...for this long after the first failure. */
    lockMinutes: z
      .number()
      .min(0.01)
      .max(24 * 60),
  }),
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
  /** After each poll of a source, its quarantined records are fetched again from it (see src/pipeline/refetch.ts). */
  quarantineRefetch: z.strictObject({
    /** At most this many records per poll. */
    perPoll: z.number().int().min(0).max(10_000),
    /** Only records not seen for this long. */
    afterMs: z.number().int().min(0),
  }),
  /** Before each scheduled poll of a source, its records whose ingest did not finish are ingested again (src/pipeline/resettle.ts). */
  resettle: z.strictObject({
    /** Only records whose ingest began this long ago (a page waiting in a long queue is not yet lost). */
    afterMs: z.number().int().min(0),
    /** At most this many records per poll. */
    perPoll: z.number().int().min(1).max(100_000),
  }),
  /** Each polled source is listed again over its last `days` and compared with the ledger (src/pipeline/reconcile.ts). */
  reconcile: z.strictObject({
    enabled: z.boolean(),
    /** Cron expression in instance.timezone. */
    schedule: z.string().refine(
      (v) => cron.validate(v),
      said((t) => t.cron, 'cron'),
    ),
    days: z.number().int().min(1).max(366),
  }),
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

const classification = z.enum(['pengaduan', 'aspirasi', 'permintaan_informasi']);

export const pushSchema = z.strictObject({
  /** Complaints arriving on `from` are created on `to` (a regional complaint that must reach LAPOR, or the reverse). */
  forward: z
    .array(
      z.strictObject({
        from: z.string(),
        to: z.string(),
        /** Only these classifications; all when absent. */
        classifications: z.array(classification).min(1).optional(),
        /** Classification to send when the source has none (many regional channels don't classify). Without it such complaints wait in the dead-letter list. */
        unclassifiedAs: classification.optional(),
        /** Source category id → destination category (LAPOR topic) id. Unmapped categories are not sent: ids differ per system. */
        categoryMap: z.record(z.string(), z.string()).default({}),
      }),
    )
    .default([]),
  /** Per destination (a source name): how it may be written to. */
  destinations: z
    .record(
      z.string(),
      z.strictObject({
        /** A public channel never receives rahasia complaints or their answers. */
        public: z.boolean().default(false),
        /** Reporter identity (name, phone, e-mail) may go there for non-anonim complaints. */
        sendIdentity: z.boolean().default(false),
        /** Answers pulled from this system are already published there (LAPOR): no approval needed. */
        answersArePublished: z.boolean().default(false),
        /** Writes per minute, shared by every replica. */
        ratePerMinute: z.number().int().min(1).default(60),
      }),
    )
    .default({}),
  /** Does an OPD's answer need the head's approval before it is pushed? */
  approval: z.strictObject({
    required: z.boolean(),
    /** Per OPD (id or name) exceptions to `required`. */
    opds: z.record(z.string(), z.boolean()).default({}),
  }),
  /** Delay before each retry; the last one repeats until `giveUpAfterMs`. */
  backoffMs: z.array(z.number().int().min(0)).min(1),
  /** After this long since the first attempt a push goes to the dead-letter list. */
  giveUpAfterMs: z.number().int().min(1000),
  concurrency: z.number().int().min(1).max(64),
});

/** Public holidays and cuti bersama, as local dates; weekends are never working days. */
export const calendarSchema = z.strictObject({
  holidays: z.array(z.iso.date('a date written YYYY-MM-DD')),
});

const workingDays = z.number().min(0.5).max(60);

/** Limits that replace the defaults for some complaints; a key left out keeps the default. */
const limitOverrideSchema = z.strictObject({
  disposeWorkingDays: workingDays.optional(),
  followUpWorkingDays: workingDays.optional(),
});

/** LAPOR's time limits, in working days (PermenPANRB 62/2018, kept by 5/2025). */
export const timeLimitsSchema = z.strictObject({
  /** Verified and disposed to the office that handles it. */
  disposeWorkingDays: workingDays,
  /** The office posts a tindak lanjut after disposition. */
  followUpWorkingDays: workingDays,
  /** LAPOR closes a report this long after a tindak lanjut when nobody replies. */
  autoCloseWorkingDays: workingDays.default(10),
  /** Per classification (pengaduan, aspirasi, permintaan_informasi), then per OPD directory code (wins). */
  overrides: z
    .strictObject({
      classification: z.partialRecord(classification, limitOverrideSchema).default({}),
      opd: z.record(z.string(), limitOverrideSchema).default({}),
    })
    .default({ classification: {}, opd: {} }),
});

export const rekapSchema = z.strictObject({
  /** How many of the longest-waiting overdue complaints a rekap lists. */
  overdueListSize: z.number().int().min(1).max(500).default(20),
  /** The due lists ("jatuh tempo besok", "terlambat") read complaints reported this many days back. */
  dueLookbackDays: z.number().int().min(7).max(3650).default(365),
});

const share = z.number().min(0).max(1);

const envName = z.string().regex(
  /^[A-Z_][A-Z0-9_]*$/,
  said((t) => t.envName),
);

/** Where notifications go: e-mail (SMTP) and/or a webhook (a Telegram or WhatsApp gateway). Off by default. */
export const notifySchema = z
  .strictObject({
    email: z
      .strictObject({
        enabled: z.boolean().default(false),
        host: z.string().default(''),
        port: port.default(587),
        /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        from: z.string().default(''),
        to: z.array(z.string().email('an e-mail address')).default([]),
        /** Variables holding the SMTP user and password, when the server wants a login. */
        userEnv: envName.optional(),
        passwordEnv: envName.optional(),
      })
      .default({ enabled: false, host: '', port: 587, secure: false, from: '', to: [] }),
    webhook: z
      .strictObject({
        enabled: z.boolean().default(false),
        url: z.string().default(''),
        /** Variable holding a secret sent as `Authorization: Bearer <secret>`. */
        secretEnv: envName.optional(),
      })
      .default({ enabled: false, url: '' }),
  })
  .superRefine((n, ctx) => {
    const need = (ok: boolean, path: (string | number)[], message: Parameters<typeof sayNow>[0]) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message: sayNow(message) });
    };
    if (n.email.enabled) {
      need(n.email.host.trim() !== '', ['email', 'host'], (t) => t.smtpHost);
      need(/^[^@\s]+@[^@\s]+$/.test(n.email.from.replace(/^.*<(.*)>$/, '$1')), ['email', 'from'], (t) => t.sender);
      need(n.email.to.length > 0, ['email', 'to'], (t) => t.recipients);
    }
    if (n.webhook.enabled) need(/^https?:\/\/\S+$/.test(n.webhook.url), ['webhook', 'url'], (t) => t.gatewayUrl);
  });

/** Staleness, the daily summary and the failing-source alert (src/monitoring/). */
export const monitoringSchema = z
  .strictObject({
    /** A source with no successful sync for this many of its schedule's intervals is shown as stale. */
    staleAfterIntervals: z.number().min(1).max(1000).default(3),
    notify: notifySchema.default({
      email: { enabled: false, host: '', port: 587, secure: false, from: '', to: [] },
      webhook: { enabled: false, url: '' },
    }),
    /** Yesterday's intake, answers, overdue per OPD and sync health, on a cron schedule in instance.timezone. */
    dailySummary: z
      .strictObject({ enabled: z.boolean().default(false), schedule: z.string().default('0 7 * * *') })
      .default({ enabled: false, schedule: '0 7 * * *' }),
    /** One alert per incident when a source has been failing this long (and one when it recovers). */
    sourceFailing: z
      .strictObject({
        enabled: z.boolean().default(false),
        afterMinutes: z
          .number()
          .min(1)
          .max(7 * 24 * 60)
          .default(60),
      })
      .default({ enabled: false, afterMinutes: 60 }),
  })
  .superRefine((m, ctx) => {
    const on = m.dailySummary.enabled || m.sourceFailing.enabled;
    if (on && !m.notify.email.enabled && !m.notify.webhook.enabled)
      ctx.addIssue({
        code: 'custom',
        path: ['notify'],
        message: sayNow((t) => t.noChannel),
      });
  });

/** Near-duplicate thresholds (src/dedup/settings.ts says what each does). */
export const dedupSchema = z
  .strictObject({
    autoLink: share,
    propose: share,
    related: share,
    relatedDays: z.number().min(0).max(3650),
    exactDays: z.number().min(0).max(3650),
  })
  .refine((d) => d.propose <= d.autoLink, { path: ['propose'], ...said((t) => t.proposeAboveAutoLink) });

export const configSchema = z.strictObject({
  instance: z.strictObject({
    name: z.string().min(1),
    /** IANA zone with one fixed offset (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT); checked in time-zone.ts. */
    timezone: z.string().min(1),
    /** What people read (pages, CLI, config errors): `id`, `en`, or `auto` (LAPOR_BRIDGE_LANG, then LANG). */
    language: z.enum(['auto', 'id', 'en']).default('auto'),
  }),
  redis: redisSchema,
  http: httpSchema,
  dashboard: dashboardSchema,
  accounts: accountsSchema,
  logging: loggingSchema,
  shutdown: shutdownSchema,
  pipeline: pipelineSchema,
  sandbox: sandboxSchema,
  push: pushSchema,
  calendar: calendarSchema,
  timeLimits: timeLimitsSchema,
  rekap: rekapSchema,
  /** The pemda's directory of units (config/opd/), by which every OPD value is resolved. */
  opd: opdConfigSchema,
  /** Routing of complaints whose source names no OPD: rules, the learned model, triage (docs/ROUTING.md). */
  routing: routingConfigSchema,
  dedup: dedupSchema,
  monitoring: monitoringSchema.default({
    staleAfterIntervals: 3,
    notify: {
      email: { enabled: false, host: '', port: 587, secure: false, from: '', to: [] },
      webhook: { enabled: false, url: '' },
    },
    dailySummary: { enabled: false, schedule: '0 7 * * *' },
    sourceFailing: { enabled: false, afterMinutes: 60 },
  }),
  /** External systems by name; each entry's `kind` picks its connector (src/connectors/registry.ts). */
  sources: z
    .record(
      z.string().regex(
        /^[a-z][a-z0-9-]*$/,
        said((t) => t.sourceName),
      ),
      sourceConfigSchema(),
    )
    .default({}),
});

export type Config = z.infer<typeof configSchema>;
