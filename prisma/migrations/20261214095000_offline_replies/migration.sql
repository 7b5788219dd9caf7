-- Replies written by the offline stand-in are marked, and an evaluation case counts them.
ALTER TABLE "Message" ADD COLUMN "offline" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "EvalCaseResult" ADD COLUMN "offlineReplies" INTEGER NOT NULL DEFAULT 0;
