import { z } from 'zod';
import { DAY_MS, dayNumberOf, localDate, startOfLocalDate } from '../domain/local-date.js';
import type { Period } from './types.js';

/** A period never spans more than this, so one request cannot ask for a decade. */
export const MAX_PERIOD_DAYS = 366;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan ditulis YYYY-MM, mis. 2026-03');
const date = z.iso.date('tanggal ditulis YYYY-MM-DD');

/** What a rekap request may say: a month, or a from/to date range; neither means this month. */
export const periodQuerySchema = z
  .object({
    month: month.optional(),
    from: date.optional(),
    to: date.optional(),
    source: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'nama sumber tidak valid')
      .optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'isi tanggal "dari" dan "sampai" bersama-sama',
    path: ['from'],
  })
  .refine((q) => !(q.from && q.month), { message: 'pilih bulan atau rentang tanggal, tidak keduanya', path: ['month'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'tanggal "dari" harus sebelum "sampai"', path: ['to'] })
  .refine((q) => !q.from || !q.to || dayNumberOf(q.to) - dayNumberOf(q.from) < MAX_PERIOD_DAYS, {
    message: `rentang paling panjang ${MAX_PERIOD_DAYS} hari`,
    path: ['to'],
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

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
