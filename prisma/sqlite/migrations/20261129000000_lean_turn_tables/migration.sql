-- Every chat turn writes a row to Answer, AnswerHistory, AuditLog and ProcessedMessage, and each
-- b-tree it touches is a page more in the WAL at commit. Same columns and indexes, fewer b-trees:
-- - Answer is keyed by what it answers (report, field, item) and stored in that key's order
--   (WITHOUT ROWID): one b-tree instead of the table, its id index and the unique index;
-- - AnswerHistory and AuditLog keep their integer ids without AUTOINCREMENT, so an insert no
--   longer updates sqlite_sequence (rows are never deleted, so ids are still never reused);
-- - ProcessedMessage, a bare primary key, is stored in key order (WITHOUT ROWID).
-- RedefineTables
CREATE TABLE "new_Answer" (
    "reportId" TEXT NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "itemId" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("reportId", "fieldKey", "itemId"),
    CONSTRAINT "Answer_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Answer" ("reportId", "fieldKey", "itemId", "value", "version", "updatedById", "updatedAt")
    SELECT "reportId", "fieldKey", "itemId", "value", "version", "updatedById", "updatedAt" FROM "Answer";
DROP TABLE "Answer";
ALTER TABLE "new_Answer" RENAME TO "Answer";

CREATE TABLE "new_AnswerHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "itemId" TEXT NOT NULL DEFAULT '',
    "oldValue" TEXT,
    "newValue" TEXT,
    "reportVersion" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnswerHistory_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AnswerHistory" ("id", "reportId", "fieldKey", "itemId", "oldValue", "newValue", "reportVersion", "userId", "createdAt")
    SELECT "id", "reportId", "fieldKey", "itemId", "oldValue", "newValue", "reportVersion", "userId", "createdAt" FROM "AnswerHistory";
DROP TABLE "AnswerHistory";
ALTER TABLE "new_AnswerHistory" RENAME TO "AnswerHistory";
CREATE INDEX "AnswerHistory_reportId_fieldKey_itemId_idx" ON "AnswerHistory"("reportId", "fieldKey", "itemId");

CREATE TABLE "new_AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "unitId" TEXT,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AuditLog" ("id", "unitId", "userId", "action", "detail", "createdAt")
    SELECT "id", "unitId", "userId", "action", "detail", "createdAt" FROM "AuditLog";
DROP TABLE "AuditLog";
ALTER TABLE "new_AuditLog" RENAME TO "AuditLog";
CREATE INDEX "AuditLog_unitId_createdAt_idx" ON "AuditLog"("unitId", "createdAt");

CREATE TABLE "new_ProcessedMessage" (
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channel", "messageId")
) WITHOUT ROWID;
INSERT INTO "new_ProcessedMessage" ("channel", "messageId", "createdAt")
    SELECT "channel", "messageId", "createdAt" FROM "ProcessedMessage";
DROP TABLE "ProcessedMessage";
ALTER TABLE "new_ProcessedMessage" RENAME TO "ProcessedMessage";
