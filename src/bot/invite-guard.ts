import { LRUCache } from 'lru-cache';

/**
 * Wrong invite codes per person and per network address: after `max` failures within `windowMs`
 * further tries are refused until the window has passed. Codes are 8 characters of a 31-letter
 * alphabet (8.5 × 10¹¹ codes): at 5 tries per 15 minutes guessing one is hopeless.
 *
 * Kept in this process only (bounded, least recently used dropped first): with several instances
 * an attacker gets `max` tries per instance per window, which is still hopeless.
 */
export interface InviteGuardOptions {
  max?: number;
  windowMs?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  since: number;
}

export class InviteGuard {
  private readonly failures = new LRUCache<string, Failures>({ max: 50_000 });
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(opts: InviteGuardOptions = {}) {
    this.max = opts.max ?? 5;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds until any of these keys may try again; 0 when none is blocked. */
  waitMs(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const k of keys) {
      const f = this.current(k, now);
      if (f && f.count >= this.max) wait = Math.max(wait, f.since + this.windowMs - now);
    }
    return wait;
  }

  /** Count one wrong code against each key. */
  fail(keys: string[]): void {
    const now = this.now();
    for (const k of keys) {
      const f = this.current(k, now);
      this.failures.set(k, f ? { count: f.count + 1, since: f.since } : { count: 1, since: now });
    }
  }

  private current(key: string, now: number): Failures | undefined {
    const f = this.failures.get(key);
    if (f && now - f.since >= this.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }
}

/** The keys a redemption is counted under: the person, and where the message came from when known. */
export function inviteKeys(userId: string, address: string | undefined): string[] {
  return address ? [`user:${userId}`, `addr:${address}`] : [`user:${userId}`];
}
