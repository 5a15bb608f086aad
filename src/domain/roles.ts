/**
 * Who may do what. Diskominfo operators (admin) run the bridge but never sign an answer:
 * the Kepala Dinas wants every answer to go through the head of its OPD.
 */
export const ROLES = ['admin', 'viewer', 'opd_staff', 'opd_head'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to one OPD and see only its complaints (and its child units'). */
export const OPD_ROLES: ReadonlySet<Role> = new Set(['opd_staff', 'opd_head']);

export const ACTIONS = [
  'read_all', //        every complaint, every OPD
  'write_answer', //    write or edit a draft answer
  'approve_answer', //  approve or reject a draft (OPD head, within scope)
  'assign_opd', //      triage: assign a complaint to an OPD
  'operate', //         queues, dead letters, sync logs, audit
  'manage_users', //    accounts and tokens of others
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Action[]>> = {
  admin: ['read_all', 'write_answer', 'assign_opd', 'operate', 'manage_users'],
  viewer: ['read_all'],
  opd_staff: ['write_answer'],
  opd_head: ['write_answer', 'approve_answer'],
};

export function can(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}
