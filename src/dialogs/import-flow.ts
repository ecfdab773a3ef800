/**
 * A file's proposal in the conversation (issue 24 §4): nothing is stored before the user
 * confirms. The proposal waits in the dialog state (`pendingImport`) and is shown section by
 * section; 确认 stores the shown section through the same path as typed answers (Turn.write /
 * Turn.addItem), then the section's checks run as at the end of a section. A value that differs
 * from an answer already given is shown with both values and replaces it only when its section
 * is confirmed. While a file waits, answers and commands still work: the file is reminded once.
 *
 * Last year's report (src/import/shift.ts) also brings texts: once their section is confirmed
 * they wait in `priorTexts` and the question offers 「沿用去年表述」/「修改」 instead of typing.
 *
 * The flow is in src/dialogs/import/: entry.ts (a file sent, a message while one waits),
 * compile.ts (a proposal into the compact pending state), summary.ts (the questions before the
 * summary, the overview, the shown section), store.ts (确认 / 全部确认 of a section), words.ts
 * (the words while a file waits), prior-texts.ts (沿用去年表述 / 修改) and pending.ts (what they share).
 */

export { handleImport, importTurn } from './import/entry.js';
export { priorTextOffer } from './import/prior-texts.js';
