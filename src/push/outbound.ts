import type { OutboundComplaint, OutboundResponse } from '../connectors/types.js';
import type { Complaint } from '../domain/complaint.js';
import type { ComplaintDraft } from '../domain/draft.js';
import { maskText } from '../domain/mask.js';
import type { OpdResponse } from '../store/responses.js';

export interface DestinationPolicy {
  public: boolean;
  sendIdentity: boolean;
}

/**
 * What leaves the bridge: text always masked (phone, NIK, KK, e-mail); reporter identity
 * only for a non-anonim complaint going to a destination allowed to hold it.
 */
export function outboundComplaint(
  complaint: Complaint & { classification: NonNullable<Complaint['classification']> },
  identity: ComplaintDraft['reporter'],
  policy: DestinationPolicy,
  categoryId: string | undefined,
): OutboundComplaint {
  const reporter =
    !complaint.anonim && policy.sendIdentity && identity
      ? {
          ...(identity.name ? { name: identity.name } : {}),
          ...(identity.phone ? { phone: identity.phone } : {}),
          ...(identity.email ? { email: identity.email } : {}),
        }
      : undefined;
  const location = complaint.location
    ? [
        complaint.location.text,
        complaint.location.desa && `Desa ${complaint.location.desa}`,
        complaint.location.kecamatan && `Kec. ${complaint.location.kecamatan}`,
      ]
        .filter(Boolean)
        .join(', ')
    : undefined;
  return {
    clientRef: complaint.id,
    classification: complaint.classification,
    ...(complaint.title ? { title: maskText(complaint.title) } : {}),
    body: maskText(complaint.body),
    ...(categoryId ? { categoryId } : {}),
    ...(location ? { location } : {}),
    anonim: complaint.anonim,
    rahasia: complaint.rahasia,
    reportedAt: complaint.reportedAt,
    ...(reporter && Object.keys(reporter).length > 0 ? { reporter } : {}),
    attachments: complaint.attachments,
  };
}

export function outboundResponse(response: OpdResponse): OutboundResponse {
  return {
    clientRef: response.id,
    text: maskText(response.text),
    by: response.opd ? `${response.by} (${response.opd})` : response.by,
    at: response.at,
  };
}

/** Answers to a rahasia complaint never go to a public channel: the one rule, for the push and the approval preview. */
export function answerMayGo(rahasia: boolean, policy: Pick<DestinationPolicy, 'public'>): boolean {
  return !(rahasia && policy.public);
}
