import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { canonicalJson } from "./canonical-json";

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
  | "audit_log";

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

export const GENESIS_HASH = "0".repeat(64);
// One chain for the whole table; the advisory lock orders concurrent writers so each sees its predecessor.
const CHAIN_LOCK_KEY = 0x5b_a0_d1_7;

/** The columns an entry's hash covers, in one place for writing and for verifying the chain. */
export type HashedAuditFields = {
  workspaceId: string | null;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

export function hashedAuditFields(row: HashedAuditFields): HashedAuditFields {
  const { workspaceId, at, actorType, actorId, actorLabel, action, resourceType, resourceId, before, after, metadata } = row;
  return { workspaceId, at, actorType, actorId, actorLabel, action, resourceType, resourceId, before, after, metadata };
}

export function hashAuditEntry(prevHash: string, fields: HashedAuditFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(hashedAuditFields(fields))).digest("hex");
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
  await tx.auditLog.create({
    data: {
      ...fields,
      before: fields.before === null ? undefined : (fields.before as object),
      after: fields.after === null ? undefined : (fields.after as object),
      metadata: fields.metadata === null ? undefined : (fields.metadata as object),
      prevHash,
      hash,
    },
  });
}

/**
 * The one way to write an audit entry. Pass `tx` so the entry commits (or rolls back) with the change it records.
 */
export async function auditLog(entry: AuditEntry, tx?: Tx): Promise<void> {
  if (tx) return append(tx, entry);
  await db().$transaction((t) => append(t, entry));
}
