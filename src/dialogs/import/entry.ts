import { isShifted, toReportYear } from '../../import/shift.js';
import type { ImportError, ImportProposal } from '../../import/types.js';
import { zh } from '../../messages/zh.js';
import { sectionTitle } from '../../report/catalogue.js';
import { isAnswered, str } from '../../report/model.js';
import { squash } from '../commands.js';
import { canWrite, reask, resume, Turn, type EngineDeps } from '../engine.js';
import type { Decision, DialogState, ImportAsk, Snapshot } from '../types.js';
import { compile } from './compile.js';
import { priorTextReply } from './prior-texts.js';
import { lastYearReply } from '../last-year.js';
import { askFirst, overview } from './summary.js';
import { canWriteQuietly, pendingTurn } from './words.js';

/** The import's entry points: a file sent (handleImport) and a message while one waits (importTurn). */

const IF = zh.importFlow;

/** A file the user sent, read (a proposal) or refused (an ImportError). */
export function handleImport(snap: Snapshot, state: DialogState, proposal: ImportProposal | ImportError, deps: EngineDeps): Decision {
  if (!snap.report) return resume(snap, state, deps, IF.noReport);
  const t = new Turn(snap, state, deps);
  if (!('values' in proposal)) {
    t.say(proposal.message);
    reask(t);
    return t.decision();
  }
  if (!canWrite(t)) return t.decision();
  const year = snap.report.year;
  const asks: ImportAsk[] = [];
  let p: ImportProposal = proposal;
  if (p.kind === 'report' && !isShifted(p)) {
    if (p.year !== undefined && p.year > year) {
      t.say(IF.laterYear(p.year, year));
      reask(t);
      return t.decision();
    }
    if (p.year === year) asks.push(['sameYear', year]);
    else {
      if (p.year === undefined) asks.push(['noYear', year - 1]);
      p = toReportYear(p, year);
    }
  } else if (p.kind !== 'report' && p.year !== undefined && p.year !== year) {
    // a template or sheet of another year: its figures become this report's year's only if the user says so
    asks.push(['otherYear', p.year, year]);
  }
  const ours = unitName(t);
  if (p.unitName && ours && squash(p.unitName) !== squash(ours)) asks.unshift(['unit', p.unitName, ours]);
  const pending = compile(t, p, asks);
  if (!pending.values.length && !pending.items.length && !pending.texts.length) {
    t.say([IF.nothing(p.fileName), ...pending.notes].join('\n'));
    reask(t);
    return t.decision();
  }
  if (t.state.pendingImport) t.say(IF.replaced(t.state.pendingImport.file));
  t.state.pendingImport = pending;
  if (asks.length) askFirst(t, pending);
  else overview(t, pending);
  return t.decision();
}

/**
 * The import's part of a turn, before the engine reads the message: the words of a waiting file
 * (确认, 全部确认, 跳过, 取消, 修改 X 为 Y, 保留 X) and the reply to an offered last-year text.
 * Returns false when the message is the engine's; a waiting file is then reminded once.
 */
export function importTurn(t: Turn, text: string): boolean {
  prune(t);
  const p = t.state.pendingImport;
  const step = t.state.step;
  // 确认/取消 answer the engine's own confirmation first (delete an item, generate the report).
  const engineConfirming = step.kind === 'confirmDelete' || step.kind === 'confirmGenerate';
  if (p && !engineConfirming) {
    if (!canWriteQuietly(t)) {
      delete t.state.pendingImport;
    } else if (pendingTurn(t, p, text)) return true;
  }
  if (priorTextReply(t, text) || lastYearReply(t, text)) return true;
  const still = t.state.pendingImport;
  if (still) {
    delete still.prompt;
    if (!still.reminded) {
      still.reminded = true;
      t.say(still.ask.length ? IF.reminderAsk(still.file) : IF.reminder(still.file, sectionTitle(still.sections[0]!)));
    }
  }
  return false;
}

function unitName(t: Turn): string | undefined {
  return t.snap.memberships.find((m) => m.unitId === t.snap.report!.unitId)?.unitName ?? str(t.model!.values, 'unit.name');
}

/** Drop what belongs to another report and last-year texts whose question is answered. */
function prune(t: Turn): void {
  const id = t.snap.report!.id;
  if (t.state.pendingImport && t.state.pendingImport.report !== id) delete t.state.pendingImport;
  const prior = t.state.priorTexts;
  if (!prior) return;
  if (prior.report !== id) {
    delete t.state.priorTexts;
    return;
  }
  for (const key of Object.keys(prior.texts)) if (isAnswered(t.model!.values, key)) delete prior.texts[key];
  if (Object.keys(prior.texts).length === 0) delete t.state.priorTexts;
}
