import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/accounts/password.js';
import type { ROLES } from '../../../src/domain/roles.js';
import { can, type Action } from '../../../src/domain/roles.js';
import { directoryScope } from '../../../src/accounts/scope.js';
import { loadConfig } from '../../../src/config/load.js';
import { accessTo } from '../../../src/workspace/access.js';
import { inboxState } from '../../../src/workspace/states.js';

// The shipped Blora directory: rsud-cepu's parent is dinkes, whose parent is pemkab.
const scope = directoryScope(loadConfig({ env: {} }).opd);
const user = (role: (typeof ROLES)[number], opd?: string) => ({
  username: 'u',
  displayName: 'U',
  role,
  disabled: false,
  passwordChangedAt: '2026-01-01T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 't',
  ...(opd ? { opd } : {}),
});

describe('unit scope: an OPD account acts for its unit and its children, as the directory says', () => {
  it.each([
    ['dinkes', 'dinkes', true],
    ['dinkes', 'rsud-cepu', true],
    ['pemkab', 'rsud-cepu', true],
    ['rsud-cepu', 'dinkes', false],
    ['dinkes', 'dpupr', false],
    ['dinkes', undefined, false],
  ] as const)('%s covers %s: %s', (mine, code, expected) => {
    expect(
      scope.covers(
        mine,
        code
          ? { code, name: 'as the source wrote it', assignedBy: 'source' }
          : { name: 'Dinas Kesehatan', assignedBy: 'source' },
      ),
    ).toBe(expected);
  });

  it.each([
    ['dinkes', 'dinkes'],
    ['Dinas Kesehatan', 'dinkes'],
    ['DKK', 'dinkes'],
    ['Dinas Ngawur', undefined],
  ] as const)('%s is unit %s', (value, code) => {
    expect(scope.codeOf(value)).toBe(code);
  });
});

describe('roles and access', () => {
  it.each([
    ['admin', ['read_all', 'write_answer', 'assign_opd', 'operate', 'manage_users']],
    ['viewer', ['read_all']],
    ['opd_staff', ['write_answer']],
    ['opd_head', ['write_answer', 'approve_answer']],
  ] as const)('%s may %j', (role, actions) => {
    const all: Action[] = ['read_all', 'write_answer', 'approve_answer', 'assign_opd', 'operate', 'manage_users'];
    expect(all.filter((a) => can(role, a))).toEqual(actions);
  });

  const dinkes = { opd: { code: 'rsud-cepu', name: 'RSUD Cepu', assignedBy: 'source' as const }, rahasia: true };
  it.each([
    [user('admin'), { view: true, secretText: true, write: true, approve: false }],
    [user('viewer'), { view: true, secretText: false, write: false, approve: false }],
    [user('opd_staff', 'rsud-cepu'), { view: true, secretText: true, write: true, approve: false }],
    [user('opd_head', 'rsud-cepu'), { view: true, secretText: true, write: true, approve: true }],
    [user('opd_head', 'dinkes'), { view: true, secretText: true, write: true, approve: true }],
    [user('opd_head', 'dpupr'), { view: false, secretText: false, write: false, approve: false }],
  ])('%o on a rahasia RSUD Cepu complaint', (u, expected) => {
    expect(accessTo(u, dinkes, scope)).toEqual(expected);
  });
});

describe('inbox state: one per complaint, first match wins', () => {
  const v = (answered: boolean, overdue: boolean, closedWithoutAnswer = false) => ({
    answered,
    overdue,
    closedWithoutAnswer,
  });
  it.each([
    ['received', [], v(false, false), 'baru'],
    ['in_progress', [], v(false, false), 'perlu_jawaban'],
    ['in_progress', [], v(false, true), 'terlambat'],
    ['in_progress', [{ state: 'draft' }], v(false, true), 'menunggu_persetujuan'],
    ['in_progress', [{ state: 'rejected' }], v(false, false), 'perlu_jawaban'],
    ['in_progress', [{ state: 'draft' }, { state: 'approved' }], v(false, true), 'terkirim'],
    ['responded', [], v(true, false), 'terkirim'],
    ['archived', [], v(false, false, true), 'ditutup'],
  ] as const)('%s with %j → %s', (status, answers, verdict, expected) => {
    expect(inboxState({ status }, answers, verdict)).toBe(expected);
  });
});

describe('passwords', () => {
  it('are kept as salted scrypt hashes that verify only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterz', a)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });
});
