-- Which instance holds a duty only one may hold (the WeCom long connection), until when by the
-- database's clock (src/store/lease.ts). Unused on SQLite (one instance leads at once); created
-- so that both providers keep one schema (prisma/models.prisma).
-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
