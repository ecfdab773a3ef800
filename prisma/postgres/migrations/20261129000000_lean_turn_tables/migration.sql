-- Answer is keyed by what it answers (report, field, item); the separate id goes. (The SQLite
-- migration of the same name also stores the per-turn tables more compactly; PostgreSQL needs
-- nothing else.)
ALTER TABLE "Answer" DROP CONSTRAINT "Answer_pkey";
DROP INDEX "Answer_reportId_fieldKey_itemId_key";
ALTER TABLE "Answer" DROP COLUMN "id";
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_pkey" PRIMARY KEY ("reportId", "fieldKey", "itemId");
