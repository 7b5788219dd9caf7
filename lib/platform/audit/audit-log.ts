import "server-only";
import { sqlFor, transactionWithSql, type Tx } from "@/lib/platform/db/client";
import { canonicalJson } from "@/lib/model/canonical-json";
import { GENESIS_HASH, hashAuditEntry, hashedAuditFields, type HashedAuditFields } from "./chain-check";

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
  | "invitation"
  | "conversation_note"
  | "inbox_view";

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

// One chain for the whole table; the advisory lock orders concurrent writers so each sees its predecessor. The
// commit-time trigger of migration 20261213090000_audit_chain_at_commit takes the same key (96079127).
const CHAIN_LOCK_KEY = 0x5b_a0_d1_7;

// The hashing lives with the chain checks (pure, unit-tested); writing and verifying share it.

function fieldsOf(entry: AuditEntry, at: Date): HashedAuditFields {
  return {
    workspaceId: entry.workspaceId,
    at,
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
}

/**
 * The entries as the database's audit_append() takes them (migration 20261213100000_audit_append_function): each
 * with its position and its canonical JSON, hashed exactly as hashAuditEntry computes it and the verifier checks it.
 * They are chained when the transaction commits: they wait as one "AuditPending" row per call (migration
 * 20261214090000_audit_pending_batched), and a deferred trigger (20261213090000_audit_chain_at_commit) takes the
 * chain's lock, moves them into "AuditLog" and links each to the one before. Taking
 * the lock when writing held it from then until the client's COMMIT, and every concurrent writer queued behind it.
 * The engine's wave statement (write-rows.ts) appends its entries with these rows too, without a round trip of its own.
 * One jsonb array: its numbers keep every digit (Prisma's Json write path rounds 17-digit doubles, a classifier's
 * scores, to 16, so a stored value would no longer hash like the value hashed here).
 */
export function auditRows(entries: AuditEntry[]): string {
  const at = new Date();
  return JSON.stringify(
    entries.map((entry, i) => {
      const fields = fieldsOf(entry, at);
      return { ...fields, at: at.toISOString(), n: i + 1, canon: canonicalJson(hashedAuditFields(fields)) };
    }),
  );
}

async function append(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sqlFor(tx)`SELECT audit_append(${auditRows(entries)}::jsonb) AS added`;
}

/**
 * The one way to write an audit entry. Pass `tx` so the entry commits (or rolls back) with the change it records.
 */
export async function auditLog(entry: AuditEntry | AuditEntry[], tx?: Tx): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (tx) return append(tx, entries);
  await transactionWithSql((t) => append(t, entries));
}

/** An entry of something that happened before it is written (the demo's history), with the time it happened. */
export type PastAuditEntry = AuditEntry & { at: Date };

const PAST_BATCH = 2_000;

/**
 * Appends entries that record the past (the demo history of lib/features/demo-history/), in the order given, under
 * the chain's lock like every other entry but at once rather than at commit, and hashed here: tens of thousands of
 * entries are cheaper chained in one pass in the app than one by one in the commit trigger. The verifier recomputes
 * exactly this hash (chain-check.ts), so the chain verifies whichever side computed it.
 */
export async function auditLogPast(tx: Tx, entries: PastAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const sql = sqlFor(tx);
  await sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
  const [last] = await sql<{ hash: string }[]>`SELECT hash FROM "AuditLog" ORDER BY id DESC LIMIT 1`;
  let prevHash = last?.hash ?? GENESIS_HASH;
  for (let start = 0; start < entries.length; start += PAST_BATCH) {
    const rows = entries.slice(start, start + PAST_BATCH).map((entry, i) => {
      const fields = fieldsOf(entry, entry.at);
      const hash = hashAuditEntry(prevHash, fields);
      const row = { ...fields, at: entry.at.toISOString(), n: i, prevHash, hash };
      prevHash = hash;
      return row;
    });
    // One jsonb array per batch, for the same reason as above: its numbers keep every digit.
    await sql`
      INSERT INTO "AuditLog" ("workspaceId", at, "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId", before, after, metadata, "prevHash", hash)
      SELECT r."workspaceId", r.at AT TIME ZONE 'UTC', r."actorType", r."actorId", r."actorLabel", r.action, r."resourceType",
             r."resourceId", nullif(r.before, 'null'::jsonb), nullif(r.after, 'null'::jsonb), nullif(r.metadata, 'null'::jsonb),
             r."prevHash", r.hash
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        n int, "workspaceId" text, at timestamptz, "actorType" text, "actorId" text, "actorLabel" text, action text,
        "resourceType" text, "resourceId" text, before jsonb, after jsonb, metadata jsonb, "prevHash" text, hash text)
      ORDER BY r.n`;
  }
}
