import type { PulledRecord } from '../connectors/types.js';
import { wellFormedId } from '../domain/external-id.js';

/**
 * Every id a record carries, as well-formed Unicode (see wellFormedId), whatever connector
 * or webhook made it: the one entrance applies this before anything is keyed by an id.
 */
export function withWellFormedIds(record: PulledRecord): PulledRecord {
  if (!record.ok)
    return record.externalId === undefined ? record : { ...record, externalId: wellFormedId(record.externalId) };
  const { draft } = record;
  return {
    ...record,
    externalId: wellFormedId(record.externalId),
    draft: {
      ...draft,
      externalId: wellFormedId(draft.externalId),
      crossRefs: draft.crossRefs.map((ref) => ({ ...ref, externalId: wellFormedId(ref.externalId) })),
      responses: draft.responses.map((r) =>
        r.externalId === undefined ? r : { ...r, externalId: wellFormedId(r.externalId) },
      ),
    },
  };
}
