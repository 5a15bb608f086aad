import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A poll's allowance of HTTP requests. The poll opens one around its pulls; the one HTTP
 * client counts every request made inside it (list pages, detail calls, retries), however
 * deep in a connector, so a source that never says "done" cannot be asked forever.
 */
export class RequestBudgetSpent extends Error {
  constructor(
    readonly limit: number,
    readonly system: string,
  ) {
    super(
      `${system}: this poll made its ${limit} requests (limits.requestsPerPoll); it stops here and the next poll goes on from the saved position`,
    );
    this.name = 'RequestBudgetSpent';
  }
}

interface Budget {
  limit: number;
  used: number;
}

const current = new AsyncLocalStorage<Budget>();

/** Runs `work` with at most `limit` requests; a request beyond that throws RequestBudgetSpent. */
export function withRequestBudget<T>(limit: number, work: () => Promise<T>): Promise<T> {
  return current.run({ limit, used: 0 }, work);
}

/** Requests used so far by the poll this call runs in (0 outside any poll). */
export function requestsUsed(): number {
  return current.getStore()?.used ?? 0;
}

/** Counts one request against the surrounding poll's budget, if any. */
export function spendRequest(system: string): void {
  const budget = current.getStore();
  if (!budget) return;
  if (budget.used >= budget.limit) throw new RequestBudgetSpent(budget.limit, system);
  budget.used += 1;
}
