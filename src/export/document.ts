import { Document, Packer } from 'docx';
import { missingFields, str, type MissingField, type ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import { attachmentSections } from './attachments.js';
import { bodyParagraphs } from './body.js';
import { FONT, section, SIZE } from './layout.js';
import { normalizeDocx } from './zip.js';

export interface BuiltReport {
  fileName: string;
  content: Uint8Array;
  /** Every input still missing; listed in section 十 of the document too. */
  missing: MissingField[];
}

/** `{年度}年度{单位名称}单位整体支出绩效自评报告.docx`, safe as a file name. */
export function reportFileName(model: ReportModel): string {
  const year = model.values['unit.year'];
  const unit = (str(model.values, 'unit.name') ?? '未命名单位').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80);
  return `${year ?? '____'}年度${unit}单位整体支出绩效自评报告.docx`;
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
 */
export async function buildReport(model: ReportModel, score: ScoreResult, opts: { createdAt?: Date } = {}): Promise<BuiltReport> {
  const missing = reportMissing(model, score);
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
    sections: [section(bodyParagraphs(model, score, missing), { first: true }), ...attachmentSections(model, score)],
  });
  const raw = await Packer.toBuffer(doc);
  return { fileName: reportFileName(model), content: normalizeDocx(raw, opts.createdAt ?? new Date()), missing };
}
