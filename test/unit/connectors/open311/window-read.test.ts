import { describe, expect, it } from 'vitest';
import { createWindowReader, REASKS, type Stamp } from '../../../../src/connectors/open311/window-read.js';
import { ConnectorError } from '../../../../src/domain/failures.js';
import { captureLogger } from '../../../support/logger.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY);

/** Items are plain {id, day}: stamped at T0 + day. */
const stamp: Stamp = (raw) =>
  (raw as { id: string; day: number }[]).map((r) => ({ id: r.id, version: 'v1', ms: T0 + r.day * DAY, raw: r }));

/** A server that answers each GET with the next of `answers` (the last one again when they run out). */
function server(...answers: { id: string; day: number }[][]) {
  const asked: string[] = [];
  const logs = captureLogger('warn');
  const reader = createWindowReader({
    system: 'kota',
    logger: logs.logger,
    maxResults: 100,
    days: 10,
    ask: (_list, start, end) => {
      asked.push(`${start}/${end}`);
      return Promise.resolve(answers[Math.min(asked.length - 1, answers.length - 1)]!);
    },
  });
  return { reader, asked, logs };
}

describe('open311 window answers are checked before the cursor moves on them', () => {
  it("asks again an answer holding records outside the window (another query's list), and takes the right one", async () => {
    const { reader, asked } = server([{ id: 'old', day: -5 }], [{ id: 'a', day: 2 }]);
    const read = await reader.read('requests', at(0).toISOString(), at(30), stamp);
    expect(read.items.map((i) => i.id)).toEqual(['a']);
    expect(read.live).toBe(false);
    expect(asked).toHaveLength(2);
  });

  it('asks again a past window whose answer repeats the last window’s, empty after empty too', async () => {
    const { reader, asked } = server([], [], [], [], [{ id: 'b', day: 12 }]);
    await reader.read('requests', at(0).toISOString(), at(30), stamp);
    expect(asked).toHaveLength(1);
    const second = await reader.read('requests', at(10).toISOString(), at(30), stamp);
    // Read once and asked again twice: empty each time, so taken as empty.
    expect(asked).toHaveLength(1 + 1 + REASKS);
    expect(second.items).toEqual([]);
  });

  it('takes a past answer that only looked repeated when asking again fails in passing; one with records outside the window fails the read', async () => {
    const fails = (answers: { id: string; day: number }[][]) => {
      let calls = 0;
      return createWindowReader({
        system: 'kota',
        logger: captureLogger('warn').logger,
        maxResults: 100,
        days: 10,
        ask: () =>
          calls++ < answers.length
            ? Promise.resolve(answers[calls - 1]!)
            : Promise.reject(new ConnectorError('TRANSIENT', 'kota: GET /requests.json answered 503', { status: 503 })),
      });
    };
    const quiet = fails([[], []]);
    await quiet.read('requests', at(0).toISOString(), at(30), stamp);
    await expect(quiet.read('requests', at(10).toISOString(), at(30), stamp)).resolves.toMatchObject({ items: [] });
    const misrouted = fails([[{ id: 'old', day: -5 }]]);
    await expect(misrouted.read('requests', at(0).toISOString(), at(30), stamp)).rejects.toMatchObject({
      code: 'TRANSIENT',
    });
  });

  it('does not ask the live window again: there the cursor does not pass what the answer did not show', async () => {
    const { reader, asked } = server([], []);
    await reader.read('requests', at(0).toISOString(), at(30), stamp);
    const live = await reader.read('requests', at(25).toISOString(), at(30), stamp);
    expect(live.live).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('takes a server that keeps answering outside the window as ignoring the filters: cut to the window, said once', async () => {
    const everything = [
      { id: 'x', day: 1 },
      { id: 'y', day: 15 },
    ];
    const { reader, asked, logs } = server(everything);
    const first = await reader.read('requests', at(0).toISOString(), at(30), stamp);
    const second = await reader.read('requests', at(10).toISOString(), at(30), stamp);
    expect([first.items.map((i) => i.id), second.items.map((i) => i.id)]).toEqual([['x'], ['y']]);
    expect(asked).toHaveLength(2 * (1 + REASKS));
    expect(logs.lines().filter((l) => String(l.msg).includes('ignores start_date/end_date'))).toHaveLength(1);
  });

  it('asks a window again until it holds the records other answers showed it lacks, keeping every record any answer held', async () => {
    const { reader, asked } = server(
      [{ id: 'p', day: 3 }],
      [
        { id: 'p', day: 3 },
        { id: 'q', day: 4 },
        { id: 'out', day: 40 },
      ],
    );
    const window = { startMs: at(0).getTime(), endMs: at(10).getTime() };
    await expect(reader.askAgainFor('requests', window, new Set(['q']), stamp)).resolves.toEqual({
      items: [expect.objectContaining({ id: 'p' }), expect.objectContaining({ id: 'q' })],
      complete: true,
    });
    expect(asked).toHaveLength(2);
    await expect(reader.askAgainFor('requests', window, new Set(['hidden']), stamp)).resolves.toMatchObject({
      complete: false,
    });
    expect(asked).toHaveLength(2 + REASKS);
  });
});
