// What a wave writes, in one statement: each table's rows travel as one jsonb array that Postgres unpacks
// (jsonb_to_recordset), so a turn's messages, steps, spans, state and result cost one round trip and no per-row work
// in the app. Through `pg` on the transaction's connection (sqlFor), not Prisma's model API, whose query planning
// cost more CPU than the whole write (bench:engine prints both); and jsonb keeps every digit of a number (Prisma's
// Json write path rounds 17-digit doubles).
import "server-only";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRows, type AuditEntry } from "@/lib/platform/audit/audit-log";
import { LIVE_CHANNEL } from "@/lib/runtime/engine/events";
import type { ConversationStatus } from "./load-conversation";

export type MessageRow = {
  role: "customer" | "agent" | "operator" | "system";
  author: string | null;
  senderName?: string | null;
  text: string;
  /** Written by the offline stand-in rather than a model. */
  offline?: boolean;
};
export type WrittenMessage = Required<MessageRow> & { id: string; seq: number; createdAt: Date };

/** Everything a wave writes. */
export type WaveRows = {
  conversationId: string;
  /** Its audit entries, appended through the one audit writer's rows and database function (audit-log.ts). */
  audits: AuditEntry[];
  messages: (MessageRow & { id: string })[];
  steps: Prisma.StepCreateManyInput[];
  spans: Prisma.SpanCreateManyInput[];
  conversation: {
    status: ConversationStatus;
    waitingFor: string | null;
    currentNodeId: string | null;
    state: unknown;
    runtime: unknown;
    failureReason: string | null;
    /** Undefined leaves it as it is. */
    endedAt: Date | null | undefined;
  };
  /** The event, when this wave finished it: its result, its redacted payload, and the live notice to send. */
  finished: { eventId: string; startedAt: Date; result: unknown; payload: unknown | undefined; notice: string } | null;
};

/**
 * One statement for the whole wave: the messages (appended after the conversation's last, whose row the caller has
 * locked), steps and spans (a retried wave's spans are left as they are), the conversation's state and cursor, the
 * event's result, the audit entries (chained at commit) and the live NOTIFY. Data-modifying CTEs all run whether or
 * not they are read (audit_append is a function, so `au` is read below); the NOTIFY is delivered at commit.
 */
export async function writeWave(tx: Tx, rows: WaveRows): Promise<WrittenMessage[]> {
  const c = rows.conversation;
  const messages = rows.messages.map((m, n) => ({
    ...m,
    senderName: m.senderName ?? null,
    offline: m.offline ?? false,
    n: n + 1,
  }));
  const done = rows.finished;
  const [written] = await sqlFor(tx)<
    { messages: (Omit<WrittenMessage, "createdAt"> & { createdAt: string })[] | null }[]
  >`
    WITH m AS (
      INSERT INTO "Message" (id, "conversationId", seq, role, author, "senderName", text, offline)
      SELECT r.id, ${rows.conversationId}, base.seq + r.n, r.role::"MessageRole", r.author, r."senderName", r.text, r.offline
      FROM jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) AS r(id text, n int, role text, author text, "senderName" text, text text, offline boolean),
           (SELECT coalesce(max(seq), 0) AS seq FROM "Message" WHERE "conversationId" = ${rows.conversationId}) AS base
      RETURNING id, seq, role::text AS role, author, "senderName", text, offline, "createdAt"
    ), s AS (
      INSERT INTO "Step" (id, "conversationId", "eventId", turn, seq, branch, attempts, "nodeId", "nodeKind", "nodeLabel", status, input, output, error, "startedAt", "endedAt")
      SELECT id, "conversationId", "eventId", turn, seq, branch, coalesce(attempts, 1), "nodeId", "nodeKind", "nodeLabel", status::"StepStatus",
             input, output, error, "startedAt" AT TIME ZONE 'UTC', "endedAt" AT TIME ZONE 'UTC'
      FROM jsonb_to_recordset(${JSON.stringify(rows.steps)}::jsonb) AS r(
        id text, "conversationId" text, "eventId" text, turn int, seq int, branch text, attempts int, "nodeId" text,
        "nodeKind" text, "nodeLabel" text, status text, input jsonb, output jsonb, error text, "startedAt" timestamptz, "endedAt" timestamptz)
    ), sp AS (
      INSERT INTO "Span" (id, "workspaceId", "conversationId", "eventId", "parentId", "stepId", kind, name, status, "startedAt", "durationMs", input, output, error, attributes, "tokensIn", "tokensOut", "costUsd")
      SELECT id, "workspaceId", "conversationId", "eventId", "parentId", "stepId", kind, name, status, "startedAt" AT TIME ZONE 'UTC',
             "durationMs", input, output, error, attributes, "tokensIn", "tokensOut", "costUsd"
      FROM jsonb_to_recordset(${JSON.stringify(rows.spans)}::jsonb) AS r(
        id text, "workspaceId" text, "conversationId" text, "eventId" text, "parentId" text, "stepId" text, kind text,
        name text, status text, "startedAt" timestamptz, "durationMs" float8, input jsonb, output jsonb, error text,
        attributes jsonb, "tokensIn" int, "tokensOut" int, "costUsd" float8)
      ON CONFLICT (id) DO NOTHING
    ), conv AS (
      UPDATE "Conversation" SET
        status = ${c.status}::"ConversationStatus",
        "waitingFor" = ${c.waitingFor},
        "currentNodeId" = ${c.currentNodeId},
        state = ${JSON.stringify(c.state ?? null)}::jsonb,
        runtime = ${JSON.stringify(c.runtime ?? null)}::jsonb,
        "failureReason" = coalesce(${c.failureReason}, "failureReason"),
        "endedAt" = CASE WHEN ${c.endedAt === undefined} THEN "endedAt"
                         ELSE ${c.endedAt ? c.endedAt.toISOString() : null}::timestamptz AT TIME ZONE 'UTC' END,
        "eventCount" = "eventCount" + ${done ? 1 : 0},
        "updatedAt" = clock_timestamp() AT TIME ZONE 'UTC'
      WHERE id = ${rows.conversationId}
    ), ev AS (
      UPDATE "ConversationEvent" SET
        status = 'done', "startedAt" = ${done?.startedAt.toISOString() ?? null}::timestamptz AT TIME ZONE 'UTC',
        "finishedAt" = ${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC',
        result = ${done ? JSON.stringify(done.result) : null}::jsonb,
        payload = coalesce(${done?.payload === undefined ? null : JSON.stringify(done.payload)}::jsonb, payload)
      WHERE id = ${done?.eventId ?? null}
    ), au AS (
      SELECT audit_append(${auditRows(rows.audits)}::jsonb) AS added
    )
    SELECT (SELECT json_agg(m ORDER BY m.seq) FROM m) AS messages, (SELECT added FROM au) AS audited,
           CASE WHEN ${done !== null} THEN pg_notify(${LIVE_CHANNEL}, ${done?.notice ?? ""})::text END AS notified`;
  return (written?.messages ?? []).map((m) => ({ ...m, createdAt: new Date(`${m.createdAt}Z`) }));
}
