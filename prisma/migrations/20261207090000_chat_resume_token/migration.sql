-- The web chat follows the customer across tabs and reloads: the hash of the resume token their browser keeps.
ALTER TABLE "Conversation" ADD COLUMN "chatTokenHash" TEXT;
