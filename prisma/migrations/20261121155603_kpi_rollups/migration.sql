-- CreateTable
CREATE TABLE "KpiDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "started" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "contained" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,
    "abandoned" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "handoffs" INTEGER NOT NULL DEFAULT 0,
    "handoffsAskedAgain" INTEGER NOT NULL DEFAULT 0,
    "recontactEligible" INTEGER NOT NULL DEFAULT 0,
    "recontacts" INTEGER NOT NULL DEFAULT 0,
    "toolCalls" INTEGER NOT NULL DEFAULT 0,
    "toolCallsOk" INTEGER NOT NULL DEFAULT 0,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "escalationsAnswered" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "ttrBotHist" INTEGER[],
    "ttrHumanHist" INTEGER[],
    "firstResponseHist" INTEGER[],

    CONSTRAINT "KpiDaily_pkey" PRIMARY KEY ("workspaceId","day","flowId","flowVersionId","channel")
);

-- CreateTable
CREATE TABLE "KpiNodeDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "nodeKind" TEXT NOT NULL,
    "steps" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[],

    CONSTRAINT "KpiNodeDaily_pkey" PRIMARY KEY ("workspaceId","day","flowId","flowVersionId","channel","nodeId")
);

-- CreateTable
CREATE TABLE "KpiModelDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "tokensIn" BIGINT NOT NULL DEFAULT 0,
    "tokensOut" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[],

    CONSTRAINT "KpiModelDaily_pkey" PRIMARY KEY ("workspaceId","day","flowId","flowVersionId","channel","model")
);

-- CreateTable
CREATE TABLE "KpiRollupState" (
    "id" TEXT NOT NULL,
    "watermark" TIMESTAMP(3),
    "refreshedAt" TIMESTAMP(3),

    CONSTRAINT "KpiRollupState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Conversation_updatedAt_idx" ON "Conversation"("updatedAt");
