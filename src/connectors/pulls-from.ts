import type { Connector } from './types.js';

/**
 * The change time a source's next pull asks from (ISO), for people, or undefined when its
 * connector cannot say (no time in the cursor, or a cursor it did not write: shown as it is).
 */
export function cursorPullsFrom(connector: Connector | undefined, cursor: string | null): string | undefined {
  if (!connector?.pullsFrom || cursor === null) return undefined;
  try {
    const at = connector.pullsFrom(cursor);
    return at && Number.isFinite(at.getTime()) ? at.toISOString() : undefined;
  } catch {
    return undefined;
  }
}
