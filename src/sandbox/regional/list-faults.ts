import type { SystemContext } from './system.js';

/**
 * The data faults of the shared controller, applied in the imitated system's own shapes:
 * a broken record inside a valid page, the previous page served again, a record edited
 * right after it was listed.
 */
export interface ListFaultHooks<T> {
  /** A broken copy of one record, as a buggy server would serialise it. */
  corrupt(item: T, pick: number): unknown;
  /** Changes a listed record in the store (status moves on, updated time bumps). */
  edit(item: T): void;
}

export function createListFaults(ctx: SystemContext) {
  const previous = new Map<string, unknown>();
  return function serve<T>(
    endpoint: string,
    items: T[],
    build: (page: unknown[]) => unknown,
    hooks: ListFaultHooks<T>,
  ): unknown {
    const last = previous.get(endpoint);
    if (last !== undefined && ctx.faults.fire('duplicatePage')) return last;
    let page: unknown[] = items;
    if (items.length > 0 && ctx.faults.fire('malformed')) {
      const at = ctx.random.int(0, items.length - 1);
      page = items.map((item, i) => (i === at ? hooks.corrupt(structuredClone(item), ctx.random.int(0, 9)) : item));
    }
    const body = build(structuredClone(page));
    previous.set(endpoint, body);
    if (items.length > 0 && ctx.faults.fire('editAfterList')) hooks.edit(items[ctx.random.int(0, items.length - 1)]!);
    return body;
  };
}
