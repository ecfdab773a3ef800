-- 上一步 through the whole conversation: the questions left, per person, channel and report (src/dialogs/back.ts).
-- CreateTable
CREATE TABLE "StepHistory" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StepHistory_userId_channel_reportId_id_idx" ON "StepHistory"("userId", "channel", "reportId", "id");
