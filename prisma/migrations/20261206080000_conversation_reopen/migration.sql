-- Reopening ended conversations: a per-workspace window, and the link from a new conversation to the one it continues.
ALTER TABLE "Workspace" ADD COLUMN "reopenWindowDays" INTEGER NOT NULL DEFAULT 7;
ALTER TABLE "Conversation" ADD COLUMN "previousConversationId" TEXT;
CREATE INDEX "Conversation_previousConversationId_idx" ON "Conversation"("previousConversationId");
