-- Every chat turn reads the person's memberships by userId; without this index that is a scan of all memberships.
-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");
