import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../report/deep-freeze.js';
import type { Session } from './session.js';

interface Entry {
  session: Session;
  /** The hot path's epoch at which `session` was known to be what the database holds. */
  epoch: number;
}

/**
 * Sessions (person, conversation state, memberships) by channel identity, each valid at exactly
 * one epoch of the hot path (`HotPath.epoch`). A turn reads the epoch first; while it is the one
 * an entry was stamped with, nothing but this process's own hot-path commits has touched the
 * database, and the turn that commits puts its new conversation state here. Anything written
 * elsewhere (a role changed through Prisma, another process, a fallback commit) moves the epoch,
 * and the next turn reads the database again. Without an epoch (PostgreSQL) nothing is cached.
 * Least recently used entries go first.
 */
export class SessionCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(capacity = 4096) {
    this.entries = new LRUCache({ max: capacity });
  }

  get(epoch: number | undefined, externalId: string, channel: string): Session | undefined {
    if (epoch === undefined) return undefined;
    const k = key(externalId, channel);
    const hit = this.entries.get(k);
    if (!hit) return undefined;
    if (hit.epoch !== epoch) {
      this.entries.delete(k); // stale: read again
      return undefined;
    }
    return hit.session;
  }

  /** `session` was read from the database at `epoch` (or later). */
  put(epoch: number | undefined, externalId: string, channel: string, session: Session): void {
    if (epoch === undefined) return;
    // shared between turns: a mutation would throw instead of leaking into the next turn
    this.entries.set(key(externalId, channel), { session: deepFreeze(session), epoch });
  }

  /** The person's conversation changed in a way not followed here. */
  forget(externalId: string, channel: string): void {
    this.entries.delete(key(externalId, channel));
  }

  /** Every channel's entry of the person (an action changed what all of them read: their units). */
  forgetPerson(externalId: string): void {
    for (const k of [...this.entries.keys()]) if (k.endsWith(`\u0000${externalId}`)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}

const key = (externalId: string, channel: string) => `${channel}\u0000${externalId}`;
