import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/template.js';
import { readImportFile } from '../../src/import/read-file.js';
import { writeTemplate } from '../../src/import/template.js';
import type { ImportProposal } from '../../src/import/types.js';
import { SEED_FILE, seedModel } from '../helpers/rulesets.js';
import { flatModel, flatProposal } from './helpers.js';

const value = (p: ImportProposal, key: string) => p.values.find((v) => v.key === key)?.value;

describe('the template written from the seed, read back', async () => {
  const m = seedModel();
  const p = await readImportFile('模板.xlsx', await writeTemplate(m));

  it('is kind template of 2024 for the seed unit', () => {
    expect([p.kind, p.year, p.unitName]).toEqual(['template', 2024, '岳阳市法律援助中心']);
  });

  it('gives back every value of the seed, exactly, and nothing else', () => {
    const want = flatModel(m);
    const got = flatProposal(p);
    expect([...want].filter(([k, v]) => got.get(k) !== v)).toEqual([]);
    expect([...got.keys()].filter((k) => !want.has(k))).toEqual([]);
    expect(p.unplaced).toEqual([]);
  });

  it('says which cell each value came from', () => {
    expect(p.values.find((v) => v.key === 'sanGong.reception.actual')?.source).toMatch(/^基础数据表!E\d+$/);
  });
});

describe('an empty template filled on a PC', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await writeTemplate()) as unknown as ExcelJS.Buffer);
  const a1 = wb.getWorksheet('基础数据表')!;
  const rowOf = (ws: ExcelJS.Worksheet, key: string) => {
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return r;
    throw new Error(key);
  };
  // a user inserts a column before the table: the mapping follows the hidden column ordinals
  a1.spliceColumns(3, 0, []);
  a1.getCell(rowOf(a1, 'f:unit.year'), 4).value = 2025;
  a1.getCell(rowOf(a1, 'ctl:sanGong.reception'), 6).value = '6,500.5'; // text-stored number (万元 in the template)
  a1.getCell(rowOf(a1, 'ctl:sanGong.total'), 6).value = { formula: 'F10+F11', result: 12.5 } as ExcelJS.CellFormulaValue;
  a1.getCell(rowOf(a1, 'ctl:sanGong.car'), 6).value = { formula: 'F12+F13' } as ExcelJS.CellFormulaValue;
  a1.getCell(rowOf(a1, 'f:building.has'), 4).value = '无';
  const sp = wb.getWorksheet('专项资金')!;
  sp.getCell(rowOf(sp, 'sp:2:f:special.name'), 3).value = '新项目';
  sp.getCell(rowOf(sp, 'sp:2:funds'), 3).value = 30;
  sp.getCell(rowOf(sp, 'sp:2:ind:1'), 4).value = '受理案件数';
  sp.getCell(rowOf(sp, 'sp:2:ind:1'), 7).value = 100;
  const tg = wb.getWorksheet('年度绩效目标')!;
  tg.getCell(rowOf(tg, 'tg:1'), 2).value = '数量';
  tg.getCell(rowOf(tg, 'tg:1'), 9).value = 0.95;
  tg.getCell(rowOf(tg, 'tg:1'), 9).numFmt = '0%';
  const other = wb.getWorksheet('其他数据')!;
  other.getCell(rowOf(other, 'f:unit.rank'), 3).value = '部级';
  const p = await readImportFile('填好的模板.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));

  it('reads what was filled in, cell by cell, by the hidden keys', () => {
    expect(p.kind).toBe('template');
    expect(value(p, 'unit.year')).toBe(2025);
    expect(value(p, 'sanGong.reception.actual')).toBe(6500.5);
    expect(value(p, 'sanGong.total.actual')).toBe(12.5);
    expect(value(p, 'building.has')).toBe(false);
  });

  it('reports a formula without a cached value and a value that is not a choice', () => {
    expect(value(p, 'sanGong.car.actual')).toBeUndefined();
    expect(p.unplaced).toEqual([
      '基础数据表!F10 是公式但文件中没有保存计算结果，未读取（请在 Excel 中打开后保存一次再发送）',
      '其他数据!C3：「机构级别」为「部级」，只能是：正厅级 / 副厅级 / 正处级 / 副处级 / 正科级 / 副科级 / 股级 / 其他，未采用',
    ]);
  });

  it('reads only the 专项 block and the target row that were filled, a % cell as a percentage', () => {
    expect(p.items.map((i) => i.group)).toEqual(['special', 'target']);
    const sp2 = p.items[0]!;
    expect(sp2.values.map((v) => [v.key, v.value])).toEqual([['special.name', '新项目'], ['special.budgetInitial', 30]]);
    expect(sp2.children.map((c) => c.values.map((v) => [v.key, v.value]))).toEqual([[['specialIndicator.name', '受理案件数'], ['specialIndicator.target', 100]]]);
    expect(p.items[1]!.values.map((v) => [v.key, v.value])).toEqual([['target.category', '数量'], ['target.levelPercent', 95]]);
  });
});

describe('npm run template', () => {
  it('writes the template from a dataset, and says how to call it when --out is missing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tpl-')), '模板.xlsx');
    expect(await main(['--', '--out', out, '--from', SEED_FILE])).toBe(0);
    const p = await readImportFile('模板.xlsx', new Uint8Array(readFileSync(out)));
    expect(value(p, 'basic.total')).toBe(174.28);
    expect(await main(['--from', SEED_FILE])).toBe(2);
  });
});
