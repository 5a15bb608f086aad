import type { Random } from '../shared/random.js';

/**
 * Ways a real record arrives broken inside an otherwise good page: a zero date from a
 * MySQL column, a lost id, an emptied body, a garbled timeline, a flag nobody can read.
 * Only the served copy is damaged; the stored report stays intact.
 */
const VARIANTS: readonly ((record: Record<string, unknown>) => void)[] = [
  (r) => {
    r.last_activity_at = '0000-00-00 00:00:00';
  },
  (r) => {
    r.isi = null;
  },
  (r) => {
    r.tracking = [{ tracking_at: 'kemarin', tracking_by: null, tracking_note: 42 }];
  },
  (r) => {
    r.rahasia = null;
  },
  (r) => {
    r.created_at = '';
  },
];

export function corruptRecord(record: Record<string, unknown>, random: Random): Record<string, unknown> {
  const copy = structuredClone(record);
  random.pick(VARIANTS)(copy);
  return copy;
}
