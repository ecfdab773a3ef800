import type { Turn } from './engine.js';
import { meantReply } from './meant.js';
import { plausibleReply } from './plausible.js';

/**
 * The replies to the clerk's own questions (issue 25), taken before commands and answers: a
 * plausibility question (plausible.ts) and which a message was meant as (meant.ts). Returns
 * whether the message was such a reply.
 */
export function clerkTurn(t: Turn, text: string): boolean {
  return plausibleReply(t, text) || meantReply(t, text);
}
