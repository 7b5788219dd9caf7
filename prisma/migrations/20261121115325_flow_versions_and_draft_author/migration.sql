-- CreateEnum
CREATE TYPE "FlowVersionKind" AS ENUM ('published', 'test');

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "draftUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "draftUpdatedById" TEXT;

-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN     "draftRevision" INTEGER,
ADD COLUMN     "kind" "FlowVersionKind" NOT NULL DEFAULT 'published',
ALTER COLUMN "number" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "FlowVersion_flowId_kind_idx" ON "FlowVersion"("flowId", "kind");
