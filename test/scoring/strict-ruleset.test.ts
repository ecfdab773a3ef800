import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../src/errors.js';
import { loadRuleSetFile, RULESET_DIR } from '../../src/scoring/ruleset-loader.js';
import { closestKey } from '../../src/scoring/schema-issues.js';

const reference = readFileSync(join(RULESET_DIR, 'yueyang-reference.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'strict-rs-'));
let n = 0;

/** The reference rule set with one edit, loaded from a file; the refusal's problems. */
function refusedEdit(edit: (text: string) => string): { file: string; problems: readonly string[]; message: string } {
  const file = join(dir, `edited-${++n}.yaml`);
  const text = edit(reference);
  expect(text).not.toBe(reference);
  writeFileSync(file, text);
  try {
    loadRuleSetFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('RULESET_INVALID');
    return { file, problems: (e as AppError).details, message: (e as AppError).message };
  }
  throw new Error('the edited rule set was accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a rule set is checked strictly: unknown keys are errors with file, line, column and the key meant', () => {
  it('a misspelled optional key (partialPoint) is refused, naming partialPoints', () => {
    const edit = (t: string) => t.replace('              perPoint: 0.5\n              zeroDenominator: { points: 0, reason: 编制数', '              perPoint: 0.5\n              partialPoint: true\n              zeroDenominator: { points: 0, reason: 编制数');
    const { file, problems } = refusedEdit(edit);
    const line = lineOf(edit(reference), 'partialPoint: true');
    expect(problems).toEqual([`${file} 第 ${line} 行第 15 列：指标「在职人员控制率」（staff-control）：rule 中有未知的键「partialPoint」，是否想写「partialPoints」？`]);
  });

  it('a misspelled grade: block is refused instead of falling back to the default grades', () => {
    const { file, problems } = refusedEdit((t) => t.replace('grades:\n  - { min: 90, label: 优 }', 'grade:\n  - { min: 95, label: 优 }'));
    expect(problems).toEqual([`${file} 第 ${lineOf(reference, 'grades:')} 行第 1 列：有未知的键「grade」，是否想写「grades」？`]);
  });

  it('without a likely key meant, lists the keys allowed there', () => {
    const { problems } = refusedEdit((t) => t.replace('overAchievementFlag: 150', 'overAchievementFlag: 150\ncolour: blue'));
    expect(problems[0]).toMatch(/有未知的键「colour」（此处可用的键：id、name、.*grades.*tree）/);
  });

  it('a header problem does not hide the problems in the tree', () => {
    const { problems } = refusedEdit((t) => t.replace('grades:', 'grade:').replace('perPoint: 0.5\n', 'perPoint: 0.5\n              partialPoint: true\n'));
    expect(problems.map((p) => p.replace(/^.*第 \d+ 行第 \d+ 列：/, ''))).toEqual([
      '有未知的键「grade」，是否想写「grades」？',
      '指标「在职人员控制率」（staff-control）：rule 中有未知的键「partialPoint」，是否想写「partialPoints」？',
    ]);
  });

  it('a wrong value is said in Chinese at its line', () => {
    const { file, problems } = refusedEdit((t) => t.replace('            weight: 5\n            criterion: 在职人员控制率', '            weight: 五\n            criterion: 在职人员控制率'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file} 第 ${lineOf(reference, 'criterion: 在职人员控制率') - 1} 行第 21 列：指标「在职人员控制率」（staff-control）：weight 不正确（应为数字，实际是文字）`);
  });

  it('a field key typo names the field meant', () => {
    const { problems } = refusedEdit((t) => t.replace('numerator: [staff.actual]', 'numerator: [staff.actaul]'));
    expect(problems[0]).toContain('引用的字段「staff.actaul」不在字段目录中，是否想写「staff.actual」？');
  });
});

describe('JSON rule sets are checked as strictly', () => {
  it('names the line and column of a JSON key', () => {
    const doc = JSON.parse(JSON.stringify(parseYaml(reference)));
    doc.tree[0].children[0].indicators[0].rule.partialPoint = true;
    const text = JSON.stringify(doc, null, 2);
    const file = join(dir, 'rules.json');
    writeFileSync(file, text);
    expect(() => loadRuleSetFile(file)).toThrow(`${file} 第 ${lineOf(text, '"partialPoint"')} 行第 17 列：指标「在职人员控制率」（staff-control）：rule 中有未知的键「partialPoint」，是否想写「partialPoints」？`);
  });
});

describe('YAML syntax errors name the line to fix', () => {
  it('an over-indented key is on the line where it is, not the line above', () => {
    const file = join(dir, 'indent.yaml');
    writeFileSync(file, 'id: x\nname: y\n  version: 1\nregion: z\n');
    expect(() => loadRuleSetFile(file)).toThrow(`${file} 第 3 行第 3 列：这一行的缩进不对`);
  });

  it('a tab is named at its line, in Chinese', () => {
    const file = join(dir, 'tab.yaml');
    writeFileSync(file, 'id: x\n\tname: y\n');
    expect(() => loadRuleSetFile(file)).toThrow(`${file} 第 2 行第 1 列：不能用 Tab 缩进，请改用空格`);
  });
});

describe('closestKey', () => {
  it('suggests only near misses', () => {
    expect(closestKey('partialPoint', ['partialPoints', 'perPoint'])).toBe('partialPoints');
    expect(closestKey('Weight', ['weight', 'name'])).toBe('weight');
    expect(closestKey('colour', ['id', 'name', 'tree'])).toBeUndefined();
    expect(closestKey('id', ['ids', 'if'])).toBe('ids');
  });
});
