-- Which instance holds a duty only one may hold (the WeCom long connection), until when by the
-- database's clock (src/store/lease.ts). Used on PostgreSQL only: SQLite means one instance.
-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);
