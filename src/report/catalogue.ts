import type { FieldDef, GroupDef, GroupId, Period, SectionDef, SectionId } from './fields.js';
import { DIRECTIONS, INDICATOR_LEVEL1, INDICATOR_LEVEL2, LEVELS, TARGET_CATEGORIES } from './vocabulary.js';

/**
 * The field catalogue. Order is the order of the report (domain §1) and of the questions.
 * Money is 万元 (the unit every table of the report prints); a bound of MONEY_MAX keeps a typo
 * of 元 for 万元 from passing silently.
 */

export const SECTIONS: readonly SectionDef[] = [
  { id: 'unit', title: '基本情况' },
  { id: 'budget', title: '预算执行' },
  { id: 'specials', title: '专项资金' },
  { id: 'otherFunds', title: '其他预算' },
  { id: 'control', title: '经费控制' },
  { id: 'buildings', title: '楼堂馆所' },
  { id: 'management', title: '预算与资产管理' },
  { id: 'targets', title: '绩效目标' },
  { id: 'narrative', title: '成效与说明' },
];

export const GROUPS: readonly GroupDef[] = [
  { id: 'special', label: '专项资金项目', section: 'specials' },
  { id: 'specialIndicator', label: '项目绩效指标', section: 'specials', parent: 'special' },
  { id: 'target', label: '年度绩效目标', section: 'targets' },
  { id: 'manualScore', label: '人工评分', section: 'management' },
];

const MONEY_MAX = 10_000_000; // 万元, i.e. 1 000 亿元
const PERIOD_LABELS: Record<Period, string> = {
  prior: '上年决算数',
  budget: '本年预算数',
  actual: '本年决算数',
};
export const PERIODS: readonly Period[] = ['prior', 'budget', 'actual'];
export const periodLabel = (p: Period): string => PERIOD_LABELS[p];

/**
 * Rows of attachment 1 whose 本年决算数 cell is a field section 二 already asks for, so the same
 * figure is never typed twice.
 */
const CONTROL_ACTUAL_KEYS: Record<string, string> = { 'spend.project': 'spend.project', 'basic.public': 'basic.public' };

/** Key of the attachment-1 cell of row `base` in column `p`. */
export function controlKey(base: string, p: Period): string {
  return (p === 'actual' && CONTROL_ACTUAL_KEYS[base]) || `${base}.${p}`;
}

type Extra = Partial<Omit<FieldDef, 'key' | 'label' | 'unit' | 'kind' | 'section'>>;

function field(
  section: SectionId,
  key: string,
  label: string,
  kind: FieldDef['kind'],
  unit: FieldDef['unit'],
  extra: Extra = {},
): FieldDef {
  const bounds: Extra =
    kind === 'money'
      ? { min: 0, max: MONEY_MAX }
      : kind === 'integer'
        ? { min: 0, max: 1_000_000 }
        : kind === 'percent'
          ? { min: 0, max: 100 }
          : kind === 'area'
            ? { min: 0, max: 10_000_000 }
            : {};
  return { key, label, kind, unit, section, required: true, ...bounds, ...extra };
}

const money = (s: SectionId, key: string, label: string, extra?: Extra) =>
  field(s, key, label, 'money', '万元', extra);
const yesNo = (s: SectionId, key: string, label: string, extra?: Extra) =>
  field(s, key, label, 'boolean', '', { yesNo: ['是', '否'], ...extra });
const hasNone = (s: SectionId, key: string, label: string, extra?: Extra) =>
  field(s, key, label, 'boolean', '', { yesNo: ['有', '无'], ...extra });

/** One row of attachment 1's 经费控制情况 block: a money field per column it does not share. */
function controlRow(base: string, row: string, opts: { required?: boolean; help?: string } = {}): FieldDef[] {
  return PERIODS.filter((p) => controlKey(base, p) === `${base}.${p}`).map((p) =>
    money('control', `${base}.${p}`, `${row}（${PERIOD_LABELS[p]}）`, {
      required: opts.required ?? true,
      table: { row, period: p },
      ...(opts.help ? { help: opts.help } : {}),
    }),
  );
}

