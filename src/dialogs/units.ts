import type { FieldDef } from '../report/fields.js';
import type { FieldValue } from '../report/model.js';
import type { ParsedNumber } from './numbers.js';

/**
 * A number as typed, in the unit of the field it answers: money in 万元, counts multiplied by a
 * 万/亿 (`10万人次` → 100000), an indicator value in the indicator's own 计量单位 (`1,500元/件`
 * for 元/件, `5000万元` for 万元, `1000万元` for 元 → 10 000 000). A unit written after the number
 * that is not the field's is refused, never dropped.
 */
export type InUnit = { ok: true; value: number } | { ok: false; why: 'wrongUnit' | 'ambiguous'; unit: string };

/** What else an answer depends on: the 计量单位 of the indicator it belongs to. */
export interface AnswerContext {
  measureUnit?: string;
}

/** A bare number this large in a 万元 field is far more likely 元 typed without a unit. */
const AMBIGUOUS_WAN = 100_000;
/** 元 per written money unit. */
const YUAN: Partial<Record<string, number>> = { 元: 1, 万: 1e4, 万元: 1e4, 亿: 1e8, 亿元: 1e8 };
/** A bare 万/亿 multiplies a count. */
const SCALE: Partial<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
const PERCENT_WORDS = ['%', '百分比', '百分率'];
const AREA_WORDS = ['㎡', '平方米', '平米', 'm2'];
const PEOPLE_WORDS = ['人', '名'];

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The 计量单位 of the indicator a field belongs to, for its 年度指标值 and 实际完成值. */
export function answerContext(f: FieldDef, scope: Record<string, FieldValue> | undefined): AnswerContext {
  if (!f.group || !/\.(target|actual)$/.test(f.key) || !scope) return {};
  const mu = scope[`${f.group}.measureUnit`];
  return typeof mu === 'string' && mu.trim() ? { measureUnit: mu.trim() } : {};
}

function countUnit(f: FieldDef, p: ParsedNumber, wrong: InUnit): InUnit {
  const scale = p.unit ? SCALE[p.unit] : 1;
  if (scale) return { ok: true, value: p.value * scale };
  if (p.unit !== 'count' && p.unit !== 'word') return wrong;
  if (!f.unit) return { ok: true, value: p.value }; // 年度: 2024年
  const w = norm(p.word!);
  const ok = w === f.unit || (f.unit === '人' && PEOPLE_WORDS.includes(w));
  return ok ? { ok: true, value: p.value } : wrong;
}

/** An indicator value in its 计量单位 `mu` (any unit word the unit chose). */
function indicatorUnit(p: ParsedNumber, mu: string | undefined, wrong: InUnit): InUnit {
  const v = p.value;
  if (p.unit === null) return { ok: true, value: v };
  if (mu === undefined) {
    // no 计量单位 yet: the written unit is taken as that unit, a bare 万/亿 still multiplies
    return { ok: true, value: v * (SCALE[p.unit] ?? 1) };
  }
  const m = norm(mu);
  const muYuan = YUAN[m];
  switch (p.unit) {
    case '%':
      return PERCENT_WORDS.includes(m) ? { ok: true, value: v } : wrong;
    case '㎡':
      return AREA_WORDS.includes(m) ? { ok: true, value: v } : wrong;
    case '分':
      return m === '分' ? { ok: true, value: v } : wrong;
    case 'count':
    case 'word': {
      const w = norm(p.word!);
      if (w === m) return { ok: true, value: v };
      if (m === `万${w}`) return { ok: true, value: v / 1e4 }; // 10万人次 for 万人次
      return wrong;
    }
    default: {
      // 元 / 万 / 万元 / 亿 / 亿元
      const yuan = YUAN[p.unit]!;
      if (muYuan) return { ok: true, value: (v * yuan) / muYuan };
      const scale = SCALE[p.unit];
      return scale ? { ok: true, value: v * scale } : wrong;
    }
  }
}

export function toFieldUnit(f: FieldDef, p: ParsedNumber, ctx: AnswerContext = {}): InUnit {
  const wrong: InUnit = { ok: false, why: 'wrongUnit', unit: f.unit || '数字' };
  const v = p.value;
  switch (f.kind) {
    case 'money': {
      if (p.unit === null) return Math.abs(v) >= AMBIGUOUS_WAN ? { ok: false, why: 'ambiguous', unit: '万元' } : { ok: true, value: v };
      const yuan = YUAN[p.unit];
      return yuan ? { ok: true, value: (v * yuan) / 1e4 } : wrong;
    }
    case 'percent':
      return p.unit === null || p.unit === '%' ? { ok: true, value: v } : wrong;
    case 'integer':
      return countUnit(f, p, wrong);
    case 'area': {
      const scale = p.unit ? SCALE[p.unit] : 1;
      if (scale) return { ok: true, value: v * scale };
      return p.unit === '㎡' ? { ok: true, value: v } : wrong;
    }
    default:
      if (f.unit === '分') return p.unit === null || p.unit === '分' ? { ok: true, value: v } : wrong;
      return indicatorUnit(p, ctx.measureUnit, ctx.measureUnit ? { ok: false, why: 'wrongUnit', unit: ctx.measureUnit } : wrong);
  }
}
