-- A transaction's audit entries wait for its commit as one "AuditPending" row per audit_append() call (the jsonb
-- array it was given) instead of one row per entry. A customer turn appends about six entries in one call: as rows
-- that was six inserts, six deletes and six trigger calls at commit, now one of each. bench:engine counted the
-- pending rows as 11.5 of the 41 rows a turn wrote. What is chained, in which order and with which hashes, is as
-- before (20261213090000_audit_chain_at_commit): entries of a transaction in call order, then in array order.
--
-- The table is empty outside a transaction that is still running, so it is replaced rather than altered.
DROP TABLE "AuditPending";

CREATE UNLOGGED TABLE "AuditPending" (
  "seq" BIGSERIAL NOT NULL,
  "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
  "entries" JSONB NOT NULL,
  CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "AuditPending_txid_idx" ON "AuditPending" ("txid");

-- Bodies are E'' strings with each semicolon written as \073: Prisma's driver adapter splits migration scripts at
-- every semicolon. The lock key and the genesis hash are those of lib/platform/audit/audit-log.ts and chain-check.ts.
CREATE OR REPLACE FUNCTION audit_chain_pending() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  previous text\073
  entry record\073
BEGIN
  -- One call per pending row, all at commit: the first moves the transaction''s entries, the others find none left.
  IF NOT EXISTS (SELECT 1 FROM "AuditPending" WHERE "txid" = pg_current_xact_id()) THEN
    RETURN NULL\073
  END IF\073
  PERFORM pg_advisory_xact_lock(96079127)\073
  -- A statement after the lock: its snapshot sees the last entry of the chain as the previous holder committed it.
  SELECT hash INTO previous FROM "AuditLog" ORDER BY id DESC LIMIT 1\073
  previous := coalesce(previous, repeat(''0'', 64))\073
  FOR entry IN
    SELECT i.* FROM "AuditPending" p
      CROSS JOIN LATERAL jsonb_to_recordset(p."entries") AS i(
        "n" int, "canon" text, "workspaceId" text, "at" timestamptz, "actorType" text, "actorId" text,
        "actorLabel" text, "action" text, "resourceType" text, "resourceId" text, "before" jsonb, "after" jsonb,
        "metadata" jsonb)
    WHERE p."txid" = pg_current_xact_id()
    ORDER BY p."seq", i."n"
  LOOP
    INSERT INTO "AuditLog" ("workspaceId", "at", "actorType", "actorId", "actorLabel", "action", "resourceType",
                            "resourceId", "before", "after", "metadata", "prevHash", "hash")
    VALUES (entry."workspaceId", entry."at" AT TIME ZONE ''UTC'', entry."actorType", entry."actorId",
            entry."actorLabel", entry."action", entry."resourceType", entry."resourceId",
            nullif(entry."before", ''null''::jsonb), nullif(entry."after", ''null''::jsonb),
            nullif(entry."metadata", ''null''::jsonb), previous,
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

-- audit_append(entries): as before, the jsonb array auditRows() builds, each entry with its position and canonical
-- JSON. An empty array adds nothing (and so fires no trigger). Returns how many entries it added.
CREATE OR REPLACE FUNCTION audit_append(entries jsonb) RETURNS integer LANGUAGE sql AS E'
  WITH added AS (
    INSERT INTO "AuditPending" ("entries")
    SELECT entries WHERE jsonb_array_length(entries) > 0
    RETURNING jsonb_array_length("entries") AS n
  )
  SELECT coalesce((SELECT n FROM added), 0)
';
