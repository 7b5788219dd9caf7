-- The audit chain is linked at commit instead of when an entry is written. Every writer takes the chain's one lock,
-- and a transaction used to take it at its audit statement and hold it until its client sent COMMIT: under load
-- that was a round trip plus however long the client's event loop took to get there, and every other turn waited
-- on it (bench:engine sampled 5.5 backends waiting for this lock at once). Now entries go to "AuditPending" and a
-- deferred constraint trigger moves them into "AuditLog" during COMMIT, chained under the lock, so the lock is held
-- only for the move and the commit itself. Ids are given under the lock, so id order stays chain order, and the
-- hashes are exactly those lib/platform/audit/chain-check.ts verifies: sha256 of the previous hash and the entry's
-- canonical JSON (computed by the writer, which also fixes `at`).
--
-- Unlogged: a pending row lives only inside its own transaction (committed ones are moved, rolled-back ones never
-- existed), so there is nothing to recover after a crash and no reason to write it to the WAL.
CREATE UNLOGGED TABLE "AuditPending" (
  "seq" BIGSERIAL NOT NULL,
  "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
  "workspaceId" TEXT,
  "at" TIMESTAMP(3) NOT NULL,
  "actorType" TEXT NOT NULL,
  "actorId" TEXT,
  "actorLabel" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "resourceType" TEXT NOT NULL,
  "resourceId" TEXT,
  "before" JSONB,
  "after" JSONB,
  "metadata" JSONB,
  "canon" TEXT NOT NULL,
  CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "AuditPending_txid_idx" ON "AuditPending" ("txid");

-- The lock key (0x5ba0d17) and the genesis hash are those of lib/platform/audit/audit-log.ts and chain-check.ts. The
-- body is an E'' string with each semicolon written as \073, as in 20261121160000_audit_append_only: Prisma's driver
-- adapter splits migration scripts at every semicolon.
CREATE FUNCTION audit_chain_pending() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  previous text\073
  entry record\073
BEGIN
  -- One call per pending row, all at commit: the first moves the rows of the transaction, the others find none left.
  IF NOT EXISTS (SELECT 1 FROM "AuditPending" WHERE "txid" = pg_current_xact_id()) THEN
    RETURN NULL\073
  END IF\073
  PERFORM pg_advisory_xact_lock(96079127)\073
  -- A statement after the lock: its snapshot sees the last entry of the chain as the previous holder committed it.
  SELECT hash INTO previous FROM "AuditLog" ORDER BY id DESC LIMIT 1\073
  previous := coalesce(previous, repeat(''0'', 64))\073
  FOR entry IN SELECT * FROM "AuditPending" WHERE "txid" = pg_current_xact_id() ORDER BY "seq" LOOP
    INSERT INTO "AuditLog" ("workspaceId", "at", "actorType", "actorId", "actorLabel", "action", "resourceType",
                            "resourceId", "before", "after", "metadata", "prevHash", "hash")
    VALUES (entry."workspaceId", entry."at", entry."actorType", entry."actorId", entry."actorLabel", entry."action",
            entry."resourceType", entry."resourceId", entry."before", entry."after", entry."metadata", previous,
            encode(sha256(convert_to(previous || entry."canon", ''UTF8'')), ''hex''))
    RETURNING "hash" INTO previous\073
  END LOOP\073
  DELETE FROM "AuditPending" WHERE "txid" = pg_current_xact_id()\073
  RETURN NULL\073
END
';

CREATE CONSTRAINT TRIGGER "AuditPending_chain_at_commit"
  AFTER INSERT ON "AuditPending"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_chain_pending();
