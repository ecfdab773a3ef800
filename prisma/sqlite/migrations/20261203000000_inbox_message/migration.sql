-- WeCom 自建应用 callbacks are stored here before they are acknowledged (src/store/inbox.ts).
-- CreateTable
CREATE TABLE "InboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "userExternalId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "InboxMessage_channel_processedAt_idx" ON "InboxMessage"("channel", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxMessage_channel_messageId_key" ON "InboxMessage"("channel", "messageId");
