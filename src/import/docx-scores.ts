import { readdirSync } from 'node:fs';
import { zh } from '../messages/zh.js';
import type { IndicatorSpec, RuleSet } from '../scoring/ruleset-schema.js';
import { loadRuleSet, RULESET_DIR } from '../scoring/ruleset-loader.js';
import type { GridCell } from './grid.js';
import { parseNumber } from './numbers.js';
import type { ProposalBuilder } from './propose.js';

/**
 * 附件2 prints, for each indicator, how it was scored (the chat's wording, messages/zh.ts
 * scoring). Where the wording names inputs that are not a field label — the items of a
 * checklist, the unit's annual targets — they are read back through the rule set that has an
 * indicator of that name (the bundled ones): its checklist items give the fields, its `targets`
 * rule the 指标类别. A unit whose table lost points prints the reason instead of the working:
 * those targets are not in the document.
 */

const S = zh.import.src;

let ruleSets: RuleSet[] | undefined;
function bundled(): RuleSet[] {
  if (!ruleSets) {
    ruleSets = [];
    for (const f of readdirSync(RULESET_DIR)) {
      const id = /^(.+)\.ya?ml$/.exec(f)?.[1];
      if (!id) continue;
      try {
        ruleSets.push(loadRuleSet(id));
      } catch {
        // a broken rule set is reported where it is used; here it only names nothing
      }
    }
  }
  return ruleSets;
}

function indicatorNamed(name: string): IndicatorSpec | undefined {
  for (const rs of bundled()) for (const l1 of rs.tree) for (const l2 of l1.children) for (const ind of l2.indicators) if (ind.name === name) return ind;
  return undefined;
}

const MEASURE = /^(-?[\d,]+(?:\.\d+)?)(.*)$/;

export function readA2Inputs(rows: GridCell[][], out: ProposalBuilder): void {
  for (const row of rows) {
    const name = row[2]?.text.trim();
    const why = row[row.length - 1]?.text.trim() ?? '';
    const ind = name ? indicatorNamed(name) : undefined;
    if (!ind || !why) continue;
    const rule = ind.rule as { type: string; items?: { field: string; label: string }[]; categories?: string[] };
    if (rule.type === 'checklist' && rule.items) {
      const missed = /(?:不符合|未达到)：(.*)$/.exec(why)?.[1]?.split('；').map((s) => s.replace(/，得.*$/, '')) ?? [];
      const hit = /^符合：(.*?)(?:；不符合：|，得|$)/.exec(why)?.[1]?.split('；') ?? [];
      for (const item of rule.items) {
        if (missed.includes(item.label)) out.set(item.field, false, S.a2(name!));
        else if (hit.includes(item.label) || (missed.length && !hit.length)) out.set(item.field, true, S.a2(name!));
      }
    }
    if (rule.type === 'targets' && rule.categories) {
      const category = rule.categories.length === 1 ? rule.categories[0] : undefined;
      for (const line of why.split('；')) {
        const m = /^(.+?)：(?:实际 (\S+) \/ 目标 (\S+) =|实际 (\S+)，目标 (≤|=) (\S+)，完成程度|定性评价「(.+?)」)/.exec(line);
        if (!m) continue;
        const it = out.item('target', S.a2(name!), '');
        const src = S.a2(`${name} ${m[1]}`);
        it.set('target.name', m[1]!, src);
        if (category) it.set('target.category', category, src);
        if (m[7]) {
          it.set('target.direction', '定性', src);
          it.set('target.level', m[7], src);
          continue;
        }
        const [actual, target, dir] = m[2] ? [m[2], m[3]!, '≥'] : [m[4]!, m[6]!, m[5]!];
        const a = MEASURE.exec(actual);
        const t = MEASURE.exec(target);
        it.set('target.direction', dir, src);
        if (t) {
          it.set('target.target', parseNumber(t[1]!)?.value ?? t[1]!, src);
          if (t[2]) it.set('target.measureUnit', t[2], src);
        }
        if (a) it.set('target.actual', parseNumber(a[1]!)?.value ?? a[1]!, src);
      }
    }
  }
}
