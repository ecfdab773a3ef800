import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { RULE_TYPES, type RuleSet } from '../../src/scoring/ruleset-schema.js';
import { SEED_FILE } from '../helpers/rulesets.js';

/**
 * Issue 27 item 7, done when: every worked example in docs/rulesets.md reproduces to the
 * hundredth through `npm run score`, and every rule type has one. A `score <rule set>` block holds
 * lines of `npm run score -- <seed> --rules rulesets/<rule set>.yaml`; a `whatif <rule set> <change>`
 * block lines of the same with `--what-if <change>`. Runs of spaces (the table's alignment) count as one.
 */
const root = new URL('../..', import.meta.url).pathname;
const doc = readFileSync(join(root, 'docs/rulesets.md'), 'utf8');
const blocks = [...doc.matchAll(/^```(score|whatif) (\S+)(?: (.+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
  kind: m[1] as 'score' | 'whatif',
  ruleSet: m[2]!,
  change: m[3],
  lines: m[4]!.split('\n').filter((l) => l.trim()),
}));
const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

function run(ruleSet: string, change?: string): string[] {
  const args = ['--import', 'tsx', 'src/cli/score.ts', SEED_FILE, '--rules', `rulesets/${ruleSet}.yaml`, ...(change ? ['--what-if', change] : [])];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').map(squeeze);
}

function indicatorNamed(rs: RuleSet, name: string) {
  return rs.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators)).find((i) => i.name === name);
}

describe('docs/rulesets.md worked examples', () => {
  it('has score examples for both shipped rule sets and what-if examples', () => {
    expect(new Set(blocks.filter((b) => b.kind === 'score').map((b) => b.ruleSet))).toEqual(new Set(['yueyang-reference', 'national-2013-framework']));
    expect(blocks.some((b) => b.kind === 'whatif')).toBe(true);
  });

  const outputs = new Map<string, string[]>();
  const output = (ruleSet: string, change?: string) => {
    const key = `${ruleSet}\u0000${change ?? ''}`;
    if (!outputs.has(key)) outputs.set(key, run(ruleSet, change));
    return outputs.get(key)!;
  };

  for (const b of blocks) {
    it(`${b.kind} ${b.ruleSet}${b.change ? ` ${b.change}` : ''}: every line is printed by npm run score`, () => {
      const printed = output(b.ruleSet, b.change);
      for (const line of b.lines) {
        const want = squeeze(line);
        // a score line is a row of the table (after its 一级 and 二级 columns); a what-if line is a whole line
        const found = b.kind === 'score' ? printed.some((p) => p === want || p.endsWith(` ${want}`)) : printed.includes(want);
        expect(found, `not printed: ${want}`).toBe(true);
      }
    });
  }

  it('every rule type (and a formula input) has a worked example', () => {
    const covered = new Set<string>();
    for (const b of blocks.filter((x) => x.kind === 'score')) {
      const rs = loadRuleSet(b.ruleSet);
      for (const line of b.lines) {
        const ind = indicatorNamed(rs, line.split(/\s+/)[0]!);
        expect(ind, line).toBeDefined();
        covered.add(ind!.rule.type);
        if ('fallback' in ind!.rule && ind!.rule.fallback) covered.add(ind!.rule.fallback.type);
        if ('input' in ind!.rule && ind!.rule.input.kind === 'formula') covered.add('formula');
      }
    }
    expect([...RULE_TYPES, 'formula'].filter((t) => !covered.has(t))).toEqual([]);
  });
});
