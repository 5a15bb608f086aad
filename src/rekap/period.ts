import { z } from 'zod';
import { DAY_MS, dayNumberOf, localDate, startOfLocalDate } from '../domain/local-date.js';
import type { Period } from './types.js';

/** A period never spans more than this, so one request cannot ask for a decade. */
export const MAX_PERIOD_DAYS = 366;

/** What a refused period says (the catalogue's `rekap.query`, in the reader's language). */
export interface PeriodQueryText {
  monthFormat: string;
  dateFormat: string;
  badSource: string;
  fromToTogether: string;
  monthOrRange: string;
  fromBeforeTo: string;
  tooLong: (days: number) => string;
}

/** What a rekap request may say: a month, or a from/to date range; neither means this month. */
export function periodQuerySchemaIn(t: PeriodQueryText) {
  return z
    .object({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, t.monthFormat)
        .optional(),
      from: z.iso.date(t.dateFormat).optional(),
      to: z.iso.date(t.dateFormat).optional(),
      source: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/, t.badSource)
        .optional(),
    })
    .refine((q) => (q.from === undefined) === (q.to === undefined), { message: t.fromToTogether, path: ['from'] })
    .refine((q) => !(q.from && q.month), { message: t.monthOrRange, path: ['month'] })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: t.fromBeforeTo, path: ['to'] })
    .refine((q) => !q.from || !q.to || dayNumberOf(q.to) - dayNumberOf(q.from) < MAX_PERIOD_DAYS, {
      message: t.tooLong(MAX_PERIOD_DAYS),
      path: ['to'],
    });
}
export type PeriodQuery = z.infer<ReturnType<typeof periodQuerySchemaIn>>;

export function monthPeriod(yearMonth: string): Period {
  const [y, m] = yearMonth.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return { from: `${yearMonth}-01`, to: `${yearMonth}-${String(last).padStart(2, '0')}` };
}

/** The month `now` falls in, in the instance's zone. */
export function currentMonth(now: Date, offsetMs: number): Period {
  return monthPeriod(localDate(now, offsetMs).slice(0, 7));
}

export function resolvePeriod(query: PeriodQuery, now: Date, offsetMs: number): Period {
  if (query.from && query.to) return { from: query.from, to: query.to };
  return query.month ? monthPeriod(query.month) : currentMonth(now, offsetMs);
}

/** The period as instants: [start, end). */
export function periodBounds(period: Period, offsetMs: number): { start: Date; end: Date } {
  const start = startOfLocalDate(period.from, offsetMs);
  return { start, end: new Date(startOfLocalDate(period.to, offsetMs).getTime() + DAY_MS) };
}

/** YYYY-MM of the month before or after the one a period starts in. */
export function shiftMonth(yearMonth: string, by: number): string {
  const [y, m] = yearMonth.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
