import { zh } from '../messages/zh.js';
import { controlKey, PERIODS, periodLabel } from './catalogue.js';
import type { SectionId } from './fields.js';
import { fixed2, plain } from './format.js';
import { childItems, items, labelOf, num, str, type FieldValue, type ReportModel } from './model.js';

/**
 * Consistency checks of domain §1–§2 and §4. They warn and explain; they never change a figure
 * (a real published table broke one of these sums). A sum runs when all its inputs exist; with
 * its total and only some parts given it says which parts to fill (or to write 0).
 */

export interface CheckWarning {
  id: string;
  section: SectionId;
  message: string;
  /** Field keys involved, so a UI can link to them. */
  fields: string[];
}

/** Rounding of figures typed to 2 decimals of 万元 may differ by one cent. */
const TOLERANCE = 0.01 + 1e-9;
const M = zh.checks;
const wan = (x: number) => `${fixed2(x)} 万元`;

interface Term {
  key: string;
  label: string;
  value: number | undefined;
}

const term = (values: Record<string, FieldValue>, key: string, label = labelOf(key)): Term => ({ key, label, value: num(values, key) });
const ready = (terms: Term[]): terms is (Term & { value: number })[] => terms.every((t) => t.value !== undefined);

function sumCheck(id: string, section: SectionId, total: Term, parts: Term[]): CheckWarning[] {
  const blank = parts.filter((p) => p.value === undefined);
  // A total with some parts given and others blank cannot be checked: say which rows to fill.
  if (total.value !== undefined && blank.length > 0 && blank.length < parts.length) {
    const given = parts.filter((p) => p.value !== undefined).map((p) => p.key);
    return [{ id, section, message: zh.checksBlank(total.label, blank.map((p) => p.label)), fields: [total.key, ...blank.map((p) => p.key), ...given] }];
  }
  if (!ready([total, ...parts]) || parts.length === 0) return [];
  const sum = parts.reduce((s, p) => s + p.value!, 0);
  const diff = Math.abs(sum - total.value!);
  if (diff <= TOLERANCE) return [];
  const partsText = parts.map((p) => `${p.label} ${wan(p.value!)}`).join(' + ');
  return [{ id, section, message: M.sum(partsText, wan(sum), total.label, wan(total.value!), wan(diff)), fields: [total.key, ...parts.map((p) => p.key)] }];
}

function partsWithin(id: string, section: SectionId, total: Term, parts: Term[]): CheckWarning[] {
  const given = parts.filter((p) => p.value !== undefined);
  if (total.value === undefined || given.length === 0) return [];
  const sum = given.reduce((s, p) => s + p.value!, 0);
  if (sum <= total.value + TOLERANCE) return [];
  const partsText = given.map((p) => `${p.label} ${wan(p.value!)}`).join(' + ');
  return [{ id, section, message: M.partsExceed(partsText, wan(sum), total.label, wan(total.value)), fields: [total.key, ...given.map((p) => p.key)] }];
}

function notGreater(id: string, section: SectionId, a: Term, b: Term, show: (x: number) => string, hint = ''): CheckWarning[] {
  if (a.value === undefined || b.value === undefined) return [];
  const tol = show === wan ? TOLERANCE : 1e-9;
  if (a.value <= b.value + tol) return [];
  return [{ id, section, message: M.notGreater(a.label, show(a.value), b.label, show(b.value), hint), fields: [a.key, b.key] }];
}

const withUnit = (unit: string) => (x: number) => `${plain(x)} ${unit}`;

export interface CheckOptions {
  /** The rule set's project indicator groups (domain §4: 产出 50 / 效益 30 / 满意度 10). */
  projectGroups?: readonly { level1: string; weight: number }[];
}

