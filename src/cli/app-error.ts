import { AppError } from '../errors.js';

/** The end of a command-line tool that failed: an AppError is one line `[CODE] message` and exit code 1; anything else is a bug and is thrown. */
export function reportAppError(e: unknown): 1 {
  if (e instanceof AppError) {
    console.error(`[${e.code}] ${e.message}`);
    return 1;
  }
  throw e;
}
