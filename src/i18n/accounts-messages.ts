/** An account error as the CLI words it: its code and the detail. */
type AccountProblem = { code: 'INVALID_INPUT' | 'EXISTS' | 'NOT_FOUND' | 'FORBIDDEN'; message: string };

/** What `lapor-bridge users` says: the `users` part of the catalogue (messages.ts). */
export const usersEn = {
  active: 'active',
  disabled: 'disabled',
  added: (u: string, role: string, opd?: string) => `account ${u} created: ${role}${opd ? ` for ${opd}` : ''}`,
  generated: (p: string) => `password (shown only now, give it to the user): ${p}`,
  disabledNow: (u: string, d: boolean) =>
    d ? `account ${u} disabled; its sessions ended` : `account ${u} enabled again`,
  reset: (u: string) => `password of ${u} changed; its sessions ended`,
  roleSet: (u: string, role: string, opd?: string) => `${u} is now ${role}${opd ? ` for ${opd}` : ''}`,
  tokenCreated: (id: string, token: string) =>
    `token ${id} (shown only now; send it as "Authorization: Bearer <token>"):\n${token}`,
  revoked: (id: string) => `token ${id} revoked`,
  error: (err: AccountProblem) => err.message,
};

export const usersId: typeof usersEn = {
  active: 'aktif',
  disabled: 'nonaktif',
  added: (u: string, role: string, opd?: string) => `akun ${u} dibuat: ${role}${opd ? ` untuk ${opd}` : ''}`,
  generated: (p: string) => `kata sandi (hanya ditampilkan sekarang, serahkan ke pengguna): ${p}`,
  disabledNow: (u: string, d: boolean) =>
    d ? `akun ${u} dinonaktifkan; sesinya diakhiri` : `akun ${u} diaktifkan kembali`,
  reset: (u: string) => `kata sandi ${u} diganti; sesinya diakhiri`,
  roleSet: (u: string, role: string, opd?: string) => `${u} sekarang ${role}${opd ? ` untuk ${opd}` : ''}`,
  tokenCreated: (id: string, token: string) =>
    `token ${id} (hanya ditampilkan sekarang; kirim sebagai "Authorization: Bearer <token>"):\n${token}`,
  revoked: (id: string) => `token ${id} dicabut`,
  error: (err: AccountProblem) => ACCOUNT_ERRORS_ID[err.code] + ` (${err.message})`,
};

const ACCOUNT_ERRORS_ID: Readonly<Record<AccountProblem['code'], string>> = {
  INVALID_INPUT: 'isian tidak sah',
  EXISTS: 'sudah ada',
  NOT_FOUND: 'tidak ditemukan',
  FORBIDDEN: 'tidak diizinkan',
};
