import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readSample } from './encoding.js';

/**
 * Identifies one version of an export: its size and its first 64 KiB. A cursor carries it,
 * so a row offset is never applied to a different file that happens to have the same name.
 */
export async function fingerprintOf(path: string): Promise<string> {
  const { size } = await stat(path);
  const hash = createHash('sha256')
    .update(`${size}:`)
    .update(await readSample(path));
  return hash.digest('hex').slice(0, 16);
}
