import { hash } from 'node:crypto';
import type { PushJob, Target } from '../domain/push-job.js';

function short(...parts: string[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 20);
}

/**
 * Deterministic ids: the same work asked twice is one job. Answer jobs carry the number of
 * approved answers, so each approval asks once more and a re-asked batch is one job.
 */
export function pushJobId(job: PushJob, approvedCount = 0): string {
  switch (job.kind) {
    case 'forward':
      return `push.fwd.${short(job.complaintId, job.destination)}`;
    case 'tracking':
      return `push.trk.${short(job.complaintId, job.trackingId)}`;
    case 'status':
      return `push.sts.${short(job.complaintId, job.status)}`;
    case 'answers':
      return `push.ans.${short(job.caseId, job.target.system, job.target.externalId)}.${approvedCount}`;
  }
}

/** Send-state field names: what was written where. */
export const sendField = {
  forward: (destination: string) => `forward|${destination}`,
  tracking: (system: string) => `tracking|${system}`,
  status: (system: string) => `status|${system}`,
  /** Scoped by the answer's id: a case merge never makes an answer look unsent. */
  answer: (target: Target) => `answer|${target.system}|${target.externalId}`,
} as const;
