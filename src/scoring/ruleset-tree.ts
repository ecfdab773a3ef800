import { zh } from '../messages/zh.js';
import type { IndicatorSpec, Level1Spec, Level2Spec, OutlineNode } from './ruleset-schema.js';

/**
 * Fold a tree of any depth 1–4 into the three levels attachment 2 prints (一级 | 二级 | indicator),
 * so the engine, the chat and the document keep one shape:
 * - indicators standing directly under a 一级 (a published 综合管理 with eight items under it)
 *   get a 二级 of the 一级's name;
 * - indicators at the top (a flat table) get a 一级 and 二级 named 评价指标;
 * - a 三级 group of a four-level table becomes a 二级 named "二级 › 三级".
 * Weights are kept; the loader has checked that every group's members add up to it.
 */

type Run = { leaves: IndicatorSpec[] } | { group: Extract<OutlineNode, { children: OutlineNode[] }> };

/** Consecutive indicators together, groups one by one. */
function runs(nodes: readonly OutlineNode[]): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    if ('indicator' in n) {
      const last = out[out.length - 1];
      if (last && 'leaves' in last) last.leaves.push(n.indicator);
      else out.push({ leaves: [n.indicator] });
    } else out.push({ group: n });
  }
  return out;
}

const sum = (inds: readonly IndicatorSpec[]) => inds.reduce((s, i) => s + i.weight, 0);

/** Members of a group that is printed as a 二级 (its weight when it holds indicators only). */
function asLevel2(name: string, weight: number, members: readonly OutlineNode[]): Level2Spec[] {
  const parts = runs(members);
  return parts.map((r) => {
    if ('leaves' in r) return { name, weight: parts.length === 1 ? weight : sum(r.leaves), indicators: r.leaves };
    // A 三级 group: its members are indicators (depth is checked at load).
    const inds = r.group.children.flatMap((c) => ('indicator' in c ? [c.indicator] : []));
    return { name: `${name} › ${r.group.name}`, weight: r.group.weight, indicators: inds };
  });
}

export function foldTree(outline: readonly OutlineNode[]): Level1Spec[] {
  return runs(outline).map((r): Level1Spec => {
    if ('leaves' in r) {
      const w = sum(r.leaves);
      return { name: zh.strict.implicitTop, weight: w, children: [{ name: zh.strict.implicitTop, weight: w, indicators: r.leaves }] };
    }
    const l1 = r.group;
    const children = runs(l1.children).flatMap((m) =>
      'leaves' in m ? [{ name: l1.name, weight: sum(m.leaves), indicators: m.leaves }] : asLevel2(m.group.name, m.group.weight, m.group.children),
    );
    return { name: l1.name, weight: l1.weight, children };
  });
}

/** Depth of the deepest indicator (1 = indicators at the top). */
export function depthOf(outline: readonly OutlineNode[]): number {
  return Math.max(...outline.map((n) => ('indicator' in n ? 1 : 1 + depthOf(n.children))));
}