export function runChecks(model: ReportModel, opts: CheckOptions = {}): CheckWarning[] {
  const v = model.values;
  const t = (key: string, label?: string) => term(v, key, label);
  const out: CheckWarning[] = [];

  // 一 / 二：budget and spending
  out.push(...notGreater('staff.overAuthorized', 'unit', t('staff.actual'), t('staff.authorized'), withUnit('人'), M.overStaff));
  out.push(...sumCheck('basic.split', 'budget', t('basic.total'), [t('basic.personnel'), t('basic.public')]));
  out.push(...sumCheck('budget.executedSplit', 'budget', t('budget.executed'), [t('basic.total'), t('spend.project')]));
  out.push(...notGreater('budget.overFull', 'budget', t('budget.executed'), t('budget.full'), wan, M.overBudget));
  out.push(...notGreater('budget.keyProjects', 'budget', t('budget.keyProjects'), t('spend.project'), wan));

  // 附件1: 三公经费 and its parts, 项目支出 rows, 公用经费 其中 — column by column
  for (const p of PERIODS) {
    const pl = periodLabel(p);
    const c = (base: string, label: string) => t(controlKey(base, p), M.period(label, pl));
    out.push(
      ...sumCheck(`sanGong.total.${p}`, 'control', c('sanGong.total', '三公经费'), [
        c('sanGong.car', '公务用车购置和维护经费'),
        c('sanGong.abroad', '出国经费'),
        c('sanGong.reception', '公务接待'),
      ]),
    );
    out.push(...sumCheck(`sanGong.car.${p}`, 'control', c('sanGong.car', '公务用车购置和维护经费'), [c('sanGong.carPurchase', '公车购置'), c('sanGong.carRunning', '公车运行维护')]));
    out.push(
      ...partsWithin(`public.parts.${p}`, 'control', c('basic.public', '公用经费'), [
        c('public.office', '办公经费'),
        c('public.utilitiesTravel', '水费、电费、差旅费'),
        c('public.meetingTraining', '会议费、培训费'),
      ]),
    );
    const specialKey = { prior: 'special.priorFinal', budget: 'special.budgetFull', actual: 'special.executed' }[p];
    const specials = items(model, 'special').map((s, i) =>
      term(s.values, specialKey, M.period(`专项「${str(s.values, 'special.name') ?? i + 1}」`, pl)),
    );
    out.push(...sumCheck(`spend.project.${p}`, 'control', c('spend.project', '项目支出'), [c('spend.business', '业务工作经费'), ...specials]));
  }

  // 楼堂馆所, 资产, 重点工作, 其他三本预算
  out.push(...notGreater('building.area', 'buildings', t('building.actualArea'), t('building.approvedArea'), withUnit('㎡')));
  out.push(...notGreater('building.invest', 'buildings', t('building.actualInvest'), t('building.budgetInvest'), wan));
  out.push(...notGreater('asset.inUse', 'management', t('asset.inUse'), t('asset.total'), wan));
  out.push(...notGreater('keyWork.done', 'targets', t('keyWork.done'), t('keyWork.assigned'), withUnit('项')));
  for (const base of ['govFund', 'stateCapital', 'socialInsurance']) {
    if (v[`${base}.has`] === true) out.push(...notGreater(`${base}.overBudget`, 'otherFunds', t(`${base}.executed`), t(`${base}.budget`), wan, M.overBudget));
  }

  // 附件3: each 专项's funds block and indicator weights
  items(model, 'special').forEach((s, i) => {
    const name = `专项「${str(s.values, 'special.name') ?? i + 1}」`;
    const sv = s.values;
    const st = (key: string, label: string) => term(sv, key, `${name}${label}`);
    for (const [col, colLabel] of [
      ['budgetInitial', '年初预算数'],
      ['budgetFull', '全年预算数（A）'],
      ['executed', '全年执行数（B）'],
    ] as const) {
      const parts = ['current', 'carryover', 'other'].map((part) => st(`special.${col}.${part}`, labelOf(`special.${col}.${part}`)));
      if (parts.some((p) => p.value !== undefined)) {
        out.push(...sumCheck(`special.${s.id}.${col}`, 'specials', st(`special.${col}`, colLabel), parts.map((p) => (p.value === undefined ? { ...p, value: 0 } : p))));
      }
    }
    out.push(...notGreater(`special.${s.id}.overBudget`, 'specials', st('special.executed', '全年执行数（B）'), st('special.budgetFull', '全年预算数（A）'), wan, M.overBudget));

    const groups = opts.projectGroups ?? [];
    if (groups.length === 0) return;
    const rows = childItems(s, 'specialIndicator');
    rows.forEach((r, j) => {
      const l1 = str(r.values, 'specialIndicator.level1');
      if (l1 && !groups.some((g) => g.level1 === l1)) {
        out.push({ id: `special.${s.id}.level1.${j}`, section: 'specials', message: M.projectLevel1(name, j + 1, l1, groups.map((g) => g.level1)), fields: ['specialIndicator.level1'] });
      }
    });
    if (rows.length === 0 || rows.some((r) => num(r.values, 'specialIndicator.weight') === undefined)) return;
    for (const g of groups) {
      const sum = rows.filter((r) => str(r.values, 'specialIndicator.level1') === g.level1).reduce((acc, r) => acc + num(r.values, 'specialIndicator.weight')!, 0);
      if (Math.abs(sum - g.weight) > 1e-9) {
        out.push({ id: `special.${s.id}.weights.${g.level1}`, section: 'specials', message: M.projectWeights(name, g.level1, plain(sum), plain(g.weight)), fields: ['specialIndicator.weight'] });
      }
    }
  });
  return out;
}
