import { reportAppError } from './app-error.js';
import { zh } from '../messages/zh.js';
import { plain } from '../report/format.js';
import { loadRuleSetFile } from '../scoring/ruleset-loader.js';
import type { OutlineNode, RuleSet } from '../scoring/ruleset-schema.js';

const M = zh.rulesCheck;

/** The rule set's tree as written, one node a line, indented by level, each with its weight. */
export function ruleSetTree(rs: RuleSet): string[] {
  const lines: string[] = [];
  const walk = (nodes: readonly OutlineNode[], indent: string) => {
    for (const n of nodes) {
      if ('indicator' in n) lines.push(`${indent}${M.leaf(n.name, n.indicator.id, plain(n.weight), n.indicator.rule.type)}`);
      else {
        lines.push(`${indent}${M.node(n.name, plain(n.weight))}`);
        walk(n.children, `${indent}  `);
      }
    }
  };
  walk(rs.outline ?? [], '');
  lines.push(M.total(plain(rs.total)));
  return lines;
}

/** npm run rules:check -- <rule-set file>: validate strictly and print the tree with weights. */
export function main(argv: string[]): number {
  const files = argv.filter((a) => a !== '--');
  if (files.length !== 1) {
    console.error(M.usage);
    return 2;
  }
  try {
    const rs = loadRuleSetFile(files[0]!);
    const count = rs.tree.reduce((s, l1) => s + l1.children.reduce((t, l2) => t + l2.indicators.length, 0), 0);
    console.log([M.ok(rs.id, rs.name, rs.version, count), ...ruleSetTree(rs)].join('\n'));
    return 0;
  } catch (e) {
    return reportAppError(e);
  }
}

process.exitCode = main(process.argv.slice(2));
