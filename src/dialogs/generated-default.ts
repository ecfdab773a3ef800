import { zh } from '../messages/zh.js';
import { getField, sectionTitle } from '../report/catalogue.js';
import { str } from '../report/model.js';
import { ECONOMY_POINT_KEYS, GENERATED } from '../report/own-words.js';
import { generatedPoint } from '../export/economy-points.js';
import { selfName, shortSelf } from '../export/figures.js';
import { showValue } from '../scoring/inputs.js';
import { parseCommand } from './commands.js';
import { afterAnswers, canWrite, type Turn } from './engine.js';
import { sectionPosition } from './honest.js';
import { priorTextOffer } from './import-flow.js';
import type { PlanEntry } from './plan.js';

/**
 * The unit's own words where the seed has them (issue 26 item 6): 六（一）1–4 and, in 一、, the
 * short name, the word for the internal units and the 编制 wording are asked with the wording
 * the document would generate as the one-tap default (「用默认」, a button where the channel has
 * them). Taking it stores GENERATED: the document keeps generating that wording from the figures.
 */
const D = zh.dialog;
const L = zh.lists;

const WORDING: Record<string, (t: Turn) => string | undefined> = {
  'unit.shortName': (t) => shortSelf(selfName(str(t.model!.values, 'unit.name'))),
  'unit.departmentNoun': () => '机构',
  'staff.wording': (t) => {
    const type = str(t.model!.values, 'staff.type');
    return type ? `编制类型为${type}` : undefined;
  },
  ...Object.fromEntries(ECONOMY_POINT_KEYS.map((key, i) => [key, (t: Turn) => generatedPoint(t.score(), i) || undefined])),
};

/** The generated wording a field offers as its default, or undefined when it offers none. */
export function generatedWording(t: Turn, key: string): string | undefined {
  return WORDING[key]?.(t);
}

/** Hook of the engine's question: the question of such a field, with its default offered. */
export function generatedQuestion(t: Turn, entry: Extract<PlanEntry, { kind: 'field' }>, edit: boolean): boolean {
  const make = WORDING[entry.ref.key];
  if (!make || entry.ref.itemId) return false;
  const f = entry.field;
  const { n, total } = sectionPosition(t.plan(), entry);
  const lines = [D.question(n, total, sectionTitle(entry.section), f.label, '')];
  if (f.help) lines.push(D.hint(f.help));
  const current = t.model!.values[f.key];
  if (edit && current !== undefined) lines.push(D.current(showValue(f.key, current)));
  const wording = make(t);
  lines.push(wording ? L.generatedOffer(wording) : L.generatedNone);
  const prior = priorTextOffer(t, entry.ref);
  if (prior) lines.push(prior.line);
  const choices = [...(prior?.choices ?? []), L.useDefault];
  // without buttons the default is named in the offer line (a numbered 用默认 would read as an answer)
  t.say(lines.join('\n'), t.snap.buttons ? choices : prior?.choices);
  return true;
}

/** Hook before commands: 「用默认」 on such a question stores GENERATED. */
export function generatedDefaultTurn(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field' || step.ref.itemId || !WORDING[step.ref.key]) return false;
  if (parseCommand(text)?.kind !== 'useDefault') return false;
  if (!canWrite(t)) return true;
  const f = getField(step.ref.key)!;
  t.write(step.ref, GENERATED, true);
  afterAnswers(t, [D.recorded(f.label, L.generatedShown)], [f.key], [step.ref]);
  return true;
}

