import type { FieldKind, GroupId } from './fields.js';

/**
 * How far a unit can grow its report. The dialogs refuse what goes past these, so a report at
 * the limits is the largest the Word build ever sees; it must build in the build worker (a
 * thread with a 192 MB old-generation heap, export/builder.ts BUILD_HEAP_MB).
 *
 * Measured (test/export/limits.test.ts builds these reports through the real BackgroundThread;
 * docs/performance.md has the figures): a report with every group at its limit and every text
 * answered at its maximum length in CJK characters — 100 专项 × 30 indicator rows, 100 targets,
 * 100 manual scores, 200-character texts, 10 000-character long texts — builds with a heap limit
 * of 49 MB (fails at 38 MB), and with long texts of 200 lines each with 49 MB too; the same
 * groups left empty (the list of missing answers at its longest, ~16 000 lines) with 27 MB. That
 * is because the build writes the parts that grow (a table per 专项, the missing list, the
 * unit's own paragraphs) in pieces (export/pieces.ts); docx writing the whole document at once
 * needed ~18 KB of heap per table cell and ran out of 192 MB at 20 empty 专项 × 30 rows.
 *
 * Lines count because each line of an answer is a paragraph of its own, and a paragraph costs
 * far more memory than its characters: 200-character one-line texts of 100 lines each (one
 * paragraph per two characters) needed 244 MB; long texts of 5 000 lines each 160 MB.
 *
 * No limit on the report's total size is needed on top: these bound it (≈ 36 000 answers,
 * ≈ 4.1 million characters; the DOCX at the limits is ~9 MB), and the build's memory depends on
 * the largest piece, not on the total.
 */

/** Items per group: 专项 per report, indicator rows per 专项, targets and manual scores per report. */
export const MAX_ITEMS: Readonly<Record<GroupId, number>> = {
  special: 100,
  specialIndicator: 30,
  target: 100,
  manualScore: 100,
};

type TextKind = Extract<FieldKind, 'text' | 'longtext'>;

/** Characters (code points, as the dialogs count them, newlines included) per text answer. */
export const MAX_CHARS: Readonly<Record<TextKind, number>> = { text: 200, longtext: 10_000 };

/**
 * Lines per text answer. A `text` field is one line (a name, a unit, a reason): a newline in it
 * should be refused or joined into the line. A long text keeps its paragraphs, up to 200.
 */
export const MAX_LINES: Readonly<Record<TextKind, number>> = { text: 1, longtext: 200 };
