import { MISSING } from '../messages/report-zh.js';
import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { halfWidth, parseCount, parseNumber, toWan, type MoneyUnit } from './numbers.js';
import type { ProposalBuilder } from './propose.js';

/**
 * The body of a report laid out like the seed: the title and the sections 一 to 十. Sections are
 * found by their headings (「一、」…「十、」, 「（一）」, 「1、」), whatever the spacing; figures are read
 * from the sentences that state them, the unit's own words are kept verbatim.
 */

const S = zh.import.src;
const CN = '一二三四五六七八九十';

export interface Para {
  text: string;
  /** Index of the paragraph among the body's (for sources). */
  n: number;
}

export interface Section {
  /** 1–10 for 一 to 十. */
  no: number;
  heading: string;
  paras: Para[];
}

/** Headings of the first level and the words that identify them when the numbering is off. */
const SECTION_WORDS: [number, RegExp][] = [
  [1, /基本情况/],
  [2, /一般公共预算/],
  [3, /政府性基金/],
  [4, /国有资本/],
  [5, /社会保险基金/],
  [6, /整体支出绩效情况|绩效情况/],
  [7, /问题/],
  [8, /改进措施|措施/],
  [9, /应用|公开/],
  [10, /其他/],
];

const clean = (s: string) => s.replace(/[ \t\u3000]+/g, ' ').trim();

export function level1(text: string): number | undefined {
  const m = /^\s*([一二三四五六七八九十]{1,2})\s*[、.,，]\s*(\S.{0,40})$/.exec(halfWidth(text));
  if (!m) return undefined;
  const byWords = SECTION_WORDS.find(([, re]) => re.test(m[2]!))?.[0];
  const byNo = m[1] === '十' ? 10 : CN.indexOf(m[1]!) + 1;
  return byWords ?? (byNo > 0 ? byNo : undefined);
}

export function level2(text: string): number | undefined {
  const m = /^\s*[（(]\s*([一二三四五六七八九十])\s*[)）]\s*\S.{0,40}$/.exec(halfWidth(text));
  return m ? CN.indexOf(m[1]!) + 1 : undefined;
}

export function level3(text: string): number | undefined {
  const m = /^\s*(\d{1,2})\s*[、.．]\s*\S.{0,40}$/.exec(halfWidth(text));
  return m && !/[。；]/.test(text) ? Number(m[1]) : undefined;
}

/** The end of the body: the list of attachments or the first attachment's label. */
export const isBodyEnd = (t: string): boolean => /^\s*(报告需要以下附件|附件[:：]|附件\s*\d\s*$)/.test(halfWidth(t).replace(/\s+/g, ' '));

/** Title (the paragraphs before 一、) → year and unit name. */
export function readTitle(lines: string[], out: ProposalBuilder): void {
  const title = lines.map((l) => l.replace(/\s+/g, '')).join('');
  const m = /(\d{4})年度?(.+?)(?:单位|部门)?(?:[（(]单位[)）])?整体支出绩效(?:自评|评价)?报告/.exec(halfWidth(title));
  if (!m) return;
  out.year = Number(m[1]);
  out.unitName = m[2]!;
  out.set('unit.year', out.year, S.title);
  out.set('unit.name', out.unitName, S.title);
}

const FIG = String.raw`\s*(?:为|共计|共|合计)?\s*([\d０-９][\d０-９,，.．]*)\s*(万元|元)`;
const money = (m: RegExpExecArray | null): number | undefined => {
  if (!m) return undefined;
  const n = parseNumber(m[1]!.replace(/，/g, ','));
  return n ? toWan(n.value, m[2] as MoneyUnit) : undefined;
};

function sentences(text: string): string[] {
  return text.match(/[^。！？]+[。！？]?/g) ?? [];
}

/** 一、部门（单位）基本情况. */
export function readUnit(sec: Section, out: ProposalBuilder): void {
  const text = sec.paras.map((p) => p.text).join('');
  const src = S.section(sec.heading);
  const stop = /内设|编制数|编制人数|实有人数|为(?:正|副)?(?:厅|处|科|股)级|机构级别|单位性质/;
  const start = /主要(?:工作)?职能(?:是|为|有)?[:：]?/.exec(text);
  if (start && !text.startsWith(MISSING, start.index + start[0].length)) {
    const rest = sentences(text.slice(start.index + start[0].length));
    const own: string[] = [];
    for (const s of rest) {
      if (stop.test(s) && own.length) break;
      own.push(s);
    }
    if (own.length) out.set('unit.functions', own.join('').trim(), src);
  }
  const rank = getField('unit.rank')!.choices!.filter((c) => c !== '其他').find((c) => text.includes(c));
  if (rank) out.set('unit.rank', rank, src);
  const nature = getField('unit.nature')!.choices!.filter((c) => c !== '其他').find((c) => text.includes(c));
  if (nature) out.set('unit.nature', nature, src);
  const dep = /内设(?:机构)?\s*([零〇一二两三四五六七八九十\d]+)\s*个([^：:。]{0,12})[：:]\s*([^。]+)/.exec(text);
  if (dep) {
    const n = parseCount(dep[1]!);
    if (n !== undefined) out.set('unit.departmentCount', n, src);
    out.set('unit.departments', dep[3]!.trim(), src);
  }
  const auth = /编制(?:数|人数)\s*(?:为|共|共有)?\s*(\d+)\s*(?:人|名)/.exec(halfWidth(text));
  if (auth) out.set('staff.authorized', Number(auth[1]), src);
  const actual = /实有(?:人数|人员)?\s*(?:为|共|共有)?\s*(\d+)\s*(?:人|名)/.exec(halfWidth(text));
  if (actual) out.set('staff.actual', Number(actual[1]), src);
  const type = ['行政和事业编制', '行政编制', '事业编制'].find((t) => text.includes(t));
  if (type) out.set('staff.type', type, src);
}

