import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { ownNameWords, TOPIC_WORDS_FORM } from '../text/topic-words.js';
import type { OpdLookup } from '../opd/directory.js';
import { slaPolicy, type SlaPolicy, type TimeLimits } from '../sla/policy.js';
import type { RekapUnits } from './opd-key.js';

/** The stored day summaries' form (src/rekap/day-summary.ts): a new form never reads an old one. */
const SUMMARY_FORM = 1;

/** What the rekap needs from configuration, built once at start. */
export interface RekapSettings {
  timeZone: string;
  offsetMs: number;
  /** The SLA clock's calendar, limits and overrides (src/sla/). */
  sla: SlaPolicy;
  /** The default limits, as a rekap states them. */
  limits: TimeLimits;
  overdueListSize: number;
  dueLookbackDays: number;
  /** The OPD directory the rows are keyed on. */
  units?: RekapUnits;
  /** Topic words not shown: the words of `instance.name`. Stored summaries keep every word. */
  ownWords: ReadonlySet<string>;
  /**
   * What a stored day summary was judged under (zone, holidays, limits, list size, directory,
   * topic words): a summary made under other settings is never read, so a new holiday list or a
   * merged unit counts at once.
   */
  fingerprint: string;
}

/** The time zone was checked at load (config/time-zone.ts): one fixed offset. */
export function rekapSettings(
  config: Pick<Config, 'instance' | 'calendar' | 'timeLimits' | 'rekap'>,
  units?: RekapUnits,
): RekapSettings {
  const sla = slaPolicy(config, units ? (code) => units.current(code)?.code : undefined);
  // A directory that cannot list its units (a stand-in) is fingerprinted by nothing.
  const directory = units && 'list' in units ? (units as Pick<OpdLookup, 'list'>).list() : [];
  const fingerprint = createHash('sha1')
    .update(
      JSON.stringify([
        SUMMARY_FORM,
        TOPIC_WORDS_FORM,
        sla.offsetMs,
        config.calendar.holidays,
        config.timeLimits,
        config.rekap.overdueListSize,
        directory.map((u) => [u.code, units?.current(u.code)?.code ?? null, u.name]),
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    timeZone: config.instance.timezone,
    offsetMs: sla.offsetMs,
    sla,
    limits: { ...sla.limits },
    overdueListSize: config.rekap.overdueListSize,
    dueLookbackDays: config.rekap.dueLookbackDays ?? 365,
    ...(units ? { units } : {}),
    ownWords: ownNameWords(config.instance.name),
    fingerprint,
  };
}
