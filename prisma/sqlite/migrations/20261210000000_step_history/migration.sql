-- 上一步 through the whole conversation: the questions left, per person, channel and report (src/dialogs/back.ts).
-- CreateTable
CREATE TABLE "StepHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StepHistory_userId_channel_reportId_id_idx" ON "StepHistory"("userId", "channel", "reportId", "id");
