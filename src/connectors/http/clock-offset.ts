import type { Logger } from 'pino';

/**
 * How far a source's clock is from ours, read from the `Date` header of its answers (RFC
 * 9110: the time the answer was made, whole seconds). Compared with the middle of our
 * request, so the network time does not count as skew. Positive: the source is ahead.
 */
export function clockOffsetMs(dateHeader: unknown, sentAtMs: number, receivedAtMs: number): number | undefined {
  if (typeof dateHeader !== 'string') return undefined;
  const at = Date.parse(dateHeader);
  if (Number.isNaN(at)) return undefined;
  const offset = at - (sentAtMs + receivedAtMs) / 2;
  // The header has whole seconds: less than that is no evidence of skew.
  return Math.abs(offset) < 1000 ? 0 : Math.round(offset);
}

/**
 * A `Date` header has whole seconds, and the network time is guessed as half the round trip:
 * the source's "now" may be this much later than the offset says.
 */
const DATE_RESOLUTION_MS = 2000;

/**
 * The source's "now" for one of our instants, given the offset its answers showed: ours when
 * there is no evidence of skew, else shifted, and late by the header's resolution rather than
 * early (a bound that cuts off the source's last second would lose what it stamped there).
 */
export function sourceNow(ourMs: number, offsetMs: number): number {
  return offsetMs === 0 ? ourMs : ourMs + offsetMs + DATE_RESOLUTION_MS;
}

export interface SkewWatch {
  /** Looks at one answer's headers; warns when the offset first exceeds the margin, and when it is back inside. */
  observe(headers: Record<string, unknown>, sentAtMs: number, receivedAtMs: number): number | undefined;
}

/**
 * One per source: windows overlap by `marginMs`, so a source whose clock is further off
 * than that can hide records from a window. The operator is told (once, not per request), on
 * the source's logger.
 */
export function createSkewWatch(marginMs: number, logger: Pick<Logger, 'warn' | 'info'>): SkewWatch {
  let outside = false;
  return {
    observe(headers, sentAtMs, receivedAtMs) {
      const offset = clockOffsetMs(headers.date, sentAtMs, receivedAtMs);
      if (offset === undefined) return undefined;
      const beyond = Math.abs(offset) > marginMs;
      if (beyond && !outside) {
        logger.warn(
          {
            offsetMs: offset,
            marginMs,
            meaning:
              'a record the source stamps outside the overlap can be missed by the regular polls until the reconciliation finds it; widen lookBackSeconds or ask the source to fix its clock',
          },
          "the source's clock is further from ours than the window overlap: records it stamps may fall outside a window; widen the overlap or fix its clock",
        );
      } else if (!beyond && outside)
        logger.info({ offsetMs: offset, marginMs }, "the source's clock is back within the window overlap");
      outside = beyond;
      return offset;
    },
  };
}
