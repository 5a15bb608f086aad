import { entryComplaints } from '../../src/store/audit.js';

/** The complaints the audit entries of one kind name, as often as they name them (an ingest page's entry lists many). */
export function audited(entries: readonly { fields: Record<string, string | undefined> }[], what: string): string[] {
  return entries.filter((e) => e.fields.what === what).flatMap((e) => entryComplaints(e.fields));
}
