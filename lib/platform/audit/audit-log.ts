import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import { GENESIS_HASH, hashAuditEntry, type HashedAuditFields } from "./chain-check";

export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "agent"; id: string; label: string } // id = conversation id
  | { type: "customer"; id: string | null; label: string }
  | { type: "system"; label: string };

export type AuditResourceType =
  | "session"
  | "workspace"
  | "membership"
  | "user"
  | "flow"
  | "flow_version"
  | "conversation"
  | "message"
  | "escalation"
  | "routing_decision"
  | "tool_call"
  | "guardrail"
  | "api_key"
  | "model_provider"
  | "secret"
  | "customer_memory"
  | "card"
  | "routing_review"
  | "canned_reply"
  | "audit_log"
  | "eval_suite"
  | "eval_case"
  | "eval_run"
  | "review_item"
  | "webhook_endpoint"
  | "webhook_delivery"
  | "a2a_task"
  | "invitation";

export type AuditEntry = {
  workspaceId: string | null;
  actor: AuditActor;
  action: string; // verb in dotted form, e.g. "member.role_changed"
  resourceType: AuditResourceType;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
};

// One chain for the whole table; the advisory lock orders concurrent writers so each sees its predecessor.
const CHAIN_LOCK_KEY = 0x5b_a0_d1_7;

// The hashing lives with the chain checks (pure, unit-tested); writing and verifying share it.

/** The text stored in a jsonb column; SQL NULL for null (as Prisma stored it before). */
function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : (JSON.stringify(value) ?? null);
}

async function append(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedAuditFields = {
    workspaceId: entry.workspaceId,
    at: new Date(),
    actorType: entry.actor.type,
    actorId: "id" in entry.actor ? entry.actor.id : null,
    actorLabel: entry.actor.label,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    metadata: entry.metadata ?? null,
  };
  const hash = hashAuditEntry(prevHash, fields);
  // Raw SQL with the JSON as text: Prisma's Json write path rounds 17-digit doubles (a classifier's scores) to 16,
  // so the stored value would no longer hash like the value hashed here. jsonb keeps the digits it is given.
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("workspaceId", at, "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId", before, after, metadata, "prevHash", hash)
    VALUES (${fields.workspaceId}, ${fields.at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${fields.actorType}, ${fields.actorId}, ${fields.actorLabel},
            ${fields.action}, ${fields.resourceType}, ${fields.resourceId}, ${jsonText(fields.before)}::jsonb, ${jsonText(fields.after)}::jsonb,
            ${jsonText(fields.metadata)}::jsonb, ${prevHash}, ${hash})`;
}

/**
 * The one way to write an audit entry. Pass `tx` so the entry commits (or rolls back) with the change it records.
 */
export async function auditLog(entry: AuditEntry, tx?: Tx): Promise<void> {
  if (tx) return append(tx, entry);
  await db().$transaction((t) => append(t, entry));
}
