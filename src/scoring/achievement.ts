import { zh } from '../messages/zh.js';
import { fixed2, plain } from '../report/format.js';
import { collect } from './inputs.js';
import { isActive, num, str, type FieldValue, type MissingField } from '../report/model.js';
import { groupFields } from '../report/catalogue.js';
import type { FieldDef, GroupId } from '../report/fields.js';
import type { InputUsed } from './result.js';
import type { QualitativeLevelSpec, RuleSet } from './ruleset-schema.js';

const M = zh.scoring;
const pct = (x: number) => `${fixed2(x * 100)}%`;

export type Achievement =
  | { ok: true; share: number; text: string; flags: string[]; inputs: InputUsed[] }
  | { ok: false; missing: MissingField[] };

/**
 * Degree of achievement of a qualitative level, as a share of the weight (domain §4: the user
 * picks the level; a percentage outside the level's band is clamped to it and flagged).
 */
export function qualitativeShare(
  levels: readonly QualitativeLevelSpec[],
  level: string,
  percent: number | undefined,
): { share: number; flags: string[] } | undefined {
  const spec = levels.find((l) => l.label === level);
  if (!spec) return undefined;
  if (percent === undefined) return { share: spec.default / 100, flags: [] };
  const clamped = Math.min(spec.max, Math.max(spec.min, percent));
  const flags = clamped !== percent ? [M.levelOutOfBand(level, `${fixed2(percent)}%`, `${spec.min}%–${spec.max}%`)] : [];
  return { share: clamped / 100, flags };
}

/** A row's required fields that its achievement reads (not its name, category, weight …), per group. */
const MEASURED = new Map<GroupId, FieldDef[]>();
function measuredFields(group: GroupId): FieldDef[] {
  let list = MEASURED.get(group);
  if (!list) {
    const other = new Set(['name', 'category', 'level1', 'level2', 'weight', 'measureUnit'].map((s) => `${group}.${s}`));
    MEASURED.set(group, (list = groupFields(group).filter((f) => f.required && !other.has(f.key))));
  }
  return list;
}

/**
 * How far one indicator row (a unit target or a project indicator) is achieved, in [0, 1].
 * ≥: actual/target capped at 1; ≤ (reverse, e.g. 成本): full when actual ≤ target, else
 * target/actual [reference]; =: the smaller of the two ratios; 定性: the level's share.
 */
export function achievement(values: Record<string, FieldValue>, group: GroupId, ruleSet: RuleSet, name: string): Achievement {
  const required = measuredFields(group).filter((f) => isActive(f, values));
  const { inputs, missing } = collect(values, required.map((f) => f.key));
  if (missing.length) return { ok: false, missing };
  const direction = str(values, `${group}.direction`)!;
  if (direction === '定性') {
    const level = str(values, `${group}.level`)!;
    const q = qualitativeShare(ruleSet.qualitativeLevels, level, num(values, `${group}.levelPercent`));
    if (!q) return { ok: false, missing: [{ key: `${group}.level`, label: '达成情况' }] };
    return { ok: true, share: q.share, text: M.achievementQualitative(level, pct(q.share)), flags: q.flags, inputs };
  }
  const t = num(values, `${group}.target`)!;
  const a = num(values, `${group}.actual`)!;
  const unit = str(values, `${group}.measureUnit`) ?? '';
  const show = (x: number) => `${plain(x)}${unit}`;
  const flags: string[] = [];
  let share: number;
  let text: string;
  if (direction === '≤') {
    share = a <= t ? 1 : t / a;
    text = M.achievementLe(show(a), show(t), pct(share));
  } else if (direction === '=') {
    share = Math.abs(a - t) <= 1e-9 ? 1 : a === 0 || t === 0 ? 0 : Math.min(a / t, t / a);
    text = M.achievementEq(show(a), show(t), pct(share));
  } else {
    const raw = t === 0 ? 1 : a / t;
    share = Math.min(raw, 1);
    text = M.achievementGe(show(a), show(t), pct(raw));
    if (raw * 100 > ruleSet.overAchievementFlag) flags.push(M.overAchievement(name, pct(raw)));
  }
  return { ok: true, share, text, flags, inputs };
}
