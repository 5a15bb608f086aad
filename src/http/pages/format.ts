/** How Indonesians name their zones; another zone is shown by its IANA name. */
const ZONE_LABELS: Readonly<Record<string, string>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneLabel(timeZone: string): string {
  return ZONE_LABELS[timeZone] ?? timeZone;
}

/** "2026-03-02 09:00 WIB", the form the CLI uses too. */
export function localTime(iso: string | undefined, timeZone: string, seconds = false): string {
  if (!iso) return '–';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toLocaleString('sv-SE', { timeZone }).slice(0, seconds ? 19 : 16)} ${zoneLabel(timeZone)}`;
}

export function count(n: number): string {
  return n.toLocaleString('id-ID');
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}
