import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/dialogs/values.js';
import { getField } from '../../src/report/catalogue.js';

const f = (key: string) => getField(key)!;
const ok = (key: string, text: string) => {
  const r = parseAnswer(f(key), text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r;
};
const err = (key: string, text: string) => {
  const r = parseAnswer(f(key), text);
  if (r.ok) throw new Error(`${text} was accepted as ${String(r.value)}`);
  return r;
};

describe('answers converted to the field’s unit', () => {
  it.each([
    ['174.28', 174.28, '174.28万元'],
    ['174.28万', 174.28, '174.28万元'],
    ['1,742,800元', 174.28, '174.28万元'],
    ['1742800 元', 174.28, '174.28万元'],
    ['0.017428亿', 174.28, '174.28万元'],
    ['１７４．２８', 174.28, '174.28万元'],
    ['一百七十四点二八万', 174.28, '174.28万元'],
    ['160.2', 160.2, '160.20万元'],
  ])('人员经费 %s → %f, echoed as %s', (text, value, display) => {
    const r = ok('basic.personnel', text);
    expect(r.value).toBeCloseTo(value, 9);
    expect(r.display).toBe(display);
  });

  it('percent, counts, area, choices, yes/no, text', () => {
    expect(ok('effect.satisfaction', '81.82%').value).toBe(81.82);
    expect(ok('effect.satisfaction', '百分之八十一点八二').value).toBe(81.82);
    expect(ok('staff.actual', '9人').value).toBe(9);
    expect(ok('staff.actual', '九').value).toBe(9);
    expect(ok('building.approvedArea', '1200平方米').value).toBe(1200);
    expect(ok('staff.type', '1').value).toBe('行政编制');
    expect(ok('staff.type', '事业编制').value).toBe('事业编制');
    expect(ok('unit.nature', '参公').value).toBe('参照公务员法管理事业单位');
    expect(ok('govFund.has', '无').value).toBe(false);
    expect(ok('govFund.has', '有').value).toBe(true);
    expect(ok('info.true', '是').value).toBe(true);
    expect(ok('info.true', '2').value).toBe(false);
    expect(ok('info.true', '不是').value).toBe(false);
    expect(ok('target.measureUnit', '%').value).toBe('%');
    expect(ok('budget.adjustment', '-12.5').value).toBe(-12.5); // 调减 is allowed here
    const long = '问题'.repeat(4000);
    expect(ok('narrative.problems', `  ${long}\n第二段  `).value).toBe(`${long}\n第二段`);
  });

  it.each([
    ['basic.personnel', '', 'BOT_ERR_EMPTY', '没有收到内容'],
    ['basic.personnel', 'abc', 'BOT_ERR_NOT_A_NUMBER', '例如 174.28'],
    ['basic.personnel', '😀', 'BOT_ERR_NOT_A_NUMBER', '需要填数字'],
    ['basic.personnel', '-5', 'BOT_ERR_NEGATIVE', '不能为负数'],
    ['basic.personnel', '1e309', 'BOT_ERR_SCIENTIFIC', '不要用科学计数法'],
    ['basic.personnel', 'NaN', 'BOT_ERR_NOT_A_NUMBER', '需要填数字'],
    ['basic.personnel', '1742800', 'BOT_ERR_AMBIGUOUS_UNIT', '请输入 1742800元'],
    ['basic.personnel', '81%', 'BOT_ERR_WRONG_UNIT', '单位是万元'],
    ['basic.personnel', '100000000万', 'BOT_ERR_OUT_OF_RANGE', '应在 0 到 10000000 之间'],
    ['effect.satisfaction', '1000%', 'BOT_ERR_OUT_OF_RANGE', '不能超过 100%'],
    ['effect.satisfaction', '1000', 'BOT_ERR_OUT_OF_RANGE', '不能超过 100%'],
    ['effect.satisfaction', '5万元', 'BOT_ERR_WRONG_UNIT', '单位是%'],
    ['staff.actual', '9.5', 'BOT_ERR_NOT_INTEGER', '须为整数'],
    ['staff.actual', '330万元', 'BOT_ERR_WRONG_UNIT', '单位是人'],
    ['staff.actual', '330万', 'BOT_ERR_OUT_OF_RANGE', '应在 0 到 1000000 之间'], // 万 in a count multiplies (issue 25)
    ['staff.actual', '9件', 'BOT_ERR_WRONG_UNIT', '单位是人'],
    ['unit.departmentCount', '3人', 'BOT_ERR_WRONG_UNIT', '单位是个'],
    ['staff.type', '外包', 'BOT_ERR_NOT_A_CHOICE', '1. 行政编制'],
    ['info.true', '也许', 'BOT_ERR_NOT_A_CHOICE', '1. 是  2. 否'],
    ['unit.name', '😀😀', 'BOT_ERR_NO_TEXT', '需要文字内容'],
    ['unit.name', '。。。', 'BOT_ERR_NO_TEXT', '需要文字内容'],
    ['unit.name', '名'.repeat(201), 'BOT_ERR_TOO_LONG', '最多 200 个字'],
    ['narrative.problems', '问'.repeat(10_001), 'BOT_ERR_TOO_LONG', '最多 10000 个字'],
    // each line is a paragraph of the document: 201 one-character lines do not fit the build's memory
    ['narrative.problems', '问\n'.repeat(201), 'BOT_ERR_TOO_MANY_LINES', '最多 200 段'],
  ])('%s ← %j: %s', (key, text, code, words) => {
    const r = err(key, text);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(words);
  });
});

describe('issue 25: magnitudes and units written after the number', () => {
  const inUnit = (key: string, text: string, measureUnit?: string) => {
    const r = parseAnswer(f(key), text, measureUnit ? { measureUnit } : {});
    return r.ok ? r.value : r.message;
  };

  it.each([
    // 万/亿 in an indicator counted in 人次 multiply (10万 used to be stored as 10)
    ['10万', '人次', 100000],
    ['10万人次', '人次', 100000],
    ['1.5万人次', '人次', 15000],
    ['1.5万', '件', 15000],
    ['1,500元/件', '元/件', 1500],
    ['1500', '元/件', 1500],
    // an indicator in 万元 takes 万 and 万元 as they are, 元 converted
    ['5000万', '万元', 5000],
    ['5000万元', '万元', 5000],
    ['1000元', '万元', 0.1],
    ['0.5亿元', '万元', 5000],
    // an indicator in 元 converts 万元
    ['1000万元', '元', 10_000_000],
    ['60%', '%', 60],
    ['10万人次', '万人次', 10],
    ['489件', '件', 489],
  ])('实际完成值 %s in %s → %f', (text, mu, value) => {
    expect(inUnit('specialIndicator.actual', text, mu)).toBeCloseTo(value, 9);
    expect(inUnit('target.target', text, mu)).toBeCloseTo(value, 9);
  });

  it.each([
    ['489人次', '件', '单位是件'],
    ['60%', '人次', '单位是人次'],
    ['5000万元', '人次', '单位是人次'],
    ['1,500元/件', '人次', '单位是人次'],
  ])('实际完成值 %s in %s is refused: %s', (text, mu, words) => {
    expect(inUnit('specialIndicator.actual', text, mu)).toContain(words);
  });

  it('the echo carries the indicator’s unit; counts and areas multiply 万', () => {
    const r = parseAnswer(f('specialIndicator.actual'), '1.5万人次', { measureUnit: '人次' });
    expect(r.ok && r.display).toBe('15000人次');
    expect(inUnit('staff.authorized', '1.2万人')).toBe(12000);
    expect(inUnit('staff.authorized', '11名')).toBe(11);
    expect(inUnit('building.approvedArea', '1.2万平方米')).toBe(12000);
    expect(inUnit('basic.personnel', '160.2万')).toBe(160.2);
    expect(inUnit('basic.personnel', '3件')).toContain('单位是万元');
  });
});

describe('text answers within the report limits', () => {
  it('a name typed over two lines is one line; a long text keeps its 200 paragraphs', () => {
    expect(ok('unit.name', '岳阳市\n法律援助中心').value).toBe('岳阳市 法律援助中心');
    const paragraphs = Array.from({ length: 200 }, (_, i) => `第${i + 1}段。`).join('\n');
    expect(ok('narrative.problems', paragraphs).value).toBe(paragraphs);
  });
});
