import { zh } from '../messages/zh.js';
import type { FastEntry } from './commands.js';
import { afterAnswers, canWrite, reask, type Turn } from './engine.js';
import type { FieldRef } from './types.js';
import { askHeldBack, isPlausible } from './plausible.js';
import { answerContext } from './units.js';
import { parseAnswer } from './values.js';

/**
 * 「编制数 11 实有人数 9 人员经费 160.20万」: several fields in one message. Every field it
 * understood is stored, each once; what it did not is listed back, briefly.
 */
const D = zh.dialog;
/** The longest value fast entry looks for at the start of what follows a label. */
const FAST_VALUE_MAX = 40;
/** Characters of unrecognised text echoed back. */
const ECHO_MAX = 20;
/** Things listed back as not understood. */
const ECHO_ITEMS = 10;

/** Text echoed back as not understood: its start is enough to recognise it. */
function clip(s: string): string {
  const chars = [...s];
  return chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX).join('')}…` : s;
}

/** At most ECHO_ITEMS things listed back, the same ones once: a 10 000-character message is not echoed 900 times. */
function summarise(list: string[]): string {
  const unique = [...new Set(list)];
  const shown = unique.slice(0, ECHO_ITEMS).join('；');
  return unique.length > ECHO_ITEMS ? D.andMore(shown, unique.length - ECHO_ITEMS) : shown;
}

/** Store what a fast entry names (the engine found at least two labels in the message). */
export function fastEntry(t: Turn, fast: FastEntry): void {
  if (!canWrite(t)) return;
  const took: string[] = [];
  const bad: string[] = fast.leftover.map(clip);
  const refs: FieldRef[] = [];
  const held: { ref: FieldRef; value: number; typed: string }[] = [];
  // a field named twice is taken once (its first value); the repeats are reported, not stored
  const seen = new Set<string>();
  for (const p of fast.pairs) {
    if (seen.has(p.field.key)) {
      bad.push(D.repeated(p.field.label));
      continue;
    }
    seen.add(p.field.key);
    // The last value may run into words that match no label ("… 160.20万 火星 7"):
    // take the longest start that parses and report the rest as not matched. Only the first
    // FAST_VALUE_MAX characters are tried: no short answer is longer, and trying every
    // start of a 10 000-character value froze the server for minutes.
    const ref: FieldRef = p.itemId ? { key: p.field.key, itemId: p.itemId } : { key: p.field.key };
    const ctx = answerContext(p.field, t.plan().scope(ref));
    let typed = p.value;
    let parsed = parseAnswer(p.field, p.value, ctx);
    for (let k = Math.min(p.value.length - 1, FAST_VALUE_MAX); !parsed.ok && k > 0; k--) {
      const head = parseAnswer(p.field, p.value.slice(0, k), ctx);
      if (head.ok) {
        parsed = head;
        typed = p.value.slice(0, k);
        bad.push(clip(p.value.slice(k)));
      }
    }
    if (parsed.ok && typeof parsed.value === 'number' && !isPlausible(t, ref, parsed.value)) held.push({ ref, value: parsed.value, typed });
    else if (parsed.ok) {
      t.write(ref, parsed.value);
      took.push(`${p.field.label} ${parsed.display}`);
      refs.push(ref);
    } else bad.push(`${p.field.label}（${parsed.message}）`);
  }
  if (bad.length) t.say(D.unmatched(summarise(bad)));
  if (askHeldBack(t, held, took)) return;
  if (took.length) afterAnswers(t, [D.recordedMany(took.join('；'))], refs.map((r) => r.key), refs);
  else reask(t);
}
