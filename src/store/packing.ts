/** A time as the compact encodings store it: epoch milliseconds when that gives the text back exactly, else the text. */
export type PackedTime = number | string;

export function timeOut(iso: string): PackedTime {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

export function timeIn(t: PackedTime): string {
  return typeof t === 'number' ? new Date(t).toISOString() : t;
}

/** The object without its undefined properties, as JSON would store it. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
