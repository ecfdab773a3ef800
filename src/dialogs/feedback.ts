import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { Turn } from './engine.js';

const D = zh.dialog;

/** After an answer: the indicator it moved and the new total, when the score changed. */
export function liveFeedback(t: Turn, keys: string[]): void {
  const before = t.before();
  const after = t.score();
  if (Math.abs(after.total - before.total) < 1e-9 && after.complete === before.complete) {
    const changed = after.indicators.some((i, k) => i.points !== before.indicators[k]!.points);
    if (!changed) return;
  }
  // the indicator whose points this answer moved (a unit target feeds several, by category)
  const moved = after.indicators.filter((i, k) => i.points !== null && i.points !== before.indicators[k]?.points);
  const ind = moved.find((i) => i.inputs.some((x) => keys.includes(x.key))) ?? (moved.length === 1 ? moved[0] : undefined);
  t.say(ind ? D.live(ind.name, fixed2(ind.points!), fixed2(ind.weight), fixed2(after.total)) : D.liveTotal(fixed2(after.total)));
}
