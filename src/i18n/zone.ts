/**
 * Indonesia's three zones as people name them. Another zone is shown by its IANA name, so
 * a time is never labelled with a zone it is not in.
 */
const ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneLabel(timeZone: string): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}

/** "2026-03-02 09:00 WITA": a moment in the configured zone with its name; "–" when absent. */
export function localTime(
  iso: string | undefined | null,
  timeZone: string,
  options: { seconds?: boolean; empty?: string } = {},
): string {
  if (!iso) return options.empty ?? '–';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toLocaleString('sv-SE', { timeZone }).slice(0, options.seconds ? 19 : 16)} ${zoneLabel(timeZone)}`;
}
