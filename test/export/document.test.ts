import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildReport, reportFileName } from '../../src/export/document.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { docxParts, documentText } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

const ref = loadRuleSet('yueyang-reference');
const build = (m: ReportModel, createdAt = new Date('2025-03-01T08:00:00Z')) => buildReport(m, scoreReport(m, ref), { createdAt });

describe('the seed report as DOCX', async () => {
  const built = await build(seedModel());
  const parts = docxParts(built.content);
  const xml = parts['word/document.xml']!;
  const text = documentText(built.content);

  it('is named {年度}年度{单位名称}单位整体支出绩效自评报告.docx', () => {
    expect(built.fileName).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(reportFileName({ ruleSetId: 'x', values: { 'unit.year': 2024, 'unit.name': 'a/b:c' }, groups: {} })).toBe('2024年度a_b_c单位整体支出绩效自评报告.docx');
  });

  it('every part is well-formed XML', () => {
    for (const [name, body] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) expect(XMLValidator.validate(body), name).toBe(true);
  });

  it('states the seed figures in generated sentences and the score with two decimals', () => {
    for (const s of ['基本支出合计174.28万元', '人员经费支出160.20万元', '公用支出14.08万元', '项目支出合计188.28万元', '市级专项资金项目2个，支出金额为74.06万元', '人员编制数11人，实有人数9人', '我中心无政府性基金预算支出', '自评得分96.88分，等级为“优”']) {
      expect(text).toContain(s);
    }
  });

  it('inserts the unit’s own words verbatim', () => {
    const m = seedModel();
    for (const key of ['narrative.overview', 'narrative.publicity', 'unit.functions']) expect(text).toContain(m.values[key]);
    for (const line of String(m.values['narrative.problems']).split('\n')) expect(text).toContain(line);
  });

  it('names what lost points under 六（一）, from the score result', () => {
    expect(text).toContain('预算调整率得1.00分（满分3.00分），预算调整率为 10.61%（10%–20%），扣 2 分。');
    expect(text).toContain('政府采购执行率得2.88分（满分3.00分）');
  });

  it('has the six attachments, each starting a new section, 2 and 3 landscape', () => {
    for (let n = 1; n <= 6; n++) expect(text).toContain(`附件${n}`);
    const sections = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)!;
    expect(sections).toHaveLength(7);
    expect(sections.slice(1).every((s) => s.includes('w:type w:val="nextPage"'))).toBe(true);
    expect(sections.map((s) => /w:orient="landscape"/.test(s))).toEqual([false, false, true, true, false, false, false]);
    // two 项目支出绩效自评表, one per 专项
    expect(text.match(/项目名称/g)).toHaveLength(2);
  });

  it('prints attachment 2 from the same score result as the chat (every indicator with its points)', () => {
    const score = scoreReport(seedModel(), ref);
    for (const ind of score.indicators) expect(text).toContain(ind.name);
    expect(text).toMatch(/合计\s*100\s*96\.88/);
  });

  it('sets GB/T 9704 margins, page numbers outside, no TOC field', () => {
    // 37 / 35 / 28 / 26 mm in twips
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders');
    const footers = Object.entries(parts).filter(([k]) => /word\/footer\d+\.xml/.test(k)).map(([, v]) => v);
    expect(footers.some((f) => f.includes('w:val="right"') && f.includes('PAGE'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"') && f.includes('PAGE'))).toBe(true);
    expect(xml).not.toMatch(/TOC \\|w:fldSimple/);
  });

  it('body text is 3号 with a fixed 28 pt line and a two-character indent', () => {
    const body = xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*基本支出合计174\.28(?:(?!<\/w:p>)[\s\S])*<\/w:p>/)![0];
    expect(body).toMatch(/<w:spacing [^>]*w:line="560" w:lineRule="exact"\/>/);
    expect(body).toContain('w:firstLine="640"');
    expect(body).toContain('<w:sz w:val="32"/>');
  });

  it('one table’s XML: widths on the table, the grid and every cell; header rows repeat; eastAsia on runs', () => {
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      expect(t).toMatch(/<w:tblW w:type="dxa" w:w="\d+"\/>/);
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const tblW = Number(t.match(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/)![1]);
      expect(grid.reduce((s, w) => s + w, 0)).toBe(tblW);
      const cells = t.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!;
      for (const c of cells) expect(c).toMatch(/<w:tcW w:type="dxa" w:w="\d+"\/>/);
      for (const r of t.match(/<w:r>[\s\S]*?<\/w:r>/g)!) expect(r).toMatch(/w:eastAsia="仿宋_GB2312"/);
    }
    // the self-evaluation table repeats its header row on every page
    const a2 = tables.find((t) => t.includes('扣分原因/说明'))!;
    expect(a2).toContain('<w:tblHeader/>');
  });

  it('every run names all four font slots', () => {
    const runs = xml.match(/<w:rFonts [^>]*\/>/g)!;
    expect(runs.length).toBeGreaterThan(100);
    for (const r of runs) for (const slot of ['w:ascii=', 'w:hAnsi=', 'w:cs=', 'w:eastAsia=']) expect(r).toContain(slot);
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
  });
});

