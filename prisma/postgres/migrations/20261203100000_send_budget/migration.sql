-- Proactive WeCom sends per person and day, and their last inbound message (src/store/send-budget.ts).
-- CreateTable
CREATE TABLE "SendBudget" (
    "userExternalId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "lastInboundAt" TIMESTAMP(3),

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("userExternalId")
);
