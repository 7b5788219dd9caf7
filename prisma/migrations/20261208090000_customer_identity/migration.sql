-- Customer identity: how sure the conversation is of who the customer is, the checks that got it there, one-time
-- codes (hashes only) and the mail that carries them.
CREATE TYPE "IdentityLevel" AS ENUM ('anonymous', 'identified', 'verified');

ALTER TABLE "Conversation" ADD COLUMN "identityLevel" "IdentityLevel" NOT NULL DEFAULT 'anonymous',
  ADD COLUMN "identityMethod" TEXT,
  ADD COLUMN "identifiedAt" TIMESTAMP(3);

ALTER TABLE "Workspace" ADD COLUMN "chatIdentitySecret" TEXT;

CREATE TABLE "VerificationAttempt" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "customerId" TEXT,
    "method" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VerificationAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "VerificationAttempt_conversationId_at_idx" ON "VerificationAttempt"("conversationId", "at");
CREATE INDEX "VerificationAttempt_workspaceId_customerId_at_idx" ON "VerificationAttempt"("workspaceId", "customerId", "at");
ALTER TABLE "VerificationAttempt" ADD CONSTRAINT "VerificationAttempt_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "VerificationCode" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumedAt" TIMESTAMP(3),
    CONSTRAINT "VerificationCode_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "VerificationCode_conversationId_createdAt_idx" ON "VerificationCode"("conversationId", "createdAt");
ALTER TABLE "VerificationCode" ADD CONSTRAINT "VerificationCode_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "OutboundMail" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    CONSTRAINT "OutboundMail_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OutboundMail_workspaceId_createdAt_idx" ON "OutboundMail"("workspaceId", "createdAt");
ALTER TABLE "OutboundMail" ADD CONSTRAINT "OutboundMail_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
