import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { parseNumber } from '../../src/dialogs/numbers.js';
import { buildPlan } from '../../src/dialogs/plan.js';
import { deepFreeze } from '../../src/report/deep-freeze.js';
import { initialState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import { parseAnswer } from '../../src/dialogs/values.js';
import { FIELDS, getField } from '../../src/report/catalogue.js';
import { checkValue } from '../../src/report/dataset.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { applyPatch } from '../../src/store/patch.js';
import { seedModel } from '../helpers/rulesets.js';

const ruleSet = loadRuleSet('yueyang-reference');
const COMMAND_WORDS = ['帮助', '继续', '进度', '得分', '现在多少分', '查看', '修改', '改为', '上一步', '跳过', '稍后再填', '生成报告', '确认生成', '取消', '邀请', '加入', '年度', '用默认', '添加项目', '删除项目', '修改项目', '项目列表', '确认', '是', '否', '人员经费', '编制数', '%', '万', '元', '亿', '一百', '点', '-', '1e309', 'NaN'];

/** Text people (and fuzzers) type: anything Unicode, numbers with units, command words glued together, very long text. */
const messages = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...COMMAND_WORDS), { maxLength: 6 }).map((w) => w.join(' ')),
  fc.tuple(fc.double({ noNaN: false }), fc.constantFrom('', '万', '元', '%', '亿', '人', '件')).map(([n, u]) => `${n}${u}`),
  fc.string({ minLength: 9_000, maxLength: 12_000 }),
);

describe('properties: the number parser', () => {
  it('never throws; a parsed value is always a finite number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        const r = parseNumber(s);
        if (typeof r === 'string') expect(['NOT_A_NUMBER', 'TOO_LARGE', 'SCIENTIFIC']).toContain(r);
        else expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any decimal it printed, in 万 and in 元', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (cents) => {
        const wan = cents / 100;
        expect(parseNumber(`${wan}万`)).toEqual({ value: wan, unit: '万' });
        expect(parseNumber(`${(cents * 100).toLocaleString('en-US')}元`)).toEqual({ value: cents * 100, unit: '元' });
      }),
    );
  });
});

describe('properties: answers', () => {
  const fields = FIELDS.filter((f) => !['text', 'longtext'].includes(f.kind));
  it('an accepted answer always satisfies its field’s kind and bounds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), messages, (f, text) => {
        const r = parseAnswer(f, text);
        if (r.ok) expect(checkValue(f, r.value).ok, `${f.key} ← ${JSON.stringify(text)} = ${String(r.value)}`).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('properties: the whole message handler', () => {
  // frozen as the model cache hands it out: an engine that changed its snapshot would throw
  const model = deepFreeze(seedModel());
  const loadedScore = scoreReport(model, ruleSet);
  /** `scored`: the runner had the report's score cached, so the engine re-scores from it. */
  const snapshot = (role: 'filler' | 'reviewer', scored = false): Snapshot => ({
    userId: 'u',
    memberships: [{ unitId: 'unit', unitName: '单位', role }],
    report: { id: 'r', unitId: 'unit', year: 2024, version: 1, model, ...(scored ? { score: loadedScore } : {}) },
    ruleSet,
    today: { year: 2025 },
    buttons: false,
  });
  const steps: Step[] = [
    ...buildPlan(model).flatMap((e): Step[] => (e.kind === 'field' ? [{ kind: 'field', ref: e.ref }] : [{ kind: 'gate', group: e.group, ...(e.parentId ? { parentId: e.parentId } : {}) }])),
    { kind: 'done' },
    { kind: 'confirmGenerate' },
  ];
  let n = 0;

  it('never throws, always answers, and stores only values within their field’s bounds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...steps), messages, fc.constantFrom('filler' as const, 'reviewer' as const), (step, text, role) => {
        const d = handle(snapshot(role), { ...initialState(), unitId: 'unit', reportId: 'r', step }, text, { newId: () => `id-${++n}` });
        expect(d.replies.length + (d.action ? 1 : 0)).toBeGreaterThan(0);
        for (const r of d.replies) {
          expect(r.text).not.toMatch(/undefined|\[object Object\]/);
          if (!text.includes('NaN')) expect(r.text).not.toContain('NaN');
        }
        for (const a of d.answers) {
          if (a.value === null) continue;
          expect(checkValue(getField(a.fieldKey)!, a.value).ok, `${a.fieldKey} = ${String(a.value)} from ${JSON.stringify(text)}`).toBe(true);
        }
        if (role === 'reviewer') expect(d.answers).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('the score the engine hands back is the score of the model as the store will read it back', () => {
    // The bot keeps decision.score as the next turn's "before" score: it must equal scoring the
    // snapshot model with this turn's patch applied the way the model cache applies it.
    let compared = 0;
    fc.assert(
      fc.property(fc.constantFrom(...steps), messages, fc.boolean(), (step, text, scored) => {
        const snap = snapshot('filler', scored);
        const d = handle(snap, { ...initialState(), unitId: 'unit', reportId: 'r', step }, text, { newId: () => `id-${++n}` });
        if (!d.score || d.action) return;
        const after = applyPatch(model, { answers: d.answers, addItems: d.addItems, deleteItems: d.deleteItems });
        expect(d.score).toStrictEqual(scoreReport(after, ruleSet));
        compared++;
      }),
      { numRuns: 1500 },
    );
    expect(compared).toBeGreaterThan(100); // answers were really given and scored
  }, 180_000);
});
