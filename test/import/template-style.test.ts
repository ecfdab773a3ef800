import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTemplate } from '../../src/import/template.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * How the template looks when opened in Excel / LibreOffice and printed: fonts named on every
 * styled cell, wrapped rows tall enough for their text, one page wide on paper.
 */

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
};

/** Cells our writer styled: every cell of the table has a border; the hidden key column and row do not. */
const styledCells = (ws: ExcelJS.Worksheet) => {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell({ includeEmpty: false }, (cell) => void (cell.border?.top ? out.push(cell) : undefined)));
  return out;
};

/** Merged ranges by their top-left cell: address → number of columns. */
const mergeSpans = (ws: ExcelJS.Worksheet) => {
  const spans = new Map<string, [from: number, to: number]>();
  for (const range of (ws.model as unknown as { merges: string[] }).merges ?? []) {
    const [a, b] = range.split(':') as [string, string];
    spans.set(a, [Number(ws.getCell(a).col), Number(ws.getCell(b).col)]);
  }
  return spans;
};

/**
 * A lower bound of the lines a text takes in a wrapped cell of `width` column units: a CJK
 * character is about two units wide at 11 pt (宋体 15 px, a unit 7 px), anything else one.
 */
const minLines = (text: string, width: number, size: number) =>
  text.split('\n').reduce((n, line) => {
    const units = ([...line].reduce((u, ch) => u + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0) * size) / 11;
    return n + Math.max(1, Math.ceil(units / width));
  }, 0);

describe('the template as a person sees and prints it', async () => {
  const books = { empty: await load(await writeTemplate()), seed: await load(await writeTemplate(seedModel())) };

  for (const [name, wb] of Object.entries(books)) {
    it(`${name}: every styled cell names its font and size; headers are bold or 黑体`, () => {
      for (const ws of wb.worksheets) {
        const cells = styledCells(ws);
        expect(cells.length).toBeGreaterThan(10);
        const bad = cells.filter((c) => !c.font?.name || !c.font?.size).map((c) => `${ws.name}!${c.address}`);
        expect(bad).toEqual([]);
      }
      const a1 = wb.getWorksheet('基础数据表')!;
      const find = (text: string) => styledCells(a1).find((c) => c.value === text)!;
      expect(find('部门整体支出绩效评价基础数据表').font).toMatchObject({ name: '黑体' });
      expect(find('经费控制情况（万元）').font).toMatchObject({ name: '宋体', size: 11, bold: true });
      expect(find('年度').font).toMatchObject({ name: '宋体', size: 11 });
      expect(find('年度').font.bold).toBeFalsy();
    });

    it(`${name}: a row whose text wraps has a height that fits it`, () => {
      for (const ws of wb.worksheets) {
        const spans = mergeSpans(ws);
        const short: string[] = [];
        ws.eachRow((row, r) => {
          if (r === 1) return;
          let lines = 1;
          let size = 11;
          row.eachCell({ includeEmpty: false }, (cell) => {
            if (!cell.border?.top || (cell.isMerged && cell.master !== cell)) return;
            const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
            const [from, to] = spans.get(cell.address) ?? [Number(cell.col), Number(cell.col)];
            let width = 0;
            for (let c = from; c <= to; c++) width += ws.getColumn(c).width ?? 9;
            const n = minLines(text, width, cell.font?.size ?? 11);
            if (n > lines) {
              lines = n;
              size = cell.font?.size ?? 11;
            }
          });
          // 宋体 11 pt takes 14.25 pt a line in Excel; a row is at most 409 pt high
          if (lines > 1 && !((row.height ?? 0) >= Math.min(409, (lines * 14.25 * size) / 11))) short.push(`${ws.name} row ${r}: ${lines} lines, height ${row.height}`);
        });
        expect(short).toEqual([]);
      }
    });
  }

  it('the 填写说明 and the 厉行节约保障措施 rows are sized; that text has the row’s whole width', () => {
    const a1 = books.seed.getWorksheet('基础数据表')!;
    const rowOf = (key: string) => {
      for (let r = 1; r <= a1.rowCount; r++) if (a1.getCell(r, 1).value === key) return a1.getRow(r);
      throw new Error(key);
    };
    const note = a1.getRow(rowOf('f:unit.year').number - 1);
    expect(String(note.getCell(2).value)).toMatch(/^填写说明/);
    expect(note.height).toBeGreaterThanOrEqual(2 * 14.25);
    const saving = rowOf('f:saving.measures');
    expect(saving.getCell(3).value).toBe('《公务接待管理办法》《差旅费管理办法》《公务用车管理制度》');
    expect(mergeSpans(a1).get(`C${saving.number}`)).toEqual([3, 5]);
    expect(saving.height).toBeGreaterThanOrEqual(14.25);
  });

  it('each sheet prints on A4, one page wide, as many pages high as needed', () => {
    const wb = books.seed;
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['基础数据表', '专项资金', '年度绩效目标', '其他数据']);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 });
    }
    expect(wb.worksheets.map((ws) => ws.pageSetup.orientation)).toEqual(['portrait', 'landscape', 'landscape', 'landscape']);
  });
});
