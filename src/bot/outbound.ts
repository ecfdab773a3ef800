import type { Reply } from '../dialogs/types.js';

/**
 * Channel-neutral shaping of replies: WeCom limits messages by UTF-8 bytes (stream/markdown
 * 20480, 自建应用 text 2048 and markdown 4096), so long text is split on line boundaries.
 */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Split text into pieces of at most `max` UTF-8 bytes, preferring line breaks, never inside a character. */
export function splitByBytes(text: string, max: number): string[] {
  if (byteLength(text) <= max) return [text]; // nearly every reply
  const out: string[] = [];
  let current = '';
  const push = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (byteLength(candidate) <= max) {
      current = candidate;
      continue;
    }
    push();
    if (byteLength(line) <= max) {
      current = line;
      continue;
    }
    let piece = '';
    for (const ch of line) {
      if (byteLength(piece + ch) > max) {
        out.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  }
  push();
  return out.length ? out : [''];
}

/** All reply texts of a turn as one message body (choices are shown separately as buttons). */
export function joinReplies(replies: Reply[]): string {
  return replies.map((r) => r.text).filter(Boolean).join('\n\n');
}

/** The choices to offer as buttons: those of the last reply that has any. */
export function lastChoices(replies: Reply[]): string[] | undefined {
  for (let i = replies.length - 1; i >= 0; i--) if (replies[i]!.choices?.length) return replies[i]!.choices;
  return undefined;
}
