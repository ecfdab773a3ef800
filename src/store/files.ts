import { createHash } from 'node:crypto';
import type { Db } from './db.js';

/** What a caller needs of a stored file; its bytes are read only when it is sent (getGeneratedFile). */
const FILE_HEAD = { id: true, fileName: true, sha256: true, createdAt: true } as const;

/**
 * Generated DOCX files live in the database so any instance can serve them. The same bytes for
 * the same report are stored once (a regeneration of an unchanged report is de-duplicated).
 */
export async function saveGeneratedFile(
  db: Db,
  input: { reportId: string; reportVersion: number; fileName: string; content: Uint8Array; userId: string },
) {
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const existing = await db.generatedFile.findFirst({ where: { reportId: input.reportId, sha256 }, select: FILE_HEAD });
  if (existing) return { file: existing, created: false };
  const file = await db.generatedFile.create({
    data: {
      reportId: input.reportId,
      reportVersion: input.reportVersion,
      fileName: input.fileName,
      sha256,
      size: input.content.byteLength,
      content: Buffer.from(input.content),
      createdById: input.userId,
    },
    select: FILE_HEAD,
  });
  return { file, created: true };
}

export async function getGeneratedFile(db: Db, id: string) {
  return db.generatedFile.findUnique({ where: { id } });
}

/** The newest file built from this version of the report since `since`, if any. */
export async function latestGeneratedFile(db: Db, reportId: string, reportVersion: number, since: Date) {
  return db.generatedFile.findFirst({ where: { reportId, reportVersion, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, select: FILE_HEAD });
}

/** The newest file built from the report, whatever its version (下载报告: send it again). */
export async function newestGeneratedFile(db: Db, reportId: string) {
  return db.generatedFile.findFirst({ where: { reportId }, orderBy: { createdAt: 'desc' }, select: FILE_HEAD });
}
