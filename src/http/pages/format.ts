export { localTime, zoneLabel } from '../../i18n/zone.js';

export function count(n: number): string {
  return n.toLocaleString('id-ID');
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}
