// Generates both Prisma clients (SQLite and PostgreSQL) offline. The Prisma CLI wants a
// schema-engine binary even for `generate`, which cannot be downloaded here; generate only
// checks that the file exists, so a stub is enough. Migrations never use the CLI: see
// src/store/migrate.ts.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || join(root, 'scripts/schema-engine-stub'),
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prisma = join(root, 'node_modules/prisma/build/index.js');
for (const provider of ['sqlite', 'postgres']) {
  const r = spawnSync(process.execPath, [prisma, 'generate', '--schema', join('prisma', provider)], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
