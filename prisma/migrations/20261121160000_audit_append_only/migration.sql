-- Hand-written (no schema.prisma change): the audit log is append-only in the database itself.
-- Prisma Migrate does not manage triggers or functions, so it leaves these alone.
--
-- UPDATE, DELETE and TRUNCATE on "AuditLog" raise an error for every role, the table owner included. The app's own
-- database role additionally has no UPDATE/DELETE/TRUNCATE privilege on the table (lib/db/app-role.ts), so even a
-- role that could drop these triggers is not the one the app connects as. A deliberate, out-of-band repair by the
-- owner has to disable the triggers first (ALTER TABLE "AuditLog" DISABLE TRIGGER ...), which is itself visible.
--
-- The function body is an E'' string with the statement terminator written as the octal escape \073: Prisma's
-- driver adapter splits migration scripts at every semicolon, dollar quotes included (@prisma/adapter-pg
-- executeScript), so this file must contain none except between statements.

CREATE OR REPLACE FUNCTION "switchboard_audit_log_append_only"() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''The audit log is append-only: % on "AuditLog" is not allowed'', TG_OP
    USING ERRCODE = ''raise_exception'',
          HINT = ''Audit entries can be added, never changed or removed. Verify the chain from the Audit page.''\073
END
';

CREATE TRIGGER "switchboard_audit_log_no_update"
  BEFORE UPDATE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_audit_log_append_only"();

CREATE TRIGGER "switchboard_audit_log_no_delete"
  BEFORE DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_audit_log_append_only"();

CREATE TRIGGER "switchboard_audit_log_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "switchboard_audit_log_append_only"();

-- Nobody gets these through PUBLIC either.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditLog" FROM PUBLIC;
