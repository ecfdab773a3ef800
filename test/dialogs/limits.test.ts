import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type DialogState, type Snapshot } from '../../src/dialogs/types.js';
import { MAX_ITEMS } from '../../src/report/limits.js';
import type { GroupItem, ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/** Issue 22: 600 × 添加项目 made a report no build could finish. Groups stop at their limits. */
const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
const deps = { newId: () => `new-${++ids}` };
const snap = (model: ReportModel): Snapshot => ({
  userId: 'u1',
  memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
  report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
  ruleSet,
  today: { year: 2025 },
  buttons: false,
});
const at = (step: DialogState['step']): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step });
const text = (d: { replies: { text: string }[] }) => d.replies.map((r) => r.text).join('\n');
const filled = (n: number, make: (i: number) => GroupItem): GroupItem[] => Array.from({ length: n }, (_, i) => make(i));

describe('limits on what a user can grow', () => {
  it('添加项目 at the limit adds nothing and says why; one below it still adds', () => {
    const m = seedModel();
    const existing = m.groups.special!;
    m.groups.special = filled(MAX_ITEMS.special, (i) => ({ ...existing[i % existing.length]!, id: `p${i}` }));
    const full = handle(snap(m), at({ kind: 'field', ref: { key: 'narrative.other' } }), '添加项目', deps);
    expect(full.addItems).toEqual([]);
    expect(text(full)).toContain(`专项资金项目最多 ${MAX_ITEMS.special} 个，已达上限`);
    m.groups.special = m.groups.special.slice(1);
    expect(handle(snap(m), at({ kind: 'field', ref: { key: 'narrative.other' } }), '添加项目', deps).addItems).toHaveLength(1);
  });

  it('是 at a full gate adds nothing, closes the gate and moves on', () => {
    const m = seedModel();
    const targets = m.groups.target!;
    m.groups.target = filled(MAX_ITEMS.target, (i) => ({ ...targets[i % targets.length]!, id: `t${i}` }));
    const d = handle(snap(m), at({ kind: 'gate', group: 'target' }), '是', deps);
    expect(d.addItems).toEqual([]);
    expect(d.state.gatesClosed).toContain('target@');
    expect(text(d)).toContain(`年度绩效目标最多 ${MAX_ITEMS.target} 个`);
  });

  it('a project holds at most the limit of indicator rows', () => {
    const m = seedModel();
    const project = m.groups.special![0]!;
    const rows = project.children.specialIndicator!;
    const fullProject: GroupItem = { ...project, children: { ...project.children, specialIndicator: filled(MAX_ITEMS.specialIndicator, (i) => ({ ...rows[i % rows.length]!, id: `r${i}` })) } };
    m.groups.special = [fullProject, ...m.groups.special!.slice(1)];
    const d = handle(snap(m), at({ kind: 'gate', group: 'specialIndicator', parentId: project.id }), '是', deps);
    expect(d.addItems).toEqual([]);
    expect(text(d)).toContain(`项目绩效指标最多 ${MAX_ITEMS.specialIndicator} 个`);
  });
});
