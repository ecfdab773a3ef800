import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type DialogState, type Snapshot } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Every parser that sees a message runs in time linear in its length. A turn on a 10 000-character
 * message of any shape costs at most RATIO times the CPU of a plain 10 000-character answer in the
 * same run (CPU time of this thread, not wall time, and a ratio, not a number of milliseconds).
 * On the code before this test, `编制数 1 实有人数 一一一…` took minutes and `人员经费     …改为1`
 * ~35 times the plain answer.
 */
const LENGTH = 10_000;
const RATIO = 12;
const ruleSet = loadRuleSet('yueyang-reference');
const deps = { newId: () => 'new-id' };

function snapOf(model: ReportModel | undefined): Snapshot {
  return {
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
    ...(model ? { report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model } } : {}),
    ruleSet,
    today: { year: 2025 },
    buttons: false,
  };
}

function asking(key: string): { snap: Snapshot; state: DialogState } {
  const model = seedModel();
  delete model.values[key];
  return { snap: snapOf(model), state: { ...initialState(), unitId: 'unit-1', reportId: 'r1', step: { kind: 'field', ref: { key } } } };
}

/** Where a message can land: a number pending, a text pending (no fast entry there), onboarding. */
const CONTEXTS = {
  number: asking('basic.personnel'),
  text: asking('unit.functions'),
  onboarding: { snap: snapOf(undefined), state: initialState() },
};

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const d = process.cpuUsage(before);
  return d.user + d.system;
}

/** The least of a few runs: one garbage collection or compilation must not decide. */
function cost(ctx: keyof typeof CONTEXTS, text: string, runs = 3): number {
  const { snap, state } = CONTEXTS[ctx];
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMicros(() => handle(snap, state, text, deps)));
  return best;
}

const fill = (head: string, filler: string, tail = '') => head + filler.repeat(Math.ceil((LENGTH - head.length - tail.length) / filler.length)).slice(0, LENGTH - head.length - tail.length) + tail;

/** A valid long-text answer: stored, scored, echoed. */
const baseline = () => {
  const samples = Array.from({ length: 7 }, () => cost('text', fill('本单位主要职能是', '负责法律援助工作，'), 1)).sort((a, b) => a - b);
  return samples[3]!;
};

// The shapes that were slow, by name, so a regression says which parser it is.
const NAMED: [string, keyof typeof CONTEXTS, string][] = [
  ['fast entry, CJK tail', 'number', fill('编制数 1 实有人数 ', '一')],
  ['fast entry, latin tail', 'number', fill('编制数 1 实有人数 ', 'x')],
  ['fast entry, 3 000 labels', 'number', fill('', '编制数')],
  ['set with a long blank', 'number', fill('人员经费', ' ', 'x改为1')],
  ['edit with a long blank', 'text', fill('修改', ' ', 'x')],
  ['delete item, digits then a letter', 'number', fill('删除项目', '1', 'x')],
  ['edit item, digits then a letter', 'number', fill('修改项目', '1', 'x')],
  ['Chinese numeral', 'number', fill('', '一')],
  ['Chinese numeral with 点', 'number', fill('', '一点')],
  ['thousands separators', 'number', fill('', '1,')],
  ['percent words', 'number', fill('', '百分之')],
  ['side question', 'number', fill('可以', '可', '吗？')],
  ['onboarding name', 'onboarding', fill('创建单位', '测')],
];

describe('hostile input: each turn is linear in the message', () => {
  it.each(NAMED)('%s: a 10 000-character turn costs at most a few plain answers', (_, ctx, text) => {
    expect([...text].length).toBe(LENGTH);
    const plain = baseline();
    const once = cost(ctx, text, 1);
    // only the slow ones are measured again (a quadratic parser is not measured three times)
    const took = once <= RATIO * plain ? once : Math.min(once, cost(ctx, text, 2));
    expect(took / plain, `${took} µs against ${plain} µs for the plain answer`).toBeLessThanOrEqual(RATIO);
  });

  it('property: any 10 000-character message built from command words, labels and fillers', () => {
    const plain = baseline();
    const heads = ['', '编制数 1 实有人数 ', '人员经费', '修改', '查看', '删除项目', '修改项目', '添加', '加入', '百分之', '可以', '年度', '人员经费 改为 ', '编制数'];
    const fillers = ['一', 'x', ' ', '1', '1,', '.', '点', '万', '?', '改', '编制数', '项目', '第1', '\u3000', '😀', '十百千'];
    const tails = ['', '改为1', 'x', '吗？', '万元', '%', '1'];
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(CONTEXTS) as (keyof typeof CONTEXTS)[])),
        fc.constantFrom(...heads),
        fc.constantFrom(...fillers),
        fc.constantFrom(...tails),
        (ctx, head, filler, tail) => {
          const text = fill(head, filler, tail);
          const once = cost(ctx, text, 1);
          const took = once <= RATIO * plain ? once : Math.min(once, cost(ctx, text, 2));
          expect(took / plain, `${JSON.stringify([ctx, head, filler, tail])}: ${took} µs against ${plain} µs`).toBeLessThanOrEqual(RATIO);
        },
      ),
      { numRuns: 80 },
    );
  });
});
