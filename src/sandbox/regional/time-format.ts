/** The ways the imitated systems write times on the wire. */
const WIB_MS = 7 * 3600_000;

/** Node/Mongo and Prisma: UTC ISO with milliseconds. */
export const isoUtc = (ms: number): string => new Date(ms).toISOString();

/** Laravel/MySQL: local WIB wall time, no offset, second precision. */
export function laravelTime(ms: number): string {
  return new Date(ms + WIB_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** GeoReport (W3C): second precision with the local offset. */
export function w3cWib(ms: number): string {
  return `${new Date(ms + WIB_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Reads what a client sends as a time filter: ISO (any offset), or Laravel wall time as WIB. */
export function parseClientTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(text) ? `${text.replace(' ', 'T')}+07:00` : text;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Truncates to whole seconds, as MySQL DATETIME and GeoReport times do. */
export const toSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
