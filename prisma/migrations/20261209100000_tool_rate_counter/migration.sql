-- A tool's per-minute calls per workspace as two fixed windows, updated outside the turn's transaction.
CREATE TABLE "ToolRateCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "calls" INTEGER NOT NULL,
    "prevCalls" INTEGER NOT NULL,

    CONSTRAINT "ToolRateCounter_pkey" PRIMARY KEY ("key")
);
