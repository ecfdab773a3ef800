import type { Database } from './db.js';
import type { Role } from './people.js';

/** What every turn needs to know about the person writing, read in one query. */
export interface Session {
  user: { id: string; name: string | null };
  /** The stored conversation state on this channel; undefined before the first turn. */
  state: unknown;
  /** Units the person belongs to, oldest membership first (a unit's rank and rule set never change). */
  memberships: { unitId: string; unitName: string; unitRank: string | null; ruleSetId: string; role: Role }[];
}

/**
 * The user, their conversation state on `channel` and their memberships, in ONE query on the
 * hot path (store/hot-path.ts). Read fresh every turn (a cache of it bought nothing the goals need:
 * docs/performance.md, 2026-12-04 fifth), so a role changed on another instance applies to the
 * next message.
 */
export async function loadSession(database: Database, externalId: string, channel: string): Promise<Session | undefined> {
  const rows = await database.hot.sessionRows(externalId, channel);
  const first = rows[0];
  if (!first) return undefined;
  return {
    user: { id: first.userId, name: first.userName },
    state: first.state === null ? undefined : (JSON.parse(first.state) as unknown),
    memberships: rows
      .filter((r) => r.unitId !== null)
      .map((r) => membershipIn({ id: r.unitId!, name: r.unitName!, rank: r.unitRank, ruleSetId: r.ruleSetId! }, r.role!)),
  };
}

/** A membership of `unit` with `role`, in the session's shape. */
export function membershipIn(unit: { id: string; name: string; rank: string | null; ruleSetId: string }, role: string): Session['memberships'][number] {
  return { unitId: unit.id, unitName: unit.name, unitRank: unit.rank, ruleSetId: unit.ruleSetId, role: role as Role };
}

/** Memberships as read by `membershipsOf` (with their units), in the session's shape. */
export function sessionMemberships(rows: { role: string; unit: { id: string; name: string; rank: string | null; ruleSetId: string } }[]): Session['memberships'] {
  return rows.map((m) => membershipIn(m.unit, m.role));
}
