import { zh } from '../messages/zh.js';
import { ImportError } from './types.js';

/**
 * Bounds on what reading one file may cost. The 20 MB of the file itself is MAX_IMPORT_BYTES
 * (types.ts); these bound what it may expand to and how long reading may take.
 */

/** Sum of the uncompressed sizes of a DOCX/XLSX's zip entries (declared and actual). */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** Entries of a DOCX/XLSX's zip (a real report has ~20, a workbook ~10 + 1 per sheet). */
export const MAX_ZIP_ENTRIES = 2000;
/** Wall-clock time reading one file may take, checked in every loop over its content. */
export const READ_TIMEOUT_MS = 30_000;
/** Rows and columns of one sheet that are looked at; cells beyond are not read. */
export const MAX_SHEET_ROWS = 5000;
export const MAX_SHEET_COLS = 60;

/**
 * A point in time after which reading gives up with IMPORT_TIMEOUT. `check` is cheap (a clock
 * read every 1024 calls), so loops call it on every step.
 */
export class Deadline {
  private calls = 0;
  private readonly until: number;

  constructor(ms: number = READ_TIMEOUT_MS, private readonly now: () => number = Date.now) {
    this.until = now() + ms;
  }

  check(): void {
    if ((++this.calls & 1023) === 0) this.checkNow();
  }

  checkNow(): void {
    if (this.now() > this.until) throw new ImportError('IMPORT_TIMEOUT', zh.import.timeout);
  }

  /** Milliseconds left (for timers around library calls that cannot check themselves). */
  remaining(): number {
    return Math.max(0, this.until - this.now());
  }
}
