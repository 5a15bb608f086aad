/** What can go wrong with an account request; the pages and the CLI word each code for people. */
export const ACCOUNT_ERRORS = ['INVALID_INPUT', 'EXISTS', 'NOT_FOUND', 'FORBIDDEN'] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERRORS)[number];

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
