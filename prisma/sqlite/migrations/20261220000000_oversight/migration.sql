-- Oversight organisations (财政局, 主管部门), their members, the units linked to them and the
-- codes they issue, deadlines and the reminders sent (issue 28; prisma/oversight.prisma).
-- CreateTable
CREATE TABLE "OversightOrg" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OversightMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OversightMember_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "OversightOrg" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OversightLink" (
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("unitId", "kind"),
    CONSTRAINT "OversightLink_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "OversightOrg" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OversightCode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "role" TEXT,
    "createdById" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OversightCode_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "OversightOrg" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OversightMember_userId_idx" ON "OversightMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OversightMember_orgId_userId_key" ON "OversightMember"("orgId", "userId");

-- CreateIndex
CREATE INDEX "OversightLink_orgId_idx" ON "OversightLink"("orgId");

-- CreateTable
CREATE TABLE "OversightDeadline" (
    "orgId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "due" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("orgId", "year")
);

-- CreateTable
CREATE TABLE "OversightReminder" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
