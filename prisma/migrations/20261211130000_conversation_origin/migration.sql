-- What is known about a web visitor before they say who they are: the chat's page, the page that led there and the
-- browser, recorded when the conversation starts. The index finds the earlier conversations of the same browser.
ALTER TABLE "Conversation" ADD COLUMN "pageUrl" TEXT,
ADD COLUMN "referrer" TEXT,
ADD COLUMN "userAgent" TEXT;

CREATE INDEX "Conversation_workspaceId_chatTokenHash_idx" ON "Conversation"("workspaceId", "chatTokenHash");
