import { FIELDS } from '../report/catalogue.js';
import { halfWidth } from './numbers.js';

/**
 * Row and column labels of spreadsheets and report tables, as DATA: what a 决算 export, a
 * home-made list or a unit's own Word table may call a catalogue row. A label is matched after
 * `normalizeLabel` (no spaces, quotes, numbering, 其中：, a leading year or a trailing
 * （=1+2+3）/（万元）), so only real differences in wording need a synonym here.
 */

/** Attachment-1 rows (经费控制情况) by their base key (controlKey(base, period) for a cell). */
export const CONTROL_LABELS: Record<string, readonly string[]> = {
  'sanGong.total': ['三公经费', '三公经费合计', '三公经费支出', '一般公共预算财政拨款三公经费支出', '三公经费财政拨款支出'],
  'sanGong.car': ['公务用车购置和维护经费', '公务用车购置及运行费', '公务用车购置及运行维护费', '公务用车购置和运行维护费', '公务用车费用', '公务用车经费'],
  'sanGong.carPurchase': ['公车购置', '公务用车购置', '公务用车购置费', '公车购置费'],
  'sanGong.carRunning': ['公车运行维护', '公车运行维护费', '公务用车运行维护费', '公务用车运行费', '公务用车运行维护'],
  'sanGong.abroad': ['出国经费', '出国费', '因公出国境费', '因公出国境费用', '因公出国境经费', '因公出国费'],
  'sanGong.reception': ['公务接待', '公务接待费'],
  'spend.project': ['项目支出', '项目支出合计'],
  'spend.business': ['业务工作经费', '业务经费', '业务工作费'],
  'basic.public': ['公用经费', '公用经费支出', '日常公用经费', '公用支出'],
  'public.office': ['办公经费', '办公费'],
  'public.utilitiesTravel': ['水费电费差旅费', '水电费差旅费', '水电差旅费'],
  'public.meetingTraining': ['会议费培训费', '会议培训费'],
  procurement: ['政府采购金额', '政府采购', '政府采购支出', '政府采购资金'],
  basicAdjust: ['部门基本支出预算调整', '基本支出预算调整'],
};

/** Top-level fields by key: labels besides the catalogue's own. */
export const FIELD_LABELS: Record<string, readonly string[]> = {
  'unit.name': ['预算单位名称', '单位名称', '部门名称', '预算单位'],
  'unit.year': ['年度', '预算年度', '评价年度'],
  'staff.authorized': ['编制数', '人员编制数', '编制人数', '核定编制数'],
  'staff.actual': ['实有人数', '实际在职人数', '在职人数', '年末实有人数', '实有在职人数'],
  'basic.total': ['基本支出', '基本支出合计'],
  'basic.personnel': ['人员经费', '人员经费支出', '人员支出'],
  'budget.initial': ['年初预算数', '年初预算'],
  'budget.full': ['全年预算数', '全年预算', '调整后预算数'],
  'budget.executed': ['全年执行数', '全年执行', '支出合计', '本年支出合计', '支出总计'],
  'budget.carryoverPrior': ['上年结转', '上年结转资金', '年初结转和结余', '上年结转结余'],
  'budget.yearEndBalance': ['年末结转结余', '年末结转和结余'],
  'budget.adjustment': ['预算调整数', '预算调整'],
  'budget.keyProjects': ['重点项目支出'],
  'asset.total': ['固定资产总额', '固定资产原值', '固定资产合计'],
  'asset.inUse': ['在用固定资产', '在用固定资产原值'],
  'saving.measures': ['厉行节约保障措施'],
};

/** Rows whose own figures are sums of the 专项 rows below them, and the 资金类别 they give those rows. */
export const SPECIAL_SOURCE_LABELS: Record<string, readonly string[]> = {
  市级专项资金: ['市级专项资金', '市级专项', '本级专项资金'],
  上级转移支付: ['上级转移支付', '上级转移支付资金', '转移支付资金', '上级专项转移支付'],
};

