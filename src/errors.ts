/**
 * Errors the user or an operator can see carry a stable code (for logs, tests and support)
 * and a Chinese message from the catalogue that says what to do next.
 */
export type ErrorCode =
  | 'RULESET_UNREADABLE'
  | 'RULESET_INVALID'
  | 'RULESET_NOT_FOUND'
  | 'DATASET_UNREADABLE'
  | 'DATASET_INVALID'
  | 'DB_URL_INVALID'
  | 'DB_UNREACHABLE'
  | 'DB_MIGRATION_MODIFIED'
  | 'DB_MIGRATION_FAILED'
  | 'DB_MIGRATION_UNKNOWN'
  | 'STALE_WRITE'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVITE_INVALID'
  | 'INVITE_TOO_MANY_TRIES'
  | import('./oversight/errors.js').OversightErrorCode
  | import('./admin/errors.js').AdminErrorCode;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Every problem found, when there were several (the message lists them too). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
