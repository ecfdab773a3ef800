/** Stable error codes of the web dashboard's login (issue 28 item 5); part of ErrorCode (src/errors.ts). */
export type AdminErrorCode =
  | 'ADMIN_LINK_INVALID'
  | 'ADMIN_LINK_EXPIRED'
  | 'ADMIN_LINK_USED'
  | 'ADMIN_LINK_OTHER_PERSON'
  | 'ADMIN_NO_SESSION'
  | 'ADMIN_NOT_MEMBER';
