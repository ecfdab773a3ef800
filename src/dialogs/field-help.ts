import { zh } from '../messages/zh.js';
import { FIELDS, getField } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import { glossaryOf } from '../report/glossary.js';
import { findField, squash } from './commands.js';
import { reask, type Turn } from './engine.js';

/**
 * 「人员经费包括什么？」「什么是三公经费」「这个怎么填」: answered from the glossary
 * (src/report/glossary.ts) or the field's hint, then the pending question is asked again; nothing
 * is stored (issue 25 item 6).
 */
const D = zh.dialog;
const C = zh.clerk;

const ASKS = /^(.*?)(?:具体)?(?:包括什么|包括哪些|包含什么|包含哪些|是什么意思|什么意思|是什么|是指什么|指什么|怎么填写?|如何填写?|填什么|怎么算)(?:呢|啊)?[?？]*$/;
const WHAT_IS = /^(?:什么是|什么叫|请问)(.+?)[?？]*$/;
const THIS = /^(?:这个|这项|这一项|这里|此项)?$/;

/** A field by its label; the three columns of an attachment-1 row (三公经费（本年预算数）…) by the row's name. */
function fieldNamed(name: string): FieldDef | undefined {
  const s = squash(name);
  if (!s) return undefined;
  const exact = FIELDS.find((f) => squash(f.label) === s) ?? findField(name);
  if (exact) return exact;
  const rows = FIELDS.filter((f) => f.table && squash(f.table.row) === s);
  return rows[0];
}

/** Longer messages are never such a question (and the patterns below stay cheap). */
const MAX_QUESTION = 60;

export function fieldHelpTurn(t: Turn, text: string): boolean {
  if (text.length > MAX_QUESTION * 2) return false;
  const s = squash(text);
  if (s.length > MAX_QUESTION) return false;
  const m = s.match(ASKS) ?? s.match(WHAT_IS);
  if (!m) return false;
  const name = m[1]!.replace(/^(?:请问)/, '');
  const step = t.state.step;
  const pending = step.kind === 'field' ? getField(step.ref.key) : undefined;
  const f = THIS.test(name) ? pending : fieldNamed(name);
  if (!f) return false;
  const entry = glossaryOf(f.key);
  if (entry) t.say(C.glossary(f.label, entry.def, entry.example));
  else t.say(D.sideQuestion(f.label, f.help ?? C.noGlossary(f.unit && f.unit !== '文本' ? f.unit : '')));
  reask(t);
  return true;
}
