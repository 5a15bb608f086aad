import type { Connector } from './types.js';

/**
 * How far a source's cursor has read it, as an ISO time for people, or undefined when its
 * connector cannot say (no time in the cursor, or a cursor it did not write: shown as it is).
 */
export function cursorReadUpTo(connector: Connector | undefined, cursor: string | null): string | undefined {
  if (!connector?.readUpTo || cursor === null) return undefined;
  try {
    const at = connector.readUpTo(cursor);
    return at && Number.isFinite(at.getTime()) ? at.toISOString() : undefined;
  } catch {
    return undefined;
  }
}
