import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { BUMP_REKAP, HOUR_MS } from './rekap-records.js';

/**
 * KEYS: versions, reported index, then case sets: bumps the report hours of every member of
 * each case, the members of all of them read in one SUNION (a complaint is in one case), and
 * each case's founder (a case of one complaint has no set; one bump too many does no harm).
 */
const BUMP_CASES = new LuaScript(`${BUMP_REKAP}
local members = redis.call('sunion', unpack(KEYS, 3))
for i = 3, #KEYS do members[#members + 1] = case_id_of(KEYS[i]) end
bump_rekap_members(KEYS[1], KEYS[2], members)
flush_rekap()
return 1
`);

/** Counters read per HMGET: a year's period and its trend are ~17,500 hours. */
const HOURS_PER_CALL = 2000;

/** How long a day summary is kept unread (a settings change leaves the old ones behind). */
const SUMMARY_TTL_SECONDS = 40 * 86_400;

/**
 * The rekap's memoized day summaries (src/rekap/day-summary.ts), stored as text under a
 * settings fingerprint, and the change counters per UTC hour of report time
 * (`<p>:rekap:versions`) that tell whether one still holds: the ledger scripts bump them
 * with every write (src/store/rekap-records.ts), answers through `bumpCases`.
 */
export class RekapSummaries {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  /** After an answer to these cases was written: the hours their complaints were reported in change. */
  async bumpCases(caseIds: readonly string[]): Promise<void> {
    const cases = [...new Set(caseIds)];
    if (cases.length === 0) return;
    await BUMP_CASES.run(
      this.redis,
      [this.keys.rekapVersions(), this.keys.reportedIndex(), ...cases.map((id) => this.keys.caseMembers(id))],
      [],
    );
  }

  /** Per span of instants [fromMs, toMs): the sum of the counters of the hours it touches, in one call. */
  async versionSums(spans: readonly { fromMs: number; toMs: number }[]): Promise<number[]> {
    const hours = spans.map(({ fromMs, toMs }) => {
      const out: string[] = [];
      for (let h = Math.floor(fromMs / HOUR_MS); h <= Math.floor((toMs - 1) / HOUR_MS); h++) out.push(String(h));
      return out;
    });
    const all = hours.flat();
    if (all.length === 0) return spans.map(() => 0);
    const pipeline = this.redis.pipeline();
    for (let i = 0; i < all.length; i += HOURS_PER_CALL)
      pipeline.hmget(this.keys.rekapVersions(), ...all.slice(i, i + HOURS_PER_CALL));
    const values = ((await pipeline.exec()) ?? []).flatMap(([, reply]) => (reply as (string | null)[] | null) ?? []);
    let at = 0;
    return hours.map((list) => {
      let sum = 0;
      for (let i = 0; i < list.length; i++) sum += Number(values[at + i] ?? 0);
      at += list.length;
      return sum;
    });
  }

  /** Parts of the stored summaries of these local days (null where none), in one call. */
  async read(
    fingerprint: string,
    days: readonly number[],
    parts: (day: number) => readonly string[],
  ): Promise<(string | null)[][]> {
    if (days.length === 0) return [];
    const replies = await days
      .reduce((p, day) => p.hmget(this.keys.rekapSummary(fingerprint, day), ...parts(day)), this.redis.pipeline())
      .exec();
    return days.map((day, i) => (replies?.[i]?.[1] as (string | null)[] | undefined) ?? parts(day).map(() => null));
  }

  /** Stores whole summaries (every part), in one call; each is kept `SUMMARY_TTL_SECONDS` from now. */
  async write(fingerprint: string, summaries: readonly (readonly [number, Record<string, string>])[]): Promise<void> {
    if (summaries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [day, parts] of summaries) {
      const key = this.keys.rekapSummary(fingerprint, day);
      pipeline.del(key).hset(key, parts).expire(key, SUMMARY_TTL_SECONDS);
    }
    await pipeline.exec();
  }
}
