import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/import/read-file.js';
import type { ImportProposal } from '../../src/import/types.js';
import { gbk } from './gbk.js';

const value = (p: ImportProposal, key: string) => p.values.find((v) => v.key === key)?.value;
const source = (p: ImportProposal, key: string) => p.values.find((v) => v.key === key)?.source;

async function xlsx(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A 决算 table as a budget system exports it: in 元, a merged two-row header, 决算-style names. */
const juesuan = (wb: ExcelJS.Workbook) => {
  const ws = wb.addWorksheet('三公经费');
  ws.addRow(['2024年度一般公共预算“三公”经费支出决算表']);
  ws.mergeCells('A1:D1');
  ws.addRow(['部门：岳阳市法律援助中心', '', '', '金额单位：元']);
  ws.addRow(['项目', '2023年', '2024年', '']);
  ws.mergeCells('C3:D3');
  ws.addRow(['', '决算数', '预算数', '决算数']);
  ws.mergeCells('A3:A4');
  ws.addRow(['“三公”经费合计', 21000, 20000, { formula: 'D6+D7+D10', result: 18500 }]);
  ws.addRow(['  1.因公出国（境）费', 0, 0, 0]);
  ws.addRow(['  2.公务用车购置及运行费', 13000, 12000, '12,000.00']);
  ws.addRow(['    其中：公务用车购置费', 0, 0, 0]);
  ws.addRow(['          公务用车运行费', '13 000,00', 12000, { formula: 'D7-D8' }]);
  ws.addRow(['  3.公务接待费', 8000, '8,000', 6500]);
  ws.addRow(['政府采购', 108000, 120000, '(1,200.00)']);
  ws.addRow(['其他收入', 500, 600, 700]);
  ws.addRow([]);
  ws.addRow(['编制数', 11, '实有人数', 9]);
  const specials = wb.addWorksheet('专项');
  specials.addRow(['项目名称', '年初预算数', '全年预算数', '全年执行数', '执行率']);
  specials.addRow(['法律援助办案补贴', 50, 53.2, 52.36, 0.9842]);
  specials.getCell('E2').numFmt = '0.00%';
  specials.addRow(['法律援助宣传及业务培训', '20.00', '22.00', '21.70', '98.64%']);
  specials.addRow(['合计', 70, 75.2, 74.06, '']);
};

describe('a 决算-style sheet: units in 元, merged headers, formulas, text-stored numbers', async () => {
  const p = await readImportFile('决算表.xlsx', await xlsx(juesuan));

  it('is a sheet of 2024, figures in 万元 to the cent', () => {
    expect([p.kind, p.year]).toEqual(['sheet', 2024]);
    expect([value(p, 'sanGong.total.prior'), value(p, 'sanGong.total.budget')]).toEqual([2.1, 2]);
    expect([value(p, 'sanGong.car.prior'), value(p, 'sanGong.car.budget'), value(p, 'sanGong.car.actual')]).toEqual([1.3, 1.2, 1.2]);
    expect([value(p, 'sanGong.reception.prior'), value(p, 'sanGong.reception.budget'), value(p, 'sanGong.reception.actual')]).toEqual([0.8, 0.8, 0.65]);
    expect([value(p, 'sanGong.abroad.prior'), value(p, 'sanGong.carPurchase.actual')]).toEqual([0, 0]);
    expect([value(p, 'procurement.prior'), value(p, 'procurement.budget')]).toEqual([10.8, 12]);
  });

  it('reads a formula by its cached result and reports one without, never computing it', () => {
    expect(value(p, 'sanGong.total.actual')).toBe(1.85);
    expect(source(p, 'sanGong.total.actual')).toBe('三公经费!D5');
    expect(value(p, 'sanGong.carRunning.actual')).toBeUndefined();
    expect(p.unplaced).toContain('三公经费!D9 是公式但文件中没有保存计算结果，未读取（请在 Excel 中打开后保存一次再发送）');
  });

  it('reads text-stored numbers: 1,234.00, 1 234,00 and (12.00) as −12 (which a money field refuses, saying so)', () => {
    expect(value(p, 'sanGong.car.actual')).toBe(1.2); // '12,000.00'
    expect(value(p, 'sanGong.carRunning.prior')).toBe(1.3); // '13 000,00'
    expect(value(p, 'procurement.actual')).toBeUndefined();
    expect(p.unplaced.some((u) => u.startsWith('三公经费!D11：') && u.includes('-0.12'))).toBe(true);
  });

  it('lists the row it cannot place, and reads label/value pairs', () => {
    expect(p.unplaced).toContain('三公经费 第12行 其他收入 500 600 700');
    expect([value(p, 'staff.authorized'), value(p, 'staff.actual')]).toEqual([11, 9]);
  });

  it('reads 专项 rows by their 年初/全年/执行 columns (a % cell as a percentage, 合计 skipped)', () => {
    const items = p.items.map((i) => Object.fromEntries(i.values.map((v) => [v.key, v.value])));
    expect(items).toEqual([
      { 'special.name': '法律援助办案补贴', 'special.budgetInitial': 50, 'special.budgetFull': 53.2, 'special.executed': 52.36 },
      { 'special.name': '法律援助宣传及业务培训', 'special.budgetInitial': 20, 'special.budgetFull': 22, 'special.executed': 21.7 },
    ]);
    expect(p.unplaced.filter((u) => u.startsWith('专项'))).toEqual([]);
  });
});

describe('CSV', () => {
  const text = ['项目,上年决算数,本年预算数,本年决算数', '公务接待费,0.80,0.80,0.65', '“三公”经费,2.10,2.00,"1.85"', '基本支出合计,,,174.28'].join('\r\n');

  it('in GBK (what Excel writes on a Chinese Windows) is read correctly', async () => {
    const bytes = gbk(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const p = await readImportFile('决算.csv', bytes);
    expect([value(p, 'sanGong.reception.actual'), value(p, 'sanGong.total.actual'), value(p, 'basic.total')]).toEqual([0.65, 1.85, 174.28]);
    expect(source(p, 'sanGong.reception.actual')).toBe('第2行第4列');
  });

  it('in UTF-8 with and without BOM, the same', async () => {
    const plain = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, bom]) {
      const p = await readImportFile('决算.csv', bytes);
      expect([value(p, 'sanGong.reception.prior'), value(p, 'sanGong.total.budget'), value(p, 'basic.total')]).toEqual([0.8, 2, 174.28]);
    }
  });

  it('a cell that looks like a formula stays text', async () => {
    const p = await readImportFile('a.csv', new TextEncoder().encode('项目,本年决算数\n公务接待,=1+1\n基本支出,3'));
    expect(value(p, 'sanGong.reception.actual')).toBeUndefined();
    expect(p.unplaced).toContain('第2行第2列「=1+1」不是数字，未读取');
  });
});

describe('a home-made list', () => {
  it('names its unit and year in cells of their own: the proposal says so', async () => {
    const p = await readImportFile('自制.xlsx', await xlsx((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.addRow(['预算单位名称', '岳阳市法律援助中心']);
      ws.addRow(['年度', 2024]);
      ws.addRow(['基本支出合计', '174.28万元']);
      ws.addRow(['人员经费（元）', 1602000]);
    }));
    expect([p.kind, p.unitName, p.year]).toEqual(['sheet', '岳阳市法律援助中心', 2024]);
    expect([value(p, 'basic.total'), value(p, 'basic.personnel')]).toEqual([174.28, 160.2]);
  });
});
