import { describe, expect, it } from 'vitest';
import { clockOffsetMs, createSkewWatch, sourceNow } from '../../../src/connectors/http/clock-offset.js';
import { captureLogger } from '../../support/logger.js';

const sent = Date.parse('2026-03-02T03:00:00.000Z');

describe('source clock offset from the Date header', () => {
  it.each([
    ['on time', 'Mon, 02 Mar 2026 03:00:00 GMT', 0],
    ['15 minutes behind', 'Mon, 02 Mar 2026 02:45:00 GMT', -900_200],
    ['an hour ahead', 'Mon, 02 Mar 2026 04:00:00 GMT', 3_599_800],
    ['no header', undefined, undefined],
    ['garbage', 'kemarin', undefined],
  ])('%s', (_name, header, expected) => {
    expect(clockOffsetMs(header, sent, sent + 400)).toBe(expected);
  });

  it('warns once when a source drifts beyond the overlap, and says when it is back', () => {
    const logs = captureLogger('info');
    const watch = createSkewWatch(300_000, logs.logger.child({ source: 'open311' }));
    watch.observe({ date: 'Mon, 02 Mar 2026 02:45:00 GMT' }, sent, sent);
    watch.observe({ date: 'Mon, 02 Mar 2026 02:45:01 GMT' }, sent + 1000, sent + 1000);
    watch.observe({ date: 'Mon, 02 Mar 2026 03:00:02 GMT' }, sent + 2000, sent + 2000);
    const lines = logs.text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"offsetMs":-900000');
    expect(lines[1]).toContain('back within the window overlap');
  });

  it.each([
    ['no evidence of skew: our own time', 0, 1_000_000],
    ['15 minutes behind, late by the header resolution rather than early', -900_000, 102_000],
    ['ahead', 60_000, 1_062_000],
  ])('the source’s now: %s', (_name, offset, expected) => {
    expect(sourceNow(1_000_000, offset)).toBe(expected);
  });
});
