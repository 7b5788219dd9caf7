-- The designer's test conversations, alone: lists of escalations leave them out with an anti-join on this small
-- index (lib/features/inbox/list-escalations.ts) instead of joining every conversation to read its channel, which cost
-- a scan of the whole Conversation table per query (36 → 4 ms for the Inbox's queue list at 100,000 conversations).
-- A partial index: the Prisma schema cannot express it, so it lives here only.
CREATE INDEX "Conversation_test_channel_idx" ON "Conversation" ("id") WHERE "channel" = 'test';
