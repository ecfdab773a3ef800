import { AppError } from '../errors.js';
import { openDatabase } from '../store/db.js';

/** npm run db:migrate — apply pending migrations to DATABASE_URL and say what was applied. */
try {
  const d = await openDatabase();
  console.log(d.applied.length ? `已应用迁移：${d.applied.join('、')}` : '数据库结构已是最新，无需迁移。');
  await d.close();
} catch (e) {
  console.error(e instanceof AppError ? `[${e.code}] ${e.message}` : (e as Error).message);
  process.exitCode = 1;
}
