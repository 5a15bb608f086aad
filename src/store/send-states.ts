import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { pushJobSchema, type PushJob } from '../domain/push-job.js';
import type { LedgerKeys } from './keys.js';

/**
 * The ledger's record of every write to another system: one entry per (what, where). The
 * queue may forget a job; this does not. "sent" is final: nothing is ever sent twice.
 * "refused" is final too: the other system said no for a reason that will not change
 * (lastReason says which). "waiting": the record is not ready for this write; `resume` is
 * the job to run again when the record changes.
 */
export const sendStateSchema = z.object({
  state: z.enum(['pending', 'sent', 'failed', 'skipped', 'refused', 'waiting']),
  attempts: z.number().int().min(0),
  firstAttemptAt: isoTimestamp.optional(),
  lastAttemptAt: isoTimestamp.optional(),
  nextAttemptAt: isoTimestamp.optional(),
  lastReason: z.string().optional(),
  remoteId: z.string().optional(),
  sentAt: isoTimestamp.optional(),
  resume: pushJobSchema.optional(),
});
export type SendState = z.infer<typeof sendStateSchema>;

/** A send state as stored: parsed, and its text as read (what a compare-and-set compares with; null when none). */
export interface StoredSendState {
  state: SendState | undefined;
  raw: string | null;
}

export function parseSendState(raw: string | null): SendState | undefined {
  return raw === null ? undefined : sendStateSchema.parse(JSON.parse(raw));
}

/** "sent": the write happened; `remoteId` is what the other system calls it. The one place this transition is decided. */
export function sentState(s: SendState | undefined, remoteId: string, at: Date): SendState {
  const { nextAttemptAt: _next, resume: _resume, ...rest } = s ?? { state: 'pending', attempts: 0 };
  return {
    ...rest,
    state: 'sent',
    attempts: rest.attempts + 1,
    firstAttemptAt: rest.firstAttemptAt ?? at.toISOString(),
    lastAttemptAt: at.toISOString(),
    remoteId,
    sentAt: at.toISOString(),
  };
}

export class SendStates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async get(scope: string, field: string): Promise<SendState | undefined> {
    return parseSendState(await this.redis.hget(this.keys.sendState(scope), field));
  }

  /** `get`, with the text as stored (for a compare-and-set). */
  async stored(scope: string, field: string): Promise<StoredSendState> {
    const raw = await this.redis.hget(this.keys.sendState(scope), field);
    return { state: parseSendState(raw), raw };
  }

  async all(scope: string): Promise<Record<string, SendState>> {
    const flat = await this.redis.hgetall(this.keys.sendState(scope));
    return Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, sendStateSchema.parse(JSON.parse(v))]));
  }

  /** Every send state of each scope asked, in one round trip. */
  async allOf(scopes: readonly string[]): Promise<Record<string, SendState>[]> {
    if (scopes.length === 0) return [];
    const results = await scopes
      .reduce((p, scope) => p.hgetall(this.keys.sendState(scope)), this.redis.pipeline())
      .exec();
    return scopes.map((_, i) => {
      const flat = (results?.[i]?.[1] ?? {}) as Record<string, string>;
      return Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, sendStateSchema.parse(JSON.parse(v))]));
    });
  }

  private async update(scope: string, field: string, change: (s: SendState) => SendState): Promise<SendState> {
    const current = (await this.get(scope, field)) ?? { state: 'pending', attempts: 0 };
    const next = change(current);
    await this.redis.hset(this.keys.sendState(scope), field, JSON.stringify(next));
    return next;
  }

  /** A first attempt starts: a retry after a crash during it knows the write may have happened. */
  begun(scope: string, field: string, at: Date): Promise<SendState> {
    return this.update(scope, field, (s) => ({ ...s, firstAttemptAt: s.firstAttemptAt ?? at.toISOString() }));
  }

  failed(scope: string, field: string, reason: string, at: Date, nextAttemptAt?: Date): Promise<SendState> {
    return this.update(scope, field, (s) => ({
      ...s,
      state: 'failed',
      attempts: s.attempts + 1,
      firstAttemptAt: s.firstAttemptAt ?? at.toISOString(),
      lastAttemptAt: at.toISOString(),
      lastReason: reason,
      ...(nextAttemptAt ? { nextAttemptAt: nextAttemptAt.toISOString() } : {}),
    }));
  }

  sent(scope: string, field: string, remoteId: string, at: Date): Promise<SendState> {
    return this.update(scope, field, (s) => sentState(s, remoteId, at));
  }

  /** A final "no" from the other system: never tried again, never a dead letter. */
  refused(scope: string, field: string, reason: string, at: Date): Promise<SendState> {
    return this.update(scope, field, (s) => {
      const { nextAttemptAt: _next, resume: _resume, ...rest } = s;
      return {
        ...rest,
        state: 'refused',
        attempts: s.attempts + 1,
        firstAttemptAt: s.firstAttemptAt ?? at.toISOString(),
        lastAttemptAt: at.toISOString(),
        lastReason: reason,
      };
    });
  }

  /** Not yet possible: `resume` runs again when the record changes (PushService.reconcile). */
  waiting(scope: string, field: string, reason: string, at: Date, resume: PushJob): Promise<SendState> {
    return this.update(scope, field, (s) => {
      const { nextAttemptAt: _next, ...rest } = s;
      return {
        ...rest,
        state: 'waiting',
        attempts: s.attempts + 1,
        firstAttemptAt: s.firstAttemptAt ?? at.toISOString(),
        lastAttemptAt: at.toISOString(),
        lastReason: reason,
        resume,
      };
    });
  }

  skipped(scope: string, field: string, reason: string): Promise<SendState> {
    return this.update(scope, field, (s) => ({ ...s, state: 'skipped', lastReason: reason }));
  }
}
