import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { parseCommand, squash } from './commands.js';
import { memberCommand } from './before-year.js';
import { optionsOf, parseAnswer } from './values.js';
import type { Turn } from './engine.js';

/**
 * Onboarding: creating or joining a unit and choosing the report year, before any report is open.
 * Split out of engine.ts.
 */
const D = zh.dialog;


const YEAR_OK = ['确定', '好', '好的', '是', '对', '可以', 'ok', '默认'];

export function onboarding(t: Turn, text: string): void {
  const cmd = parseCommand(text);
  if (cmd?.kind === 'join') {
    t.action = { kind: 'joinUnit', code: cmd.code };
    return;
  }
  if (cmd?.kind === 'help') {
    t.say(D.help);
    askOnboarding(t);
    return;
  }
  if (memberCommand(t, cmd, text)) return;
  const step = t.state.step;
  const s = squash(text);
  if (t.snap.memberships.length === 0) {
    if (step.kind === 'unitName') {
      const parsed = parseAnswer(getField('unit.name')!, text);
      if (!parsed.ok) return t.say(parsed.message);
      t.state.step = { kind: 'unitRank', name: String(parsed.value) };
      return askOnboarding(t);
    }
    if (step.kind === 'unitRank') {
      const parsed = parseAnswer(getField('unit.rank')!, text);
      if (!parsed.ok) return t.say(parsed.message, t.snap.buttons ? optionsOf(getField('unit.rank')!) : undefined);
      t.action = { kind: 'createUnit', name: step.name, rank: String(parsed.value) };
      t.state.step = { kind: 'year' };
      return;
    }
    if (step.kind === 'joinCode') {
      const code = s.toUpperCase().replace(/^加入/, '');
      if (/^[A-Z0-9]{4,8}$/.test(code)) {
        t.action = { kind: 'joinUnit', code };
        return;
      }
      return t.say(D.askJoinCode);
    }
    if (step.kind === 'start') {
      if (s === '1' || s.includes('创建')) t.state.step = { kind: 'unitName' };
      else if (s === '2' || s.includes('加入')) t.state.step = { kind: 'joinCode' };
    }
    return askOnboarding(t);
  }
  // A member without an open report: choose the year.
  if (step.kind === 'year') {
    const def = t.snap.today.year - 1;
    if (YEAR_OK.includes(s)) {
      t.action = { kind: 'openReport', year: def };
      return;
    }
    const y = s.match(/^(\d{4})(年|年度)?$/);
    if (y && Number(y[1]) >= 2000 && Number(y[1]) <= 2100) {
      t.action = { kind: 'openReport', year: Number(y[1]) };
      return;
    }
    t.say(D.badYear);
  }
  t.state.step = { kind: 'year' };
  askOnboarding(t);
}

export function askOnboarding(t: Turn): void {
  const step = t.state.step;
  if (t.snap.memberships.length === 0) {
    if (step.kind === 'unitName') return t.say(D.askUnitName);
    if (step.kind === 'unitRank') return t.say(D.askUnitRank, optionsOf(getField('unit.rank')!));
    if (step.kind === 'joinCode') return t.say(D.askJoinCode);
    t.state.step = { kind: 'start' };
    return t.say(D.welcomeNew, [...D.startChoices]);
  }
  t.state.step = { kind: 'year' };
  t.say(D.askYear(t.snap.today.year - 1));
}
