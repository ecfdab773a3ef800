-- Proactive WeCom sends per person and day, and their last inbound message (src/store/send-budget.ts).
-- CreateTable
CREATE TABLE "SendBudget" (
    "userExternalId" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "lastInboundAt" DATETIME
);
