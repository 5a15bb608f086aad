import type { z } from 'zod';
import { ConnectorError } from '../../domain/failures.js';

/**
 * Cursors are opaque to the pipeline: base64url JSON with a tag so a cursor saved for one
 * kind of connector is never misread by another. A cursor that does not decode is
 * CURSOR_INVALID: the operator resets it, nothing guesses a position.
 */
export function encodeCursor(tag: string, state: unknown): string {
  return `${tag}.${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')}`;
}

export function decodeCursor<T>(tag: string, cursor: string, schema: z.ZodType<T>, system: string): T {
  const prefix = `${tag}.`;
  if (!cursor.startsWith(prefix))
    throw new ConnectorError(
      'CURSOR_INVALID',
      `${system}: cursor was not made by this connector (expected "${tag}." prefix)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    throw new ConnectorError('CURSOR_INVALID', `${system}: cursor is not valid base64url JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ConnectorError(
      'CURSOR_INVALID',
      `${system}: cursor has an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  return parsed.data;
}