/**
 * 上年预算数 of a row of attachment 1 (issue 27 item 2): read by a change rate on the 预算 basis
 * (`{ kind: change, row, basis: 预算 }`), not a cell of attachment 1 and not asked in the flow.
 */
function priorBudget(base: string, row: string): FieldDef {
  return money('control', `${base}.priorBudget`, `${row}（上年预算数）`, { required: false, unasked: true });
}

export { DIRECTIONS, INDICATOR_LEVEL1, INDICATOR_LEVEL2, TARGET_CATEGORIES, type Direction } from './vocabulary.js';

/** Fields shared by a project's indicator rows and the unit's annual targets. */
function measureFields(section: SectionId, group: GroupId): FieldDef[] {
  const g = { group, section } as const;
  const quantitative = { field: `${group}.direction`, oneOf: ['≥', '≤', '='] };
  const qualitative = { field: `${group}.direction`, oneOf: ['定性'] };
  return [
    field(section, `${group}.name`, '指标名称', 'text', '文本', { ...g, help: '如：法律援助案件受理数' }),
    field(section, `${group}.direction`, '指标方向', 'choice', '', {
      ...g,
      choices: DIRECTIONS,
      help: '≥ 越多越好，≤ 越少越好（如成本），= 等于目标，定性 按达成程度评价',
    }),
    field(section, `${group}.measureUnit`, '计量单位', 'text', '文本', { ...g, askIf: quantitative, help: '如：件、人次、%' }),
    field(section, `${group}.target`, '年度指标值', 'number', '', {
      ...g,
      askIf: quantitative,
      min: 0,
      max: 1e12,
      help: '年初设定的目标值，按计量单位填写数字',
    }),
    field(section, `${group}.actual`, '实际完成值', 'number', '', { ...g, askIf: quantitative, min: 0, max: 1e12 }),
    field(section, `${group}.level`, '达成情况', 'choice', '', { ...g, choices: LEVELS, askIf: qualitative }),
    field(section, `${group}.levelPercent`, '得分比例', 'percent', '%', {
      ...g,
      required: false,
      askIf: qualitative,
      help: '达成 80%–100%，部分达成 60%–80%，未达成 0%–60%；不填按规则集默认比例',
    }),
  ];
}

const S = {
  unit: 'unit',
  budget: 'budget',
  specials: 'specials',
  other: 'otherFunds',
  control: 'control',
  buildings: 'buildings',
  mgmt: 'management',
  targets: 'targets',
  narrative: 'narrative',
} as const;

function otherFund(base: string, name: string): FieldDef[] {
  const cond = { field: `${base}.has`, oneOf: [true] };
  return [
    hasNone(S.other, `${base}.has`, `${name}预算支出`, { help: `本年度是否有${name}预算支出` }),
    money(S.other, `${base}.budget`, `${name}预算数`, { askIf: cond }),
    money(S.other, `${base}.executed`, `${name}执行数`, { askIf: cond }),
    field(S.other, `${base}.purpose`, `${name}主要用途`, 'text', '文本', { askIf: cond, required: false }),
  ];
}

const specialFunds: FieldDef[] = (['budgetInitial', 'budgetFull', 'executed'] as const).flatMap((col) => {
  const colLabel = { budgetInitial: '年初预算数', budgetFull: '全年预算数', executed: '全年执行数' }[col];
  return (
    [
      ['current', '当年财政拨款'],
      ['carryover', '上年结转资金'],
      ['other', '其他资金'],
    ] as const
  ).map(([part, partLabel]) =>
    money(S.specials, `special.${col}.${part}`, `其中：${partLabel}（${colLabel}）`, {
      group: 'special',
      required: false,
      askIf: { field: 'special.fundSplit', oneOf: [true] },
    }),
  );
});

