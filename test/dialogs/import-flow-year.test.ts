import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { handleImport } from '../../src/dialogs/import-flow.js';
import { initialState, type Decision, type DialogState, type Snapshot } from '../../src/dialogs/types.js';
import { buildReport } from '../../src/export/document.js';
import { readImportFile } from '../../src/import/read-file.js';
import { writeTemplate } from '../../src/import/template.js';
import type { ImportProposal } from '../../src/import/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { applyPatch } from '../../src/store/patch.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * The report's 年度 is the report's: a file never sets `unit.year`, and a template or sheet of
 * another year is asked about before its figures are shown as this year's. Read by the real
 * readers: the template the bot sends (filled with the seed's 2024 figures), the seed's own DOCX,
 * CSV 决算 sheets with years in their headers.
 */
const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
const deps = { newId: () => `new-${++ids}` };
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
const keys = (d: Decision) => d.answers.map((a) => a.fieldKey);

/** A new report of `year`: only what opening it prefilled. */
const fresh = (year: number): ReportModel => ({ ruleSetId: 'yueyang-reference', values: { 'unit.name': '岳阳市法律援助中心', 'unit.year': year, 'unit.rank': '正科级' }, groups: {} });

class Chat {
  state: DialogState = { ...initialState(), unitId: 'unit-1', reportId: 'r1', step: { kind: 'done' } };
  constructor(
    public model: ReportModel,
    readonly year: number,
  ) {}
  private snap(): Snapshot {
    return {
      userId: 'u1',
      memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
      report: { id: 'r1', unitId: 'unit-1', year: this.year, version: 1, model: this.model },
      ruleSet,
      today: { year: 2026 },
      buttons: false,
    };
  }
  private take(d: Decision): Decision {
    this.model = applyPatch(this.model, { answers: d.answers, addItems: d.addItems, deleteItems: d.deleteItems });
    this.state = JSON.parse(JSON.stringify(d.state)) as DialogState;
    return d;
  }
  file(p: ImportProposal): Decision {
    return this.take(handleImport(this.snap(), this.state, p, deps));
  }
  say(msg: string): Decision {
    return this.take(handle(this.snap(), this.state, msg, deps));
  }
}

const OTHER_YEAR = '这份文件是 2024 年度的，与正在填写的 2025 年度不同：仍按 2025 年度的数据导入吗？';
const template2024 = async () => readImportFile('2024年度填报模板.xlsx', await writeTemplate(seedModel()));
const csv = (lines: string[]) => readImportFile('决算.csv', new TextEncoder().encode(lines.join('\r\n')));

describe('a template or sheet of another year', () => {
  it('the seed\'s 2024 template into a 2025 report is asked about before anything is shown; 取消 stores nothing', async () => {
    const p = await template2024();
    expect([p.kind, p.year]).toEqual(['template', 2024]);
    const chat = new Chat(fresh(2025), 2025);
    const asked = chat.file(p);
    expect(text(asked)).toContain(OTHER_YEAR);
    expect(text(asked)).toContain('1. 确认\n2. 取消');
    expect(text(asked)).not.toContain('从文件读到');
    expect(asked.answers).toEqual([]);
    const cancelled = chat.say('取消');
    expect(cancelled.answers).toEqual([]);
    expect(cancelled.addItems).toEqual([]);
    expect(cancelled.state.pendingImport).toBeUndefined();
    expect(text(cancelled)).toContain('已放弃导入「2024年度填报模板.xlsx」，没有保存文件中的内容。');
    expect(chat.model).toEqual(fresh(2025));
  });

  it('确认 takes its figures as 2025\'s, never its 年度: 查看 基本情况 still says 2025', async () => {
    const seed = seedModel();
    const chat = new Chat(fresh(2025), 2025);
    chat.file(await template2024());
    const shown = chat.say('确认');
    expect(text(shown)).toContain('已读取文件「2024年度填报模板.xlsx」');
    expect(text(shown)).not.toContain('年度：已填 2025');
    expect(chat.state.pendingImport!.values.some(([key]) => key === 'unit.year')).toBe(false);
    const stored = chat.say('全部确认');
    expect(keys(stored)).not.toContain('unit.year');
    expect(stored.answers.length).toBeGreaterThan(20);
    for (const key of ['staff.authorized', 'basic.personnel', 'budget.executed']) expect(chat.model.values[key], key).toEqual(seed.values[key]);
    expect(chat.model.values['unit.year']).toBe(2025);
    expect(text(chat.say('查看 基本情况'))).toMatch(/年度：2025/);
  });

  it('a template of the report\'s own year is not asked about, and its 年度 is not a value either', async () => {
    const chat = new Chat(fresh(2024), 2024);
    const d = chat.file(await template2024());
    expect(text(d)).not.toContain('这份文件是');
    expect(text(d)).toContain('已读取文件「2024年度填报模板.xlsx」（填报模板，作为本年数据）');
    expect(text(d)).toContain('从文件读到 基本情况');
    expect(d.state.pendingImport!.ask).toEqual([]);
    expect(d.state.pendingImport!.values.some(([key]) => key === 'unit.year')).toBe(false);
  });

  it('a sheet whose headers say 2024年决算数 is a 2024 sheet: asked in a 2025 report; 2024/2025 columns are not', async () => {
    const old = await csv(['项目,2023年决算数,2024年决算数', '公务接待费,0.80,0.65']);
    expect([old.kind, old.year]).toEqual(['sheet', 2024]);
    const asked = new Chat(fresh(2025), 2025).file(old);
    expect(text(asked)).toContain(OTHER_YEAR);
    expect(asked.state.pendingImport!.ask).toEqual([['otherYear', 2024, 2025]]);

    const now = await csv(['项目,2024年决算数,2025年决算数', '公务接待费,0.80,0.65']);
    expect([now.kind, now.year]).toEqual(['sheet', 2025]);
    const chat = new Chat(fresh(2025), 2025);
    const d = chat.file(now);
    expect(text(d)).not.toContain('这份文件是');
    expect(text(d)).toContain('从文件读到 经费控制');
    expect(chat.say('全部确认').answers.map((a) => [a.fieldKey, a.value])).toEqual([
      ['sanGong.reception.prior', 0.8],
      ['sanGong.reception.actual', 0.65],
    ]);
  });

  it('a sheet with 上年/本年 columns and no year is not asked about', async () => {
    const p = await csv(['项目,上年决算数,本年决算数', '公务接待费,0.80,0.65']);
    expect(p.year).toBeUndefined();
    expect(text(new Chat(fresh(2025), 2025).file(p))).not.toContain('这份文件是');
  });

  it('a sheet naming its 年度 in a cell of its own: asked, and the cell is not stored', async () => {
    const p = await csv(['年度,2024', '编制数,11']);
    expect([p.year, p.values.find((v) => v.key === 'unit.year')?.value]).toEqual([2024, 2024]);
    const chat = new Chat(fresh(2025), 2025);
    expect(text(chat.file(p))).toContain(OTHER_YEAR);
    chat.say('确认');
    expect(keys(chat.say('全部确认'))).toEqual(['staff.authorized']);
    expect(chat.model.values['unit.year']).toBe(2025);
  });
});

describe('a DOCX report never sets 年度', () => {
  it('of the same year, confirmed as this year\'s, into a report whose 年度 is not filled', async () => {
    const seed = seedModel();
    const docx = await buildReport(seed, scoreReport(seed, ruleSet), { createdAt: new Date('2025-01-10T08:00:00Z') });
    const p = await readImportFile(docx.fileName, docx.content);
    expect([p.kind, p.year, p.values.find((v) => v.key === 'unit.year')?.value]).toEqual(['report', 2024, 2024]);
    const model = fresh(2024);
    delete model.values['unit.year'];
    const chat = new Chat(model, 2024);
    expect(text(chat.file(p))).toContain('这份报告是 2024 年度的，与正在填写的年度相同');
    chat.say('确认');
    expect(chat.state.pendingImport!.values.some(([key]) => key === 'unit.year')).toBe(false);
    const stored = chat.say('全部确认');
    expect(keys(stored)).toContain('staff.authorized');
    expect(keys(stored)).not.toContain('unit.year');
    expect(chat.model.values['unit.year']).toBeUndefined();
  });

  it('of last year, into a 2025 report', async () => {
    const seed = seedModel();
    const docx = await buildReport(seed, scoreReport(seed, ruleSet), { createdAt: new Date('2025-01-10T08:00:00Z') });
    const chat = new Chat(fresh(2025), 2025);
    chat.file(await readImportFile(docx.fileName, docx.content));
    expect(keys(chat.say('全部确认'))).not.toContain('unit.year');
    expect(chat.model.values['unit.year']).toBe(2025);
  });
});
