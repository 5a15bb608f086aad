import type { Complaint } from '../domain/complaint.js';
import type { OpdLookup } from '../opd/directory.js';
import type { RoutingExample } from '../store/routing-models.js';
import type { LabelledExample } from './classifier.js';

/** What the model reads of a complaint: title and text, and the channel's category. */
export function routingInputOf(c: Pick<Complaint, 'title' | 'body' | 'category'>): { text: string; category?: string } {
  const category = c.category?.name ?? c.category?.id;
  return { text: [c.title, c.body].filter(Boolean).join('\n'), ...(category ? { category } : {}) };
}

/**
 * A labelled example from a ledger complaint: an operator's label when there is one, else
 * an OPD its source named and the directory knows. Rule and model routings are left out
 * (the model would learn its own guesses). Labels count under the unit holding the work today.
 * A returned complaint ("bukan wewenang") keeps that status at its source after an operator
 * assigned the right OPD: the operator's label is what it teaches.
 */
export function exampleOf(
  c: Complaint,
  label: RoutingExample | undefined,
  units: Pick<OpdLookup, 'current'>,
): LabelledExample | undefined {
  const code =
    label?.opd ??
    (c.opd?.code && (c.opd.assignedBy === 'source' || c.opd.assignedBy === 'operator') ? c.opd.code : undefined);
  // A "bukan wewenang" return teaches only through the OPD an operator then chose for it.
  if (!code || (c.status === 'not_authority' && !label)) return undefined;
  const opd = units.current(code)?.code;
  return opd ? { ...routingInputOf(c), opd } : undefined;
}