export const FIELDS: readonly FieldDef[] = [
  // 一、部门（单位）基本情况
  field(S.unit, 'unit.name', '单位名称', 'text', '文本', { help: '单位全称，如：岳阳市法律援助中心' }),
  field(S.unit, 'unit.year', '年度', 'integer', '', { min: 2000, max: 2100, help: '自评的预算年度，如 2024' }),
  field(S.unit, 'unit.rank', '机构级别', 'choice', '', {
    choices: ['正厅级', '副厅级', '正处级', '副处级', '正科级', '副科级', '股级', '其他'],
  }),
  field(S.unit, 'unit.nature', '单位性质', 'choice', '', {
    choices: ['行政机构', '参照公务员法管理事业单位', '公益一类事业单位', '公益二类事业单位', '其他'],
  }),
  field(S.unit, 'unit.functions', '主要工作职能', 'longtext', '文本', { help: '按三定方案填写，原文写入报告' }),
  field(S.unit, 'unit.shortName', '单位简称', 'text', '文本', { required: false, help: '报告中对本单位的称呼，如：市法援中心' }),
  field(S.unit, 'unit.departmentCount', '内设机构数', 'integer', '个'),
  field(S.unit, 'unit.departmentNoun', '内设机构称谓', 'text', '文本', { required: false, help: '如：股（室），印作“内设三个股（室）”' }),
  field(S.unit, 'unit.departments', '内设机构', 'text', '文本', { help: '用顿号分隔，如：业务股、财务股、办公室' }),
  field(S.unit, 'staff.authorized', '编制数', 'integer', '人', { help: '财政供养人员编制数' }),
  field(S.unit, 'staff.actual', '实有人数', 'integer', '人', { help: '年末实际在职人数' }),
  field(S.unit, 'staff.type', '编制类型', 'choice', '', { choices: ['行政编制', '事业编制', '行政和事业编制', '其他'] }),
  // the unit's own words in 一、 (report/own-words.ts): asked with the generated wording as the default
  field(S.unit, 'staff.wording', '编制情况表述', 'text', '文本', { required: false, help: '如：全部为行政编制' }),

  // 二、一般公共预算支出情况
  money(S.budget, 'budget.initial', '年初预算数', { help: '人大批复的年初预算' }),
  money(S.budget, 'budget.full', '全年预算数', { help: '年初预算加年中追加调整后的预算' }),
  money(S.budget, 'budget.executed', '全年执行数', { help: '全年实际支出，即基本支出与项目支出之和' }),
  money(S.budget, 'basic.total', '基本支出合计'),
  money(S.budget, 'basic.personnel', '人员经费'),
  field(S.budget, 'basic.personnelUse', '人员经费主要用途', 'text', '文本', {
    defaultText: '主要用于发放干部工资及津补贴等',
  }),
  money(S.budget, 'basic.public', '公用经费', { table: { row: '公用经费', period: 'actual' } }),
  field(S.budget, 'basic.publicUse', '公用经费主要用途', 'text', '文本', {
    defaultText: '主要用于保障机关正常运转所需开支的办公费、邮电费、水电费、物业管理费及其他交通费、工会经费等',
  }),
  money(S.budget, 'spend.project', '项目支出合计', { table: { row: '项目支出', period: 'actual' } }),
  money(S.budget, 'budget.carryoverPrior', '上年结转', { help: '上年结转到本年的资金' }),
  money(S.budget, 'budget.yearEndBalance', '年末结转结余', { help: '本年末结转和结余资金合计，没有填 0' }),
  field(S.budget, 'budget.adjustment', '预算调整数', 'money', '万元', {
    min: -MONEY_MAX,
    max: MONEY_MAX,
    help: '年中追加或调减的预算，调减填负数',
  }),
  money(S.budget, 'budget.keyProjects', '重点项目支出', { help: '列为重点保障的项目支出金额' }),

  // 二（二）专项资金 — one group item per 专项 (one attachment 3 each)
  field(S.specials, 'special.name', '项目名称', 'text', '文本', { group: 'special' }),
  field(S.specials, 'special.source', '资金类别', 'choice', '', {
    group: 'special',
    choices: ['市级专项资金', '上级转移支付'],
  }),
  field(S.specials, 'special.department', '主管部门', 'text', '文本', { group: 'special' }),
  field(S.specials, 'special.implementer', '实施单位', 'text', '文本', { group: 'special' }),
  money(S.specials, 'special.priorFinal', '上年决算数', { group: 'special', required: false, help: '上年无此项目填 0' }),
  money(S.specials, 'special.budgetInitial', '年初预算数', { group: 'special' }),
  money(S.specials, 'special.budgetFull', '全年预算数（A）', { group: 'special' }),
  money(S.specials, 'special.executed', '全年执行数（B）', { group: 'special' }),
  yesNo(S.specials, 'special.fundSplit', '是否按资金来源拆分填写（当年财政拨款 / 上年结转资金 / 其他资金）', {
    group: 'special',
    help: '项目支出绩效自评表中“其中”三行；不拆分的印“—”',
  }),
  ...specialFunds,
  field(S.specials, 'special.goalPlanned', '年度总体目标（预期目标）', 'longtext', '文本', { group: 'special' }),
  field(S.specials, 'special.goalActual', '年度总体目标（实际完成情况）', 'longtext', '文本', { group: 'special' }),
  field(S.specials, 'specialIndicator.level1', '一级指标', 'choice', '', {
    group: 'specialIndicator',
    choices: INDICATOR_LEVEL1,
  }),
  field(S.specials, 'specialIndicator.level2', '二级指标', 'choice', '', {
    group: 'specialIndicator',
    choices: INDICATOR_LEVEL2,
  }),
  ...measureFields(S.specials, 'specialIndicator'),
  field(S.specials, 'specialIndicator.weight', '分值', 'number', '分', { group: 'specialIndicator', min: 0, max: 100 }),
  field(S.specials, 'specialIndicator.deviation', '偏差原因分析及改进措施', 'text', '文本', {
    group: 'specialIndicator',
    required: false,
  }),
  field(S.specials, 'narrative.specialPurpose', '专项资金主要用途', 'longtext', '文本', {
    help: '如：发放法律援助案件办案补贴、开展宣传活动等',
  }),
  field(S.specials, 'narrative.specialUsage', '专项资金实际使用情况', 'longtext', '文本', {
    defaultText:
      '专项资金使用规范，支出审批程序严格，厉行节约，支出费用合理，确保了专款专用，提高了资金的使用效益。',
  }),
  field(S.specials, 'narrative.specialManagement', '专项资金管理情况', 'longtext', '文本', {
    defaultText: '按照专项工作的计划进度和预算安排支出专项资金，专项资金没有被挪用、挤占。',
  }),

  // 三、四、五 其他三本预算
  ...otherFund('govFund', '政府性基金'),
  ...otherFund('stateCapital', '国有资本经营'),
  ...otherFund('socialInsurance', '社会保险基金'),

  // 附件1 经费控制情况（上年决算 / 本年预算 / 本年决算）
  ...controlRow('sanGong.total', '三公经费'),
  priorBudget('sanGong.total', '三公经费'),
  ...controlRow('sanGong.car', '公务用车购置和维护经费'),
  ...controlRow('sanGong.carPurchase', '公车购置'),
  ...controlRow('sanGong.carRunning', '公车运行维护'),
  ...controlRow('sanGong.abroad', '出国经费'),
  ...controlRow('sanGong.reception', '公务接待'),
  ...controlRow('spend.project', '项目支出'),
  ...controlRow('spend.business', '业务工作经费', { help: '项目支出中专项以外的业务工作经费' }),
  ...controlRow('basic.public', '公用经费'),
  priorBudget('basic.public', '公用经费'),
  ...controlRow('public.office', '办公经费'),
  ...controlRow('public.utilitiesTravel', '水费、电费、差旅费'),
  ...controlRow('public.meetingTraining', '会议费、培训费'),
  ...controlRow('procurement', '政府采购金额', { help: '本年预算数即政府采购预算，本年决算数即实际采购金额' }),
  ...controlRow('basicAdjust', '部门基本支出预算调整', { required: false }),
  field(S.control, 'saving.measures', '厉行节约保障措施', 'text', '文本', { help: '已执行的制度名称，如：公务接待管理办法' }),

  // 楼堂馆所控制情况
  hasNone(S.buildings, 'building.has', '楼堂馆所项目', { help: '本年度是否有在建或新建楼堂馆所' }),
  field(S.buildings, 'building.approvedArea', '批复规模', 'area', '㎡', { askIf: { field: 'building.has', oneOf: [true] } }),
  field(S.buildings, 'building.actualArea', '实际规模', 'area', '㎡', { askIf: { field: 'building.has', oneOf: [true] } }),
  money(S.buildings, 'building.budgetInvest', '预算投资', { askIf: { field: 'building.has', oneOf: [true] } }),
  money(S.buildings, 'building.actualInvest', '实际投资', { askIf: { field: 'building.has', oneOf: [true] } }),

  // 预算管理与资产管理（评分清单）
  field(S.mgmt, 'mgmt.latePayments', '未按进度支付的专项个数', 'integer', '个', { help: '全部按进度支付填 0' }),
  field(S.mgmt, 'mgmt.violations', '资金使用违规次数', 'integer', '次', { help: '审计、检查发现的违规使用资金次数，没有填 0' }),
  yesNo(S.mgmt, 'mgmt.rules.exist', '已制定预算资金管理办法、内部财务管理制度、会计核算制度等管理制度'),
  yesNo(S.mgmt, 'mgmt.rules.compliant', '相关管理制度合法、合规、完整'),
  yesNo(S.mgmt, 'mgmt.rules.enforced', '相关管理制度得到有效执行'),
  yesNo(S.mgmt, 'disclosure.budget', '已按规定公开部门预算'),
  yesNo(S.mgmt, 'disclosure.final', '已按规定公开部门决算'),
  yesNo(S.mgmt, 'disclosure.performance', '已按规定公开绩效自评结果'),
  yesNo(S.mgmt, 'info.true', '基础数据信息真实'),
  yesNo(S.mgmt, 'info.complete', '基础数据信息完整'),
  yesNo(S.mgmt, 'info.accurate', '基础数据信息准确'),
  yesNo(S.mgmt, 'asset.rules.exist', '已制定资产管理制度'),
  yesNo(S.mgmt, 'asset.rules.compliant', '资产管理制度合法、合规、完整'),
  yesNo(S.mgmt, 'asset.rules.enforced', '资产管理制度得到有效执行'),
  yesNo(S.mgmt, 'asset.safe.intact', '资产保存完整'),
  yesNo(S.mgmt, 'asset.safe.reasonable', '资产配置合理'),
  yesNo(S.mgmt, 'asset.safe.disposal', '资产处置规范'),
  yesNo(S.mgmt, 'asset.safe.reconciled', '资产账实相符'),
  money(S.mgmt, 'asset.total', '固定资产总额'),
  money(S.mgmt, 'asset.inUse', '在用固定资产'),
  field(S.mgmt, 'manualScore.indicatorId', '指标编号', 'text', '文本', { group: 'manualScore' }),
  field(S.mgmt, 'manualScore.score', '自评得分', 'number', '分', { group: 'manualScore', min: 0, max: 100 }),
  field(S.mgmt, 'manualScore.reason', '评分理由', 'text', '文本', { group: 'manualScore' }),

  // 年度整体绩效目标
  field(S.targets, 'target.category', '指标类别', 'choice', '', { group: 'target', choices: TARGET_CATEGORIES }),
  ...measureFields(S.targets, 'target'),
  // a weight only some tables give the unit's own targets (a `targets` rule with `weighted: true`)
  field(S.targets, 'target.weight', '分值', 'number', '分', { group: 'target', min: 0, max: 100, required: false, unasked: true }),
  field(S.targets, 'keyWork.assigned', '交办重点工作数', 'integer', '项', { help: '上级交办或年初确定的重点工作项数' }),
  field(S.targets, 'keyWork.done', '已办结重点工作数', 'integer', '项'),
  field(S.targets, 'effect.economicLevel', '经济效益达成情况', 'choice', '', {
    choices: LEVELS,
    required: false,
    help: '没有设定经济效益目标时，按达成程度评价',
  }),
  field(S.targets, 'effect.sustainabilityLevel', '可持续影响达成情况', 'choice', '', { choices: LEVELS }),
  field(S.targets, 'effect.satisfaction', '服务对象满意度', 'percent', '%', {
    required: false,
    help: '没有设定满意度目标时填写调查所得满意度',
  }),

  // 六至十 文字部分（单位原话，原样写入）
  field(S.narrative, 'narrative.overview', '部门整体支出绩效总体情况', 'longtext', '文本', {
    help: '本年度主要工作成效，原文写入“六、部门整体支出绩效情况”开头',
  }),
  // 六（一）1–4 in the unit's own words (report/own-words.ts), the score sentence as the default
  field(S.narrative, 'narrative.allocation', '预算配置方面的评价', 'longtext', '文本', { required: false, help: '写入“（一）经济性评价方面”第1点' }),
  field(S.narrative, 'narrative.execution', '预算执行方面的评价', 'longtext', '文本', { required: false, help: '写入“（一）经济性评价方面”第2点' }),
  field(S.narrative, 'narrative.management', '预算管理方面的评价', 'longtext', '文本', { required: false, help: '写入“（一）经济性评价方面”第3点' }),
  field(S.narrative, 'narrative.assets', '资产管理方面的评价', 'longtext', '文本', { required: false, help: '写入“（一）经济性评价方面”第4点' }),
  field(S.narrative, 'narrative.socialBenefit', '社会效益方面的主要成效', 'longtext', '文本'),
  field(S.narrative, 'narrative.efficiency', '效率性评价和有效性评价', 'longtext', '文本'),
  field(S.narrative, 'narrative.satisfaction', '社会公众满意度评价', 'longtext', '文本', {
    help: '如：受援人和咨询人满意度达95%以上',
  }),
  field(S.narrative, 'narrative.problems', '存在的问题及原因分析', 'longtext', '文本'),
  field(S.narrative, 'narrative.measures', '下一步改进措施', 'longtext', '文本'),
  field(S.narrative, 'narrative.publicity', '自评结果拟应用和公开情况', 'longtext', '文本', {
    defaultText: '部门整体支出绩效自评情况根据财政部门要求于指定时间内在本部门门户网站公开，广泛接受群众监督。',
  }),
  field(S.narrative, 'narrative.other', '其他需要说明的情况', 'longtext', '文本', { required: false, defaultText: '无' }),
];

const byKey = new Map(FIELDS.map((f) => [f.key, f]));
if (byKey.size !== FIELDS.length) {
  const seen = new Set<string>();
  const dup = FIELDS.find((f) => (seen.has(f.key) ? true : (seen.add(f.key), false)));
  throw new Error(`duplicate field key in catalogue: ${dup?.key}`);
}

export function getField(key: string): FieldDef | undefined {
  return byKey.get(key);
}

export function hasField(key: string): boolean {
  return byKey.has(key);
}

/** Top-level fields (not inside a repeated group), in question order. */
export const TOP_FIELDS: readonly FieldDef[] = FIELDS.filter((f) => !f.group);

export function groupFields(group: GroupId): readonly FieldDef[] {
  return FIELDS.filter((f) => f.group === group);
}

export function getGroup(id: GroupId): GroupDef {
  const g = GROUPS.find((x) => x.id === id);
  if (!g) throw new Error(`unknown group ${id}`);
  return g;
}

export function sectionTitle(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}
