import { Prisma } from './generated/sqlite/client.js';
import type { Db } from './db.js';
import type { Role } from './people.js';

/** What every turn needs to know about the person writing, read in one query. */
export interface Session {
  user: { id: string; name: string | null };
  /** The stored conversation state on this channel; undefined before the first turn. */
  state: unknown;
  /** Units the person belongs to, oldest membership first. */
  memberships: { unitId: string; unitName: string; role: Role }[];
}

interface Row {
  userId: string;
  userName: string | null;
  state: string | null;
  unitId: string | null;
  unitName: string | null;
  role: string | null;
}

/**
 * The user, their conversation state on `channel` and their memberships, in ONE round trip (the
 * turn's hot path: a Prisma query costs ~0.2–0.4 ms here whatever it does, so queries are counted).
 * Read fresh every turn, so a role changed on another instance applies to the next message.
 */
export async function loadSession(db: Db, externalId: string, channel: string): Promise<Session | undefined> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT u."id" AS "userId", u."name" AS "userName", c."state" AS "state",
           m."unitId" AS "unitId", n."name" AS "unitName", m."role" AS "role"
    FROM "User" u
    LEFT JOIN "ConversationState" c ON c."userId" = u."id" AND c."channel" = ${channel}
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Unit" n ON n."id" = m."unitId"
    WHERE u."externalId" = ${externalId}
    ORDER BY m."createdAt" ASC, m."id" ASC`);
  const first = rows[0];
  if (!first) return undefined;
  return {
    user: { id: first.userId, name: first.userName },
    state: first.state === null ? undefined : (JSON.parse(first.state) as unknown),
    memberships: rows
      .filter((r) => r.unitId !== null)
      .map((r) => ({ unitId: r.unitId!, unitName: r.unitName!, role: r.role as Role })),
  };
}
