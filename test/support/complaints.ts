import { complaintId, contentHashOf, type Complaint } from '../../src/domain/complaint.js';
import type { Store } from '../../src/store/store.js';

/**
 * A complaint document as the ledger holds it, for tests that write the ledger directly:
 * its own case, version 1, received, "jalan rusak"; `over` sets what the test is about.
 */
export function testComplaint(
  source: string,
  externalId: string,
  reportedAt: string,
  over: Partial<Complaint> = {},
): Complaint {
  const id = complaintId(source, externalId);
  return {
    id,
    caseId: id,
    source,
    externalId,
    crossRefs: [],
    body: 'jalan rusak',
    rawBody: 'jalan rusak',
    anonim: false,
    rahasia: false,
    reportedAt,
    receivedAt: reportedAt,
    updatedAt: reportedAt,
    status: 'received',
    responses: [],
    attachments: [],
    contentHash: contentHashOf(externalId),
    version: 1,
    ...over,
  };
}

/** Writes a complaint through the ledger's compare-and-set, audited as a test write. */
export async function putComplaint(store: Pick<Store, 'ledger'>, c: Complaint): Promise<void> {
  await store.ledger.transact(c.id, () => ({ complaint: c, audit: { who: 'test', what: 'created', why: 'test' } }));
}
