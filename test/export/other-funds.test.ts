import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/export/document.js';
import { missingFields, type ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { docxParts, docxSections, docxTables, xmlText } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * A unit that has 政府性基金, 国有资本经营 and 社会保险基金 spending (issue 29: such a report was
 * never built, so sections 三–五 and attachments 4–6 with data were untested). Each section and
 * attachment is read back from the DOCX and checked against the answers.
 */
const ref = loadRuleSet('yueyang-reference');

const FUNDS = [
  { base: 'govFund', name: '政府性基金', heading: '三、政府性基金预算支出情况', next: '四、', n: 4, budget: 120, executed: 96.5, purpose: '主要用于法律援助服务站点建设。' },
  { base: 'stateCapital', name: '国有资本经营', heading: '四、国有资本经营预算支出情况', next: '五、', n: 5, budget: 35.2, executed: 35.2, purpose: '补充国有企业资本金。\n用于下属企业法律顾问服务。' },
  { base: 'socialInsurance', name: '社会保险基金', heading: '五、社会保险基金预算支出情况', next: '六、', n: 6, budget: 8, executed: 8.64, purpose: '' },
] as const;

function withFunds(): ReportModel {
  const m = seedModel();
  for (const f of FUNDS) {
    Object.assign(m.values, { [`${f.base}.has`]: true, [`${f.base}.budget`]: f.budget, [`${f.base}.executed`]: f.executed });
    if (f.purpose) m.values[`${f.base}.purpose`] = f.purpose;
  }
  return m;
}

/** The body's text from a heading up to the next heading of the same level. */
function sectionText(body: string, from: string, to: string): string {
  const start = body.indexOf(`\n${from}`);
  expect(start, from).toBeGreaterThan(0);
  const end = body.indexOf(`\n${to}`, start + 1);
  expect(end, to).toBeGreaterThan(start);
  return body.slice(start + 1, end);
}

const rate = (a: number, b: number) => `${((a / b) * 100).toFixed(2)}%`;

describe('a report with all three other fund types', async () => {
  const m = withFunds();
  const score = scoreReport(m, ref);
  const doc = await buildReport(m, score, { createdAt: new Date('2025-03-01T08:00:00Z') });
  const sections = docxSections(doc.content);
  const body = xmlText(sections[0]!);

  it('is complete and well-formed: nothing missing, the score unchanged by these funds', () => {
    expect(missingFields(m)).toEqual([]);
    expect(doc.missing).toEqual([]);
    expect(score.total.toFixed(2)).toBe('96.88');
    for (const [name, part] of Object.entries(docxParts(doc.content))) if (/\.(xml|rels)$/.test(name)) expect(XMLValidator.validate(part), name).toBe(true);
    expect(sections).toHaveLength(7);
  });

  it.each(FUNDS)('$heading: the sentence with budget, execution and rate, then the purpose verbatim', (f) => {
    const text = sectionText(body, f.heading, f.next);
    const lines = text.split('\n').filter(Boolean);
    expect(lines[0]).toBe(f.heading);
    expect(lines[1]).toBe(`2024年度我中心${f.name}预算数${f.budget.toFixed(2)}万元，执行数${f.executed.toFixed(2)}万元，执行率${rate(f.executed, f.budget)}。`);
    expect(lines.slice(2)).toEqual(f.purpose ? f.purpose.split('\n') : []);
    expect(text).not.toContain(`无${f.name}`);
  });

  it.each(FUNDS)('附件$n: the $name table from the answers', (f) => {
    const t = xmlText(sections[f.n]!);
    expect(t).toContain(`附件${f.n}\n`);
    expect(docxTables(sections[f.n]!)).toEqual([
      [
        ['项目', '预算数（万元）', '执行数（万元）', '执行率', '主要用途'],
        [f.name, f.budget.toFixed(2), f.executed.toFixed(2), rate(f.executed, f.budget), f.purpose],
      ],
    ]);
  });

  it('the list of attachments no longer marks 4–6 as 无', () => {
    for (const f of FUNDS) {
      expect(body).toContain(`\n${f.n}.${f.name}预算支出情况表\n`);
      expect(body).not.toContain(`${f.n}.${f.name}预算支出情况表（无）`);
    }
  });
});

describe('one fund of each state: has, has none, not answered', async () => {
  const m = withFunds();
  m.values['stateCapital.has'] = false;
  delete m.values['socialInsurance.has'];
  const doc = await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') });
  const sections = docxSections(doc.content);
  const body = xmlText(sections[0]!);

  it('三 states the figures, 四 says 无, 五 says （未填） and 十 lists it', () => {
    expect(sectionText(body, FUNDS[0].heading, '四、')).toContain('政府性基金预算数120.00万元，执行数96.50万元，执行率80.42%。');
    expect(sectionText(body, FUNDS[1].heading, '五、')).toBe(`${FUNDS[1].heading}\n我中心无国有资本经营预算支出`);
    expect(sectionText(body, FUNDS[2].heading, '六、')).toBe(`${FUNDS[2].heading}\n（未填）`);
    expect(doc.missing.map((x) => x.key)).toEqual(['socialInsurance.has']);
    expect(body.slice(body.indexOf('十、其他需要说明的情况'))).toContain('社会保险基金预算支出');
  });

  it('附件4 has its table, 附件5 says 无, 附件6 （未填）', () => {
    expect(docxTables(sections[4]!)[0]![1]).toEqual(['政府性基金', '120.00', '96.50', '80.42%', '主要用于法律援助服务站点建设。']);
    expect(docxTables(sections[5]!)).toEqual([]);
    expect(xmlText(sections[5]!)).toMatch(/附件5\n国有资本经营预算支出情况表\n无\n/);
    expect(docxTables(sections[6]!)).toEqual([]);
    expect(xmlText(sections[6]!)).toMatch(/附件6\n社会保险基金预算支出情况表\n（未填）\n/);
    expect(body).toContain('\n5.国有资本经营预算支出情况表（无）\n');
    expect(body).toContain('\n6.社会保险基金预算支出情况表\n');
  });
});
