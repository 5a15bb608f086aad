/** Slicing helpers shared by the imitated list endpoints. */
export function intParam(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

export function byTimeThenId<T>(time: (t: T) => number, id: (t: T) => string | number): (a: T, b: T) => number {
  return (a, b) => time(a) - time(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}
