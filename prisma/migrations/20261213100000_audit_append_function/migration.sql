-- audit_append(entries): the one statement that adds audit entries, for lib/platform/audit/audit-log.ts and for the
-- engine's single statement per wave (lib/runtime/engine/run/write-rows.ts), which then needs no round trip of its
-- own for them. `entries` is the jsonb array auditRows() builds: each entry's fields, its position and its canonical
-- JSON. The rows wait in "AuditPending" until the commit chains them (20261213090000_audit_chain_at_commit).
-- A body without semicolons but the escaped one: Prisma's driver adapter splits migration scripts at each.
CREATE FUNCTION audit_append(entries jsonb) RETURNS integer LANGUAGE sql AS E'
  WITH added AS (
    INSERT INTO "AuditPending" ("workspaceId", "at", "actorType", "actorId", "actorLabel", "action", "resourceType",
                                "resourceId", "before", "after", "metadata", "canon")
    SELECT i."workspaceId", i."at" AT TIME ZONE ''UTC'', i."actorType", i."actorId", i."actorLabel", i."action",
           i."resourceType", i."resourceId", nullif(i."before", ''null''::jsonb), nullif(i."after", ''null''::jsonb),
           nullif(i."metadata", ''null''::jsonb), i."canon"
    FROM jsonb_to_recordset(entries) AS i(
      "n" int, "canon" text, "workspaceId" text, "at" timestamptz, "actorType" text, "actorId" text, "actorLabel" text,
      "action" text, "resourceType" text, "resourceId" text, "before" jsonb, "after" jsonb, "metadata" jsonb)
    ORDER BY i."n"
    RETURNING 1
  )
  SELECT count(*)::integer FROM added
';