/** Rows and columns that hold figures computed from others: read past, never unplaced. */
export const COMPUTED_LABELS: readonly string[] = ['控制率', '执行率', '得分', '分值', '规模控制率', '投资概算控制率', '合计', '小计', '总计', '总分', '占比'];

export type ColumnRole = 'prior' | 'budget' | 'actual' | 'budgetInitial' | 'budgetFull' | 'executed' | 'ignore';

/**
 * Column headers (after normalizeLabel, merged header rows joined top to bottom), first match
 * wins. `{year}决算` columns are told apart by their years afterwards (earlier = 上年).
 */
export const COLUMN_PATTERNS: readonly [ColumnRole | 'yearFinal', RegExp][] = [
  ['ignore', /率|得分|分值|占比|比例|说明|备注/],
  ['budgetInitial', /年初预算/],
  ['budgetFull', /全年预算|调整后预算/],
  ['executed', /全年执行|执行数|实际支出数/],
  ['prior', /上年.*决算|上年数|上年决算/],
  ['budget', /本年.*预算|^预算数$|^\d{4}年度?预算/],
  ['actual', /本年.*决算|^决算数$|本年执行/],
  ['yearFinal', /^\d{4}年度?决算/],
];

/** A unit line or header naming the money unit: 「单位：元」「金额单位：万元」「（元）」. */
export const UNIT_PATTERN = /单位[:：]?\s*(万元|千元|亿元|元)/;

export function normalizeLabel(raw: string): string {
  let s = halfWidth(raw).normalize('NFKC').replace(/\s+/g, '');
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s
      .replace(/^其中[:]?/, '')
      .replace(/^\([一二三四五六七八九十\d]{1,3}\)/, '')
      .replace(/^[一二三四五六七八九十]{1,3}、/, '')
      .replace(/^\d{1,3}(?:、|\.(?!\d)|:)/, '');
    if (s === before) break;
  }
  s = s.replace(/\(=?[\d+]+\)$|\((?:万元|元|千元|人|个|m2)\)$/, '');
  s = s.replace(/[“”"'‘’「」『』《》、,;。.·()]/g, '');
  return s.replace(/^\d{4}年度?(?=.)/, '').replace(/:$/, '');
}

export type LabelMatch = { control: string } | { field: string } | { specialSource: string } | { computed: true };

const table = new Map<string, LabelMatch>();
const put = (label: string, m: LabelMatch) => {
  const k = normalizeLabel(label);
  if (k && !table.has(k)) table.set(k, m);
};
for (const [base, labels] of Object.entries(CONTROL_LABELS)) labels.forEach((l) => put(l, { control: base }));
for (const f of FIELDS) if (f.table) put(f.table.row, { control: f.key.replace(/\.(prior|budget|actual)$/, '') });
for (const [key, labels] of Object.entries(FIELD_LABELS)) labels.forEach((l) => put(l, { field: key }));
for (const [src, labels] of Object.entries(SPECIAL_SOURCE_LABELS)) labels.forEach((l) => put(l, { specialSource: src }));
for (const f of FIELDS) if (!f.group && !f.table) put(f.label, { field: f.key });
COMPUTED_LABELS.forEach((l) => put(l, { computed: true }));

export function matchLabel(raw: string): LabelMatch | undefined {
  return table.get(normalizeLabel(raw));
}

export interface ColumnClass {
  role: ColumnRole | 'yearFinal';
  year?: number;
}

export function classifyHeader(raw: string): ColumnClass | undefined {
  const s = normalizeHeader(raw);
  if (!s) return undefined;
  for (const [role, re] of COLUMN_PATTERNS) {
    if (re.test(s)) {
      const y = /^(\d{4})年/.exec(s);
      return y ? { role, year: Number(y[1]) } : { role };
    }
  }
  return undefined;
}

/** Headers keep their leading year (it tells 上年 from 本年). */
function normalizeHeader(raw: string): string {
  return halfWidth(raw).normalize('NFKC').replace(/\s+/g, '').replace(/\((?:万元|元|千元)\)|\([A-Z]\)|\(B\/A\)/g, '');
}
