import type { RekapComplaint } from './types.js';

/**
 * Which OPD row a complaint counts in: by the OPD's id when the source gives one, else by
 * its name written loosely (case and spacing differ between sources). Undefined when the
 * complaint names no OPD at all: it belongs to the unassigned row.
 */
export function opdKey(opd: RekapComplaint['opd']): string | undefined {
  if (!opd) return undefined;
  if (opd.id?.trim()) return `id:${opd.id.trim()}`;
  const name = opd.name?.trim().replace(/\s+/g, ' ').toLowerCase();
  return name ? `name:${name}` : undefined;
}
