import type ExcelJS from 'exceljs';
import type { Deadline } from './limits.js';
import type { ImportProposal } from './types.js';

export const TEMPLATE_MARKER = 'jixiao-template:1';
export function isTemplate(wb: ExcelJS.Workbook): boolean {
  return wb.worksheets.some((ws) => ws.getCell('A1').value === TEMPLATE_MARKER);
}
export function readTemplate(fileName: string, wb: ExcelJS.Workbook, deadline: Deadline): ImportProposal {
  void wb;
  void deadline;
  return { kind: 'template', fileName, values: [], items: [], unplaced: [] };
}
