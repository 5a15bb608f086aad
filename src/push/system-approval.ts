/**
 * An answer no person approved says why in its `approvedBy`, in these words (the API gives
 * them as they are); the pages read them back to say it in the reader's language.
 */
export const systemApproval = {
  noneNeeded: 'no approval needed for this OPD',
  published: (source: string) => `published on ${source}`,
  history: (source: string) => `delivered on ${source} before the bridge (history)`,
} as const;

export type SystemApproval = { kind: 'noneNeeded' } | { kind: 'published' | 'history'; source: string };

const PUBLISHED = /^published on (\S+)$/;
const HISTORY = /^delivered on (\S+) before the bridge \(history\)$/;

/** Which of those an `approvedBy` is; undefined for a person's name. */
export function systemApprovalOf(approvedBy: string): SystemApproval | undefined {
  if (approvedBy === systemApproval.noneNeeded) return { kind: 'noneNeeded' };
  const published = PUBLISHED.exec(approvedBy);
  if (published) return { kind: 'published', source: published[1]! };
  const history = HISTORY.exec(approvedBy);
  return history ? { kind: 'history', source: history[1]! } : undefined;
}
