-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "evalRunId" TEXT;
