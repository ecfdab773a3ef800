import { afterAll, describe, expect, it } from 'vitest';
import { BackgroundThread } from '../../src/export/background-thread.js';
import { BUILD_HEAP_MB } from '../../src/export/builder.js';
import { FIELDS } from '../../src/report/catalogue.js';
import type { GroupId } from '../../src/report/fields.js';
import { MAX_CHARS, MAX_ITEMS, MAX_LINES } from '../../src/report/limits.js';
import { childItems, items, type FieldValue, type ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { documentText } from '../helpers/docx.js';
import { reportOfShape, type Shape } from './at-limits.js';
import { illFormedParts } from './xml-check.js';

/**
 * A report at the limits of src/report/limits.ts builds in the build worker the server uses
 * (BackgroundThread, BUILD_HEAP_MB of heap). Times are not asserted: the machine may be busy.
 * Each build takes ~7 s on an idle 2-core machine; the timeouts leave room for a loaded one.
 */

const TIMEOUT = 300_000;
const createdAt = new Date('2025-03-01T08:00:00Z');
const rules = loadRuleSet('yueyang-reference');

const AT_LIMITS: Shape = {
  special: MAX_ITEMS.special,
  specialIndicator: MAX_ITEMS.specialIndicator,
  target: MAX_ITEMS.target,
  manualScore: MAX_ITEMS.manualScore,
  textChars: MAX_CHARS.text,
  longChars: MAX_CHARS.longtext,
  textLines: 1,
  longLines: 1,
};

const codePoints = (s: string) => [...s].length;

/** Every answer of the report, with the kind of its field. */
function answers(m: ReportModel): { key: string; value: FieldValue }[] {
  const all = (values: Record<string, FieldValue>) => Object.entries(values).map(([key, value]) => ({ key, value }));
  const out = all(m.values);
  for (const g of ['special', 'target', 'manualScore'] as const) for (const it of items(m, g)) out.push(...all(it.values));
  for (const s of items(m, 'special')) for (const row of childItems(s, 'specialIndicator')) out.push(...all(row.values));
  return out;
}

const kindOf = new Map(FIELDS.map((f) => [f.key, f.kind]));

/** The report is at the limits: each group full, every field answered, texts at their maximum. */
function expectAtLimits(m: ReportModel, longLines: number) {
  for (const g of ['special', 'target', 'manualScore'] as const) expect(items(m, g), g).toHaveLength(MAX_ITEMS[g]);
  for (const s of items(m, 'special')) expect(childItems(s, 'specialIndicator')).toHaveLength(MAX_ITEMS.specialIndicator);
  const got = answers(m);
  const answered = new Set(got.map((a) => a.key));
  for (const f of FIELDS) expect(answered.has(f.key), f.key).toBe(true);
  const texts = got.filter((a) => kindOf.get(a.key) === 'text' || kindOf.get(a.key) === 'longtext');
  for (const { key, value } of texts) {
    const kind = kindOf.get(key) as 'text' | 'longtext';
    expect(codePoints(String(value)), key).toBe(MAX_CHARS[kind]);
    expect(String(value).split('\n').length, key).toBe(kind === 'text' ? MAX_LINES.text : longLines);
    expect(String(value), key).toMatch(/^[\u4e00-\u9fff\n]+$/);
  }
  return texts.length;
}

describe(`a report at the limits builds in the build worker (${BUILD_HEAP_MB} MB heap)`, () => {
  const builder = new BackgroundThread();
  afterAll(() => builder.close());

  async function build(m: ReportModel) {
    const built = await builder.build(m, scoreReport(m, rules), { createdAt });
    expect(illFormedParts(built.content)).toEqual([]);
    return built;
  }

  it(
    'every group full, every text answer at its maximum length in CJK characters',
    async () => {
      const m = reportOfShape(AT_LIMITS);
      expect(expectAtLimits(m, 1)).toBeGreaterThan(3 * MAX_ITEMS.special * MAX_ITEMS.specialIndicator);
      const built = await build(m);
      expect(built.missing).toEqual([]);
      const text = documentText(built.content);
      expect(text.match(/年度总体目标/g)).toHaveLength(MAX_ITEMS.special); // one table per 专项
      const last = items(m, 'special').at(-1)!;
      expect(text).toContain(String(last.values['special.name']));
      expect(text).toContain(String(childItems(last, 'specialIndicator').at(-1)!.values['specialIndicator.name']));
      expect(text).toContain(String(m.values['narrative.measures']));
    },
    TIMEOUT,
  );

  it(
    `the same with every long text in ${MAX_LINES.longtext} lines (a paragraph each)`,
    async () => {
      const m = reportOfShape({ ...AT_LIMITS, longLines: MAX_LINES.longtext });
      expectAtLimits(m, MAX_LINES.longtext);
      const built = await build(m);
      const text = documentText(built.content);
      for (const line of String(m.values['narrative.problems']).split('\n')) expect(text).toContain(`${line}\n`);
    },
    TIMEOUT,
  );

  it(
    'every group full of items left empty: the list of missing answers at its longest',
    async () => {
      const m = reportOfShape({ ...AT_LIMITS, empty: true });
      const built = await build(m);
      const perItem = (g: GroupId) => FIELDS.filter((f) => f.group === g && f.required && !f.askIf).length;
      const expected = MAX_ITEMS.special * (perItem('special') + MAX_ITEMS.specialIndicator * perItem('specialIndicator'));
      expect(built.missing.length).toBeGreaterThan(expected);
      const text = documentText(built.content);
      expect(text).toContain('\n1. 专项资金项目1：');
      expect(text).toContain(`\n${built.missing.length}. `); // every one listed under 十
    },
    TIMEOUT,
  );
});
