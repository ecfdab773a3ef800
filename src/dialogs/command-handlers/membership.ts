import { zh } from '../../messages/zh.js';
import { reask } from '../engine.js';
import type { Turn } from '../turn.js';
import type { CommandOf } from './handler.js';

/** Who belongs to the unit: 邀请 (an admin asks for a code), 加入 <code>. The runner does the work. */
const D = zh.dialog;

export function invite(t: Turn): boolean {
  if (t.role !== 'admin') {
    t.say(D.adminOnly);
    reask(t);
  } else t.action = { kind: 'createInvite' };
  return true;
}

export function join(t: Turn, cmd: CommandOf<'join'>): boolean {
  t.action = { kind: 'joinUnit', code: cmd.code };
  return true;
}
