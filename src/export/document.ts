import { Document } from 'docx';
import { missingFields, str, type MissingField, type ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import { attachmentSections } from './attachments.js';
import { bodyParagraphs } from './body.js';
import { compileParts } from './compile.js';
import { FONT, section, SIZE } from './layout.js';
import { Pieces, splice } from './pieces.js';
import { xmlSafeDeep } from './xml-safe.js';
import { zipDocx } from './zip.js';

export interface BuiltReport {
  fileName: string;
  content: Uint8Array;
  /** Every input still missing; listed in section 十 of the document too. */
  missing: MissingField[];
}

/**
 * `{年度}年度{单位名称}单位整体支出绩效自评报告.docx`, safe as a file name. The name is cut at 80
 * code points, not UTF-16 units, so a cut never leaves half a surrogate pair (the name is also
 * the document's title in docProps/core.xml).
 */
export function reportFileName(model: ReportModel): string {
  const year = model.values['unit.year'];
  const unit = Array.from((str(model.values, 'unit.name') ?? '未命名单位').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')).slice(0, 80).join('');
  return `${year ?? '____'}年度${unit}单位整体支出绩效自评报告.docx`;
}

export interface BuildOptions {
  createdAt?: Date;
  /**
   * Let docx write the whole body in one go instead of in pieces (see pieces.ts): the same
   * bytes, several times the memory for a large report. For tests that compare the two.
   */
  inline?: boolean;
}

/** Required answers and scoring inputs still missing, without repeats. */
export function reportMissing(model: ReportModel, score: ScoreResult): MissingField[] {
  const seen = new Set<string>();
  return [...missingFields(model), ...score.missing].filter((m) => {
    const k = `${m.where ?? ''}|${m.label}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * Build the report DOCX from a model and the score result computed from it (the same result
 * object the chat prints, so document and chat cannot disagree). Pure apart from `createdAt`.
 *
 * Every string the document prints comes from the model, the score result (which carries the
 * unit's words: project names, reasons of manual scores) or the fixed messages, so cleaning the
 * first two here is the one place user text is made fit for XML: document.xml, the title in
 * docProps/core.xml, footers and every attachment table alike. Nothing below cleans again.
 */
export async function buildReport(input: ReportModel, inputScore: ScoreResult, opts: BuildOptions = {}): Promise<BuiltReport> {
  const model = xmlSafeDeep(input);
  const score = xmlSafeDeep(inputScore);
  const missing = reportMissing(model, score);
  const pieces = new Pieces(opts.inline);
  const doc = new Document({
    creator: '绩效自评助手',
    title: reportFileName(model).replace(/\.docx$/, ''),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia: FONT.body }, size: SIZE.body },
        },
      },
    },
    sections: [section(bodyParagraphs(model, score, missing, pieces), { first: true }), ...attachmentSections(model, score, pieces)],
  });
  // The pieces first, one at a time, so their objects are gone before docx writes the rest.
  const written = pieces.write(doc);
  const parts = await compileParts(doc);
  const body = parts.get('word/document.xml');
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error('report: docx gave no word/document.xml to put the pieces in');
  parts.set('word/document.xml', splice(body, written));
  return { fileName: reportFileName(model), content: zipDocx(parts, opts.createdAt ?? new Date()), missing };
}
