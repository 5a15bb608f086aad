import type { User } from '../accounts/accounts.js';
import { can } from '../domain/roles.js';
import type { UnitScope } from '../accounts/scope.js';
import type { Complaint } from '../domain/complaint.js';

/**
 * Who may see and act on one complaint. Diskominfo (admin) and viewers read every OPD;
 * OPD accounts read their unit's complaints and its children's. Only an OPD head of the
 * complaint's unit (or a parent unit) approves: admins never sign an answer.
 */
export interface Access {
  view: boolean;
  /** Rahasia text: the complaint's own OPD and admins; viewers see that it exists, not what it says. */
  secretText: boolean;
  write: boolean;
  approve: boolean;
}

export function accessTo(user: User, complaint: Pick<Complaint, 'opd' | 'rahasia'>, scope: UnitScope): Access {
  const inScope = user.opd !== undefined && scope.covers(user.opd, complaint.opd);
  const view = can(user.role, 'read_all') || inScope;
  return {
    view,
    secretText: user.role === 'admin' || inScope,
    write: can(user.role, 'write_answer') && (user.role === 'admin' || inScope),
    approve: can(user.role, 'approve_answer') && inScope,
  };
}
