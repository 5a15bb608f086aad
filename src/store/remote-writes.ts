import type { Redis } from '../redis/client.js';
import { APPEND_AUDIT, auditFields, auditKeys, type AuditEntry } from './audit.js';
import { REMEMBER_ECHOES } from './echoes.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { RELEASE_LEASE } from './lock.js';
import type { PushTallyOutcome } from './push-tally.js';
import { checkWriteBudget, COUNT_WRITE, minuteOf, PLACE_IN_LINE, writeSlotKey } from './rate-limit.js';
import { sentState, type SendState, type SendStates, type StoredSendState } from './send-states.js';

/** A destination's write budget at a moment. */
export interface Budget {
  destination: string;
  perMinute: number;
  now: Date;
}

/** What a write leaves on a remote record for the next pull to recognise (src/store/echoes.ts). */
export interface EchoWrite {
  system: string;
  externalId: string;
  members: readonly string[];
}

/* KEYS: the budget's slot, then the echo hash (when echoes follow); ARGV: externalId, the echo members. */
const BEGIN = new LuaScript(`${COUNT_WRITE}
${REMEMBER_ECHOES}
if KEYS[2] then remember_echoes(KEYS[2], ARGV[1], 2, #ARGV) end
return count_write(KEYS[1])
`);

/* KEYS: the budget's slot; ARGV: the budget per minute. */
const PLACE = new LuaScript(`${PLACE_IN_LINE}
return place_in_line(KEYS[1], tonumber(ARGV[1]))
`);

/*
 * KEYS: the send-state hash, then the push tally (when ARGV[4] is not ''), a lease to release
 * (when ARGV[6] is not ''), the echo hash (when ARGV[5] > 0), the audit streams (when audit
 * fields follow). ARGV: field, the state's text as read ('' for none), the new state, the
 * tally's field that counts it ('' for none), the echo member count, the lease's token ('' for
 * none), the echoed record's externalId, the members, the audit fields.
 */
const SENT = new LuaScript(`${APPEND_AUDIT}
${REMEMBER_ECHOES}
${RELEASE_LEASE}
local current = redis.call('hget', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return 0 end
redis.call('hset', KEYS[1], ARGV[1], ARGV[3])
local k = 2
if ARGV[4] ~= '' then
  redis.call('hincrby', KEYS[2], ARGV[4], 1)
  k = 3
end
if ARGV[6] ~= '' then
  release_lease(KEYS[k], ARGV[6])
  k = k + 1
end
local members = tonumber(ARGV[5])
local a = 7
if members > 0 then
  remember_echoes(KEYS[k], ARGV[7], 8, 7 + members)
  k, a = k + 1, 8 + members
end
if #ARGV >= a then append_audit(KEYS[k], KEYS[k + 1] or false, a, #ARGV) end
return 1
`);

/** A compare-and-set that keeps losing means something rewrites the state in a loop: a bug, said loudly. */
const MAX_SENT_ATTEMPTS = 10;

/**
 * The bookkeeping around one remote write, one Lua call on each side of it: before, the
 * write budget's slot (and the echo remembered, so a poll racing with the write never takes
 * it for news); after, the send state "sent", with its echo, audit entry and push tally. Nothing is
 * weaker than the calls one by one: "sent" is a compare-and-set on the state as read, so a
 * change made meanwhile is read again and decided again, never overwritten.
 */
export class RemoteWrites {
  /**
   * Per destination, the last minute this process saw its budget spent (a write turned away):
   * only then do `awaitTurn` and `spent` ask Redis, so a write within the budget costs no call
   * more. A budget another replica spent is still found by `begin`.
   */
  private readonly spentIn = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly sendStates: SendStates,
  ) {}

  private seen(w: Budget, count: number): number {
    if (count >= w.perMinute) this.spentIn.set(w.destination, minuteOf(w.now));
    return count;
  }

  /** Takes a slot of the destination's budget (throws RATE_LIMITED over it), remembering `echo` first. */
  async begin(w: Budget & { echo?: EchoWrite }): Promise<void> {
    const keys = [writeSlotKey(this.keys, w.destination, w.now)];
    const echo = w.echo && w.echo.members.length > 0 ? w.echo : undefined;
    if (echo) keys.push(this.keys.echoIndex(echo.system));
    const count = this.seen(
      w,
      (await BEGIN.run(this.redis, keys, echo ? [echo.externalId, ...echo.members] : [])) as number,
    );
    checkWriteBudget(w.destination, w.perMinute, w.now, count);
  }

  /**
   * Before anything is read for a write: throws RATE_LIMITED, with the write's turn, when the
   * destination's budget of this minute is spent already (one small call, and only once this
   * process has seen it spent, instead of the reads of the whole write before `begin` turns it away).
   */
  async awaitTurn(w: Budget): Promise<void> {
    if (!this.spent(w)) return;
    const place = await this.placeInLine(w);
    if (place > 0) checkWriteBudget(w.destination, w.perMinute, w.now, place);
  }

  /** 0 while the minute's budget is not spent; once spent, a place in the line (`budgetWaitMs` gives its wait). */
  async placeInLine(w: Budget): Promise<number> {
    return this.seen(
      w,
      (await PLACE.run(this.redis, [writeSlotKey(this.keys, w.destination, w.now)], [w.perMinute])) as number,
    );
  }

  /** Whether the destination's budget of this minute is spent, as far as this process has seen (no call). */
  spent(w: Budget): boolean {
    return this.spentIn.get(w.destination) === minuteOf(w.now);
  }

  /**
   * Records the write as sent, from `before` (the state as read before the write; read now
   * when not given), with its echo and audit entry.
   */
  async sent(w: {
    scope: string;
    field: string;
    remoteId: string;
    at: Date;
    before?: StoredSendState;
    echo?: EchoWrite;
    audit?: AuditEntry;
    /** The system whose push tally (src/store/push-tally.ts) counts the write as pushed. */
    tally?: string;
    /** A lease the write was made under, released with "sent" when it is the last write under it. */
    release?: { key: string; token: string };
  }): Promise<SendState> {
    const echo = w.echo && w.echo.members.length > 0 ? w.echo : undefined;
    const keys = [
      this.keys.sendState(w.scope),
      ...(w.tally ? [this.keys.pushTally(w.tally)] : []),
      ...(w.release ? [w.release.key] : []),
      ...(echo ? [this.keys.echoIndex(echo.system)] : []),
      ...(w.audit ? auditKeys(this.keys, w.audit) : []),
    ];
    const tail = [
      w.tally ? ('pushed' satisfies PushTallyOutcome) : '',
      String(echo?.members.length ?? 0),
      w.release?.token ?? '',
      ...(echo ? [echo.externalId, ...echo.members] : []),
      ...(w.audit ? auditFields(w.audit, w.at) : []),
    ];
    let before = w.before ?? (await this.sendStates.stored(w.scope, w.field));
    for (let attempt = 0; attempt < MAX_SENT_ATTEMPTS; attempt++) {
      const next = sentState(before.state, w.remoteId, w.at);
      const args = [w.field, before.raw ?? '', JSON.stringify(next), ...tail];
      if ((await SENT.run(this.redis, keys, args)) === 1) return next;
      before = await this.sendStates.stored(w.scope, w.field);
    }
    throw new Error(`send state ${w.scope} ${w.field}: changed under every attempt to record it as sent`);
  }
}
