import ExcelJS from 'exceljs';
import { zh } from '../messages/zh.js';
import { parseCsv, decodeText } from './csv.js';
import { matchGrid, type Grid } from './grid.js';
import type { Deadline } from './limits.js';
import { ProposalBuilder } from './propose.js';
import { isTemplate, readTemplate } from './template.js';
import { colName, worksheetRows } from './xlsx-cells.js';
import { ImportError, type ImportProposal } from './types.js';

/**
 * Spreadsheets: .xlsx through exceljs (which never evaluates a formula: a formula cell gives its
 * cached result, or is reported when the file stored none) and .csv. Our own template is read
 * cell by cell (template.ts); any other sheet row by row, by labels (grid.ts, labels.ts).
 */

const S = zh.import.src;

/** Load a workbook, within the deadline (exceljs cannot be stopped: the answer is given, the load dropped). */
export async function loadWorkbook(content: Uint8Array, deadline: Deadline): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImportError('IMPORT_TIMEOUT', zh.import.timeout)), deadline.remaining());
  });
  try {
    await Promise.race([wb.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ExcelJS.Buffer), timeout]);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
  } finally {
    clearTimeout(timer);
  }
  return wb;
}

export async function readXlsx(fileName: string, content: Uint8Array, deadline: Deadline): Promise<ImportProposal> {
  const wb = await loadWorkbook(content, deadline);
  if (isTemplate(wb)) return readTemplate(fileName, wb, deadline);
  const out = new ProposalBuilder('sheet', fileName);
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const rows = worksheetRows(ws, deadline);
    const grid: Grid = {
      name: ws.name,
      rows,
      where: (r, c) => S.cell(ws.name, `${colName(c)}${r + 1}`),
      rowWhere: (r) => `${ws.name} 第${r + 1}行`,
    };
    const { year } = matchGrid(grid, out, deadline);
    if (year !== undefined && out.year === undefined) out.year = year;
  }
  return finish(out);
}

export function readCsv(fileName: string, content: Uint8Array, deadline: Deadline): ImportProposal {
  const rows = parseCsv(decodeText(content), deadline);
  const out = new ProposalBuilder('sheet', fileName);
  const grid: Grid = { name: fileName, rows, where: (r, c) => S.csvCell(r + 1, c + 1), rowWhere: (r) => `第${r + 1}行` };
  const { year } = matchGrid(grid, out, deadline);
  if (year !== undefined) out.year = year;
  return finish(out);
}

/** The unit and year a sheet names in cells of their own (预算单位名称, 年度), when its headers did not. */
function finish(out: ProposalBuilder): ImportProposal {
  const unit = out.get('unit.name');
  const year = out.get('unit.year');
  if (typeof unit === 'string') out.unitName = unit;
  if (typeof year === 'number') out.year = year;
  return out.build();
}
