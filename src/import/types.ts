import type { GroupId } from '../report/fields.js';
import type { FieldValue } from '../report/model.js';

/**
 * What a file proposes for a report: field values with where each came from. Importers are
 * adapters (docs/design): they read a file into a proposal and never write to the store; the
 * dialogs engine shows the proposal, the user confirms section by section, and the answers go
 * through the same patch path as typed ones.
 */

/** Where a value was read: 「附件1 第12行 本年决算数」, 「Sheet1!C7」, 「二、（一）第2段」. */
export type Source = string;

export interface ImportedValue {
  /** Field key of the catalogue (src/report/catalogue.ts), already in the field's unit. */
  key: string;
  value: FieldValue;
  source: Source;
}

/** An item of a repeated group (a 专项 with its indicator rows, a target). */
export interface ImportedItem {
  group: GroupId;
  values: ImportedValue[];
  children: ImportedItem[];
  source: Source;
}

/**
 * - `report`: a self-evaluation report (DOCX) laid out like the seed; `year` from its title.
 *   Its figures are that year's: the import layer turns them into last year's (上年决算数) and
 *   into defaults for facts that rarely change, when `year` is before the open report's year.
 * - `template`: our own XLSX template, filled on a PC (this year's figures).
 * - `sheet`: any other spreadsheet or CSV, rows matched by label (this year's figures).
 */
export type ImportKind = 'report' | 'template' | 'sheet';

export interface ImportProposal {
  kind: ImportKind;
  fileName: string;
  /** The report year the file is about, when it says (title 「2024年度…」, a template cell). */
  year?: number;
  /** The unit the file is about, when it says (title, 预算单位名称). */
  unitName?: string;
  values: ImportedValue[];
  items: ImportedItem[];
  /** Rows or paragraphs with figures that matched no field, e.g. 「Sheet1 第9行 其他支出 12.00」. */
  unplaced: string[];
}

/** Why a file could not be read; `message` is Chinese and says what to do next. */
export type ImportErrorCode =
  | 'IMPORT_TYPE' // not .docx/.xlsx/.xls/.csv (by content, not only by name)
  | 'IMPORT_TOO_LARGE' // over 20 MB, or expands past the unzip limit
  | 'IMPORT_CORRUPT' // not a readable file of its type
  | 'IMPORT_ENCRYPTED' // password-protected
  | 'IMPORT_TIMEOUT' // reading took too long
  | 'IMPORT_NOTHING'; // read, but no row or paragraph matched the catalogue

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Files accepted in any channel. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
