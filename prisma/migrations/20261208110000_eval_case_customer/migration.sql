-- An evaluation case can run as a named customer of the workspace (verified, as the API naming them would).
ALTER TABLE "EvalCase" ADD COLUMN "customerRef" TEXT;
