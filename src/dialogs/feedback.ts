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
  const ind = after.indicators.find((i) => i.points !== null && i.inputs.some((x) => keys.includes(x.key)));
  t.say(ind ? D.live(ind.name, fixed2(ind.points!), fixed2(ind.weight), fixed2(after.total)) : D.liveTotal(fixed2(after.total)));
}
