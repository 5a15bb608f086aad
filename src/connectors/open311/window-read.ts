import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { versionKey, type Versioned } from '../common/skew.js';
import { firstWindow, halve, inWindow, w3c, type Window } from './window.js';

export interface Stamped extends Versioned {
  raw: unknown;
}

export type ListName = 'requests' | 'servicerequestupdates';
/** Reads each raw item's id, version and window time (on the clock of the pull). */
export type Stamp = (raw: unknown[]) => Stamped[];

export interface WindowAnswer {
  window: Window;
  /** The answer cut to the window. */
  items: Stamped[];
  /** The window reaches the source's "now" it was read at (neither cut by `days` nor split). */
  live: boolean;
}

/** How often an answer that cannot be this window's is asked for again before it is taken as the server's way. */
export const REASKS = 2;

export interface WindowReaderDeps {
  system: string;
  logger: Pick<Logger, 'warn'>;
  maxResults: number;
  days: number;
  /** One GET of a list over [start, end]. */
  ask(list: ListName, startW3c: string, endW3c: string, signal?: AbortSignal): Promise<unknown[]>;
}

const digest = (items: readonly Stamped[]) =>
  createHash('sha256').update(items.map(versionKey).sort().join('\n')).digest('base64url');

/**
 * Reads one window of one list and checks that the answer can be this window's before it is
 * used. An answer with records outside the window is another query's list (a cache that
 * ignores the query string, a stale copy of the last answer) or a server that ignores the
 * filters; an answer for a window in the past that repeats, record for record, the list's
 * last accepted answer for another window (empty after empty above all) may be that last
 * answer served again. Either is asked for again (up to REASKS times) before it is taken: then
 * as the server's way, cut to the window (said once). At the live edge a repeated answer is
 * not asked again: the cursor does not pass what it did not show (window.ts, nextStart).
 */
export function createWindowReader(deps: WindowReaderDeps) {
  const { system, logger } = deps;
  const accepted = new Map<ListName, { window: string; digest: string }>();
  let warnedFilters = false;

  function suspicion(list: ListName, items: readonly Stamped[], window: Window, past: boolean) {
    const outside = items.filter((i) => !inWindow(i.ms, window)).length;
    const last = accepted.get(list);
    const repeated =
      past &&
      last !== undefined &&
      last.window !== `${window.startMs}/${window.endMs}` &&
      last.digest === digest(items);
    return { outside, repeated };
  }

  async function answer(list: ListName, window: Window, past: boolean, stamp: Stamp, signal?: AbortSignal) {
    const [start, end] = [w3c(window.startMs), w3c(window.endMs)];
    let items = stamp(await deps.ask(list, start, end, signal));
    let doubt = suspicion(list, items, window, past);
    for (let again = 0; again < REASKS && (doubt.outside > 0 || doubt.repeated); again++) {
      try {
        items = stamp(await deps.ask(list, start, end, signal));
      } catch (err) {
        // A second look that failed in passing says nothing: an answer that only looked like a
        // repeat (empty after empty, mostly) is taken; one holding other windows' records is not.
        if (doubt.outside === 0 && isConnectorError(err) && err.code === 'TRANSIENT') break;
        throw err;
      }
      doubt = suspicion(list, items, window, past);
    }
    const said = digest(items);
    if (doubt.outside === 0) return { items, ignored: false, digest: said };
    if (!warnedFilters) {
      warnedFilters = true;
      logger.warn(
        {
          resource: list,
          returned: items.length,
          inWindow: items.length - doubt.outside,
          window: { start, end },
          meaning:
            'older requests the server no longer lists cannot be imported from it; new ones arrive as usual. Ask the platform for date filtering, or import the history from a file',
        },
        'the server ignores start_date/end_date: its answers are cut to each window here, and only what it returns at all (often its latest requests) can be imported',
      );
    }
    return { items: items.filter((i) => inWindow(i.ms, window)), ignored: true, digest: said };
  }

  /** The list's window from `startIso`; one that hits the server's cap is halved until it fits. */
  async function read(
    list: ListName,
    startIso: string,
    now: Date,
    stamp: Stamp,
    signal?: AbortSignal,
  ): Promise<WindowAnswer> {
    let window: Window | undefined = firstWindow(startIso, deps.days, now);
    for (;;) {
      const live = window.endMs >= now.getTime();
      const { items, ignored, digest: said } = await answer(list, window, !live, stamp, signal);
      if (items.length < deps.maxResults || ignored) {
        accepted.set(list, { window: `${window.startMs}/${window.endMs}`, digest: said });
        return { window, items, live };
      }
      const smaller = halve(window);
      if (!smaller)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${system}: more than ${deps.maxResults} results within one second at ${w3c(window.startMs)}; raise maxResults if the server allows`,
        );
      window = smaller;
    }
  }

  /**
   * Asks a past window's list again because other answers show it lacked records it holds
   * (requests filed in the window that its updates named): up to REASKS times, until an
   * answer holds them all. Returns what the answers held in the window (a record an answer
   * held is real, whichever answer it was), and whether one held them all.
   */
  async function askAgainFor(
    list: ListName,
    window: Window,
    ids: ReadonlySet<string>,
    stamp: Stamp,
    signal?: AbortSignal,
  ): Promise<{ items: Stamped[]; complete: boolean }> {
    const held = new Map<string, Stamped>();
    for (let again = 0; again < REASKS; again++) {
      const items = stamp(await deps.ask(list, w3c(window.startMs), w3c(window.endMs), signal));
      for (const i of items) if (inWindow(i.ms, window)) held.set(versionKey(i), i);
      if ([...ids].every((id) => items.some((i) => i.id === id))) {
        accepted.set(list, { window: `${window.startMs}/${window.endMs}`, digest: digest(items) });
        return { items: [...held.values()], complete: true };
      }
    }
    return { items: [...held.values()], complete: false };
  }

  return { read, askAgainFor };
}