/** 二（一）基本支出情况. */
export function readBasic(paras: Para[], heading: string, out: ProposalBuilder): void {
  const text = clean(paras.map((p) => p.text).join(''));
  const src = S.section(heading);
  const total = money(new RegExp(`基本支出(?:合计|总额|总计)?${FIG}`).exec(text));
  if (total !== undefined) out.set('basic.total', total, src);
  const pers = new RegExp(`人员(?:经费|支出)(?:支出)?${FIG}[，,；;]?\\s*([^；;。]*)`).exec(text);
  if (pers) {
    out.set('basic.personnel', money(pers)!, src);
    if (pers[3]) out.set('basic.personnelUse', pers[3].trim(), src);
  }
  const pub = new RegExp(`(?:日常)?公用(?:经费|支出)(?:支出)?${FIG}[，,；;]?\\s*([^。]*)`).exec(text);
  if (pub) {
    out.set('basic.public', money(pub)!, src);
    if (pub[3]) out.set('basic.publicUse', pub[3].trim(), src);
  }
}

/** 二（二）1、: 项目支出合计 and what the 专项 pay for. */
export function readProjects(paras: Para[], heading: string, out: ProposalBuilder): void {
  const text = clean(paras.map((p) => p.text).join(''));
  const src = S.section(heading);
  const total = money(new RegExp(`项目支出(?:合计|总额|总计)?${FIG}`).exec(text));
  if (total !== undefined) out.set('spend.project', total, src);
  const purpose = /专项(?:资金|支出)?(?:主要)?用于([^。]+)/.exec(text);
  if (purpose) out.set('narrative.specialPurpose', purpose[1]!.trim(), src);
}

/** 三、四、五: 无…预算支出, or its 预算数 / 执行数. */
export function readOtherFund(base: string, sec: Section, out: ProposalBuilder): void {
  const text = clean(sec.paras.map((p) => p.text).join(''));
  const src = S.section(sec.heading);
  if (/无.{0,12}(?:预算)?支出|^无$/.test(text) || text === '') {
    if (text) out.set(`${base}.has`, false, src);
    return;
  }
  const budget = money(new RegExp(`预算(?:数)?${FIG}`).exec(text));
  const executed = money(new RegExp(`(?:执行|支出)(?:数)?${FIG}`).exec(text));
  if (budget === undefined && executed === undefined) return;
  out.set(`${base}.has`, true, src);
  if (budget !== undefined) out.set(`${base}.budget`, budget, src);
  if (executed !== undefined) out.set(`${base}.executed`, executed, src);
  const purpose = sec.paras.slice(1).map((p) => p.text.trim()).filter(Boolean).join('\n');
  if (purpose) out.set(`${base}.purpose`, purpose, src);
}

/** The unit's own paragraphs, verbatim, one line each. */
export function verbatim(key: string, paras: Para[], src: string, out: ProposalBuilder): void {
  const text = paras.map((p) => p.text.trim()).filter(Boolean).join('\n');
  if (text) out.set(key, text, src);
}

/**
 * Figures in 万元/元 in the sentences of 二（一）, 二（二）1、 and 三–五 that equal no value read
 * from the file: shown as read but not placed. A 专项 total (the sum of the 专项 read) is placed.
 */
export function unplacedFigures(paras: Para[], heading: string, out: ProposalBuilder): void {
  const known: number[] = out.values.flatMap((v) => (typeof v.value === 'number' ? [v.value] : []));
  const executed = out.items.map((i) => i.get('special.executed')).filter((x): x is number => typeof x === 'number');
  if (executed.length) known.push(executed.reduce((a, b) => a + b, 0));
  for (const p of paras) {
    for (const m of p.text.matchAll(/([\d０-９][\d０-９,，.．]*)\s*(万元|元)/g)) {
      const n = parseNumber(m[1]!.replace(/，/g, ','));
      if (!n) continue;
      const value = toWan(n.value, m[2] as MoneyUnit);
      if (known.some((k) => Math.abs(k - value) < 0.005)) continue;
      const context = p.text.slice(Math.max(0, m.index! - 12), m.index! + m[0].length);
      out.unplace(zh.import.unplacedText(S.para(heading, p.n), context));
    }
  }
}
