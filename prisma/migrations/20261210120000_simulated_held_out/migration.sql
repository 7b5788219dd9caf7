-- Honest routing figures for simulated cases: the examples a case was made from, the run's version trained without
-- the held-out examples, and which basis each simulated case's result had.
ALTER TABLE "EvalCase" ADD COLUMN "simulatedFrom" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "EvalRun" ADD COLUMN "heldOutVersionId" TEXT,
ADD COLUMN "heldOutShare" DOUBLE PRECISION;
ALTER TABLE "EvalCaseResult" ADD COLUMN "routingBasis" TEXT;