describe('determinism', () => {
  it('the same model gives the same bytes; only the creation time changes them', async () => {
    const a = await build(seedModel());
    const b = await build(seedModel());
    expect(Buffer.from(a.content).equals(Buffer.from(b.content))).toBe(true);
    const c = await build(seedModel(), new Date('2026-01-01T00:00:00Z'));
    expect(Buffer.from(a.content).equals(Buffer.from(c.content))).toBe(false);
    const [pa, pc] = [docxParts(a.content), docxParts(c.content)];
    for (const k of Object.keys(pa)) if (k !== 'docProps/core.xml') expect(pc[k], k).toBe(pa[k]);
    expect(pc['docProps/core.xml']).toContain('2026-01-01T00:00:00Z');
  });
});

describe('bad input never breaks the document', () => {
  it('text with <, &, control characters, emoji and 20 000 characters lands intact and the XML stays valid', async () => {
    const m = seedModel();
    const nasty = `<script>alert("x")</script> & AT&T 😀🇨🇳 \u0001\u0008\u001f 结束`;
    const long = '长'.repeat(20_000);
    m.values['narrative.problems'] = nasty;
    m.values['narrative.measures'] = long;
    m.values['unit.name'] = '<单位&名称>';
    const built = await build(m);
    const parts = docxParts(built.content);
    expect(XMLValidator.validate(parts['word/document.xml']!)).toBe(true);
    const text = documentText(built.content);
    expect(text).toContain('<script>alert("x")</script> & AT&T 😀🇨🇳  结束'); // C0 controls cannot be stored in XML 1.0
    expect(text).toContain(long);
    expect(text).toContain('2024年度<单位&名称>');
    expect(built.fileName).toBe('2024年度_单位&名称_单位整体支出绩效自评报告.docx');
  });

  it('a report with no projects prints attachment 3 as 无', async () => {
    const m = seedModel();
    delete m.groups.special;
    const text = documentText((await build(m)).content);
    expect(text).toMatch(/附件3\n项目支出绩效自评表（一个一级项目支出一张表）\n无\n/);
    expect(text).toContain('3.项目支出绩效自评表（一个一级项目支出一张表）（无）');
  });

  it('an empty report builds, prints （未填） instead of 0 and lists what is missing under 十', async () => {
    const built = await build({ ruleSetId: 'yueyang-reference', values: {}, groups: {} });
    const text = documentText(built.content);
    expect(text).toContain('基本支出合计（未填）万元');
    expect(text).not.toMatch(/基本支出合计0\.00/);
    const ten = text.slice(text.indexOf('十、其他需要说明的情况'));
    expect(ten).toContain('以下数据尚未填写');
    expect(ten).toContain('人员经费');
    expect(built.missing.length).toBeGreaterThan(50);
    // 完成及时率 is certain even now: with no 时效 target it is not applicable (full marks)
    expect(text).toContain('暂得6.00分（尚有指标数据未填写，最高可得100.00分');
  });

  it('negative and partial figures do not crash the builder', async () => {
    const m = seedModel();
    m.values['budget.adjustment'] = -20;
    m.values['basic.public'] = -5;
    delete m.values['basic.personnel'];
    m.groups.special![0]!.values['special.budgetFull'] = 0;
    const text = documentText((await build(m)).content);
    expect(text).toContain('公用支出-5.00万元');
    expect(text).toContain('人员经费支出（未填）万元');
  });
});
