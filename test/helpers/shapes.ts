/**
 * Run in a child process with --allow-natives-syntax (see test/scoring/hidden-class.test.ts):
 * scores the seed report whole and, many times, with a target and a 专项 indicator row half
 * filled, and prints whether the objects the scorer builds in numbers share one hidden class (V8 map).
 */
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from './rulesets.js';

// a native call is a syntax error to the TypeScript transform: compile it at run time
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const allShare = (list: object[]) => list.every((x) => sameMap(x, list[0]!));

const ruleSet = loadRuleSet('yueyang-reference');
const whole = scoreReport(seedModel(), ruleSet);
const half = seedModel();
delete half.groups.target![0]!.values['target.actual'];
delete half.groups.special![0]!.children.specialIndicator![0]!.values['specialIndicator.weight'];
// scored often enough for V8 to settle on its fast paths (where the distinct classes appear)
let partial = scoreReport(half, ruleSet);
const earlier = partial;
for (let i = 0; i < 300; i++) partial = scoreReport(half, ruleSet);

const indicators = [...whole.indicators, ...earlier.indicators, ...partial.indicators];
const located = [earlier, partial].flatMap((s) => [...s.missing, ...s.projects.flatMap((p) => p.missing)]).filter((m) => m.where !== undefined);
console.log(
  JSON.stringify({
    indicators: indicators.length,
    pending: partial.indicators.filter((i) => i.status === 'pending').length,
    indicatorsShare: allShare(indicators),
    located: located.length,
    locatedShare: allShare(located),
  }),
);
