import dayjs from 'dayjs';
import type ExcelJS from 'exceljs';
import { zh } from '../messages/zh.js';
import { roundTo } from '../report/format.js';
import type { UnitStatus } from './status.js';

const O = zh.oversight;
const H = O.sheetHeaders;

/** `2024年度绩效自评汇总表.xlsx` (no year: each unit's most recent report). */
export const sheetFileName = (year?: number) => `${year ? `${year}年度` : ''}绩效自评汇总表.xlsx`;

/**
 * 汇总表 (issue 28 item 2): one row per unit in the order of 汇总, one column per indicator score
 * (its 分值 in the header), then the total, grade and the reviewer's warnings. A pending indicator
 * is an empty cell; a unit without a report has only its name. Indicators are the union over the
 * units' rule sets, in the order first met.
 */
export async function writeSummarySheet(statuses: UnitStatus[]): Promise<Uint8Array> {
  const indicators: { id: string; name: string; weight: number }[] = [];
  for (const s of statuses) {
    for (const i of s.score?.indicators ?? []) if (!indicators.some((x) => x.id === i.id)) indicators.push({ id: i.id, name: i.name, weight: i.weight });
  }
  // loaded when a sheet is asked for: exceljs is ~20 MB that a server answering turns never needs
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = '绩效自评助手';
  const ws = wb.addWorksheet(O.sheetTitle, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const head = [H.unit, H.year, H.progress, H.missing, ...indicators.map((i) => `${i.name}（${i.weight}分）`), H.total, H.grade, H.complete, H.flags, H.last];
  const headRow = ws.addRow(head);
  headRow.font = { bold: true };
  headRow.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.getColumn(1).width = 30;
  for (let c = 2; c <= head.length; c++) ws.getColumn(c).width = 12;
  ws.getColumn(head.length - 1).width = 50;
  for (const s of statuses) {
    if (!s.report || !s.score) {
      ws.addRow([s.unitName]);
      continue;
    }
    const byId = new Map(s.score.indicators.map((i) => [i.id, i.points]));
    const points = indicators.map((i) => {
      const p = byId.get(i.id);
      return p === null || p === undefined ? null : roundTo(p);
    });
    const row = ws.addRow([
      s.unitName,
      s.report.year,
      s.total ? roundTo(s.done / s.total, 4) : 0,
      s.missing.length,
      ...points,
      roundTo(s.score.total),
      s.score.complete ? s.score.grade : `${s.score.grade}（${zh.grade.provisional}）`,
      s.score.complete ? O.yes : O.no,
      s.flags.map((f) => f.message).join('；'),
      dayjs(s.report.updatedAt).format('YYYY-MM-DD HH:mm'),
    ]);
    row.getCell(3).numFmt = '0%';
    for (let c = 5; c <= 5 + indicators.length; c++) row.getCell(c).numFmt = '0.00';
    row.getCell(head.length - 1).alignment = { wrapText: true };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
