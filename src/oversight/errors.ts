/** Stable error codes of oversight (issue 28); part of ErrorCode (src/errors.ts). */
export type OversightErrorCode =
  | 'OVERSIGHT_CODE_INVALID'
  | 'OVERSIGHT_ALREADY_LINKED'
  | 'OVERSIGHT_NOT_MEMBER'
  | 'OVERSIGHT_UNIT_UNKNOWN'
  | 'OVERSIGHT_NAME_INVALID';
