-- Sender names customers see: the workspace's assistant name, and each message's sender (never an internal node label).
ALTER TABLE "Workspace" ADD COLUMN "assistantName" TEXT NOT NULL DEFAULT 'Assistant';
ALTER TABLE "Message" ADD COLUMN "senderName" TEXT;
