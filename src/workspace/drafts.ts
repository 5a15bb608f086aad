import type { OpdResponse } from '../store/responses.js';

/** Drafts waiting for a head and the longest wait: the approval page and /metrics read the same count. */
export async function draftsWaiting(
  answers: AsyncIterable<OpdResponse>,
  now: Date,
): Promise<{ count: number; oldestWaitMs: number; drafts: OpdResponse[] }> {
  const drafts: OpdResponse[] = [];
  for await (const a of answers) if (a.state === 'draft') drafts.push(a);
  drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const oldest = drafts[0];
  return {
    count: drafts.length,
    oldestWaitMs: oldest ? Math.max(0, now.getTime() - Date.parse(oldest.createdAt)) : 0,
    drafts,
  };
}
