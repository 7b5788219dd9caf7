import "server-only";
import { auditRows, type AuditEntry } from "@/lib/platform/audit/audit-log";
import { sqlFor, transactionWithSql, type Tx } from "@/lib/platform/db/client";
import { newId } from "@/lib/platform/db/new-id";
import { AppError } from "@/lib/model/errors";
import { TEST_CHANNEL, type CustomerChannel } from "@/lib/model/flow/channels";
import type { IdentityMethod } from "@/lib/model/identity";
import { emitConversationEvent } from "@/lib/runtime/webhooks/emit-events";
import { loadVersionGraph, startNode } from "@/lib/runtime/engine/run/load-graph";
import { LIVE_CHANNEL } from "@/lib/runtime/engine/events";

/** `author` is the console's (a node's label, a person's full name); customers see `senderName` (lib/model/sender-name.ts). */
export type TurnReply = {
  id: string;
  role: string;
  author: string | null;
  senderName: string | null;
  text: string;
  /** Written by the offline stand-in, not a model (Message.offline); absent where a reader did not ask. */
  offline?: boolean;
  createdAt: Date;
};

export type StartedConversation = { id: string; status: string; messages: TurnReply[] };

type StartOptions =
  /**
   * A customer on a real channel: the flow's published version. `chatTokenHash`, the hash of the web chat's resume
   * token, is written with the row: the chat page can reach the conversation from the moment it exists. A
   * `customerId` given here is a verified customer: only server-side integrations (`api`, the default) and the host
   * site's signed identity (`signed_token`) can name one.
   */
  | {
      workspaceId: string;
      flowSlug: string;
      channel: CustomerChannel;
      customerId?: string | null;
      /**
       * The customer by the workspace's own reference (a server-side integration's): found in the statement that
       * finds the flow; an unknown one is a validation error on `customer`, before anything is written.
       */
      customerRef?: string;
      identityMethod?: Extract<IdentityMethod, "api" | "signed_token">;
      chatTokenHash?: string | null;
      /** Where a web visitor opened the chat (lib/features/chat/chat-origin.ts), shown to operators. */
      origin?: { pageUrl: string | null; referrer: string | null; userAgent: string | null };
      /** More entries about the new conversation (who opened it), appended with the engine's own in one statement. */
      alsoAudit?: (conversationId: string) => AuditEntry[];
      tx?: Tx;
    }
  /**
   * The designer's test chat: a hidden test version of the draft (see lib/features/flows/test-version.ts), on the "test"
   * channel, which every flow accepts and which the console never counts as operations.
   */
  | { workspaceId: string; testVersionId: string; channel: typeof TEST_CHANNEL; customerId?: null; tx?: Tx }
  /**
   * An evaluation run (lib/features/evals/run-suite.ts): any version of the flow, published or test, on the "test" channel,
   * marked with the run so its side-effecting tools run dry. A case run as a customer names them (verified, method
   * `api`), as a server-side integration would.
   */
  | {
      workspaceId: string;
      versionId: string;
      evalRunId: string;
      channel: typeof TEST_CHANNEL;
      customerId?: string | null;
      tx?: Tx;
    };

type PinnedVersion = {
  flowId: string;
  slug: string;
  name: string;
  versionId: string | null;
  number: number | null;
  assistantName: string | null;
};

/**
 * The flow and the version a new conversation is pinned to, and the workspace's assistant name: one prepared
 * statement in the start's transaction (a start is a quarter of the API's requests; Prisma's model API cost about
 * 1 ms of CPU per call there, bench:engine).
 */
async function pinnedVersion(
  tx: Tx,
  options: StartOptions,
): Promise<PinnedVersion & { versionId: string; customerId?: string | null }> {
  const sql = sqlFor(tx);
  if ("testVersionId" in options || "versionId" in options) {
    const id = "versionId" in options ? options.versionId : options.testVersionId;
    const [found] = await sql<PinnedVersion[]>`
      SELECT f.id AS "flowId", f.slug, f.name, v.id AS "versionId", v.number, w."assistantName"
      FROM "FlowVersion" v JOIN "Flow" f ON f.id = v."flowId" JOIN "Workspace" w ON w.id = f."workspaceId"
      WHERE v.id = ${id} AND f."workspaceId" = ${options.workspaceId} AND (${"versionId" in options}::boolean OR v.kind::text = 'test')`;
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "That test version does not exist in this workspace." });
    return { ...found, versionId: id };
  }
  const ref = options.customerRef ?? null;
  // One row whatever is found: an unknown customer is reported before an unknown flow, as the API always has.
  const [found] = await sql<(Partial<PinnedVersion> & { customerId: string | null })[]>`
    SELECT p.*, (SELECT id FROM "Customer" WHERE "workspaceId" = ${options.workspaceId} AND ref = ${ref}) AS "customerId"
    FROM (SELECT 1) AS one LEFT JOIN LATERAL (
      SELECT f.id AS "flowId", f.slug, f.name, v.id AS "versionId", v.number, w."assistantName"
      FROM "Flow" f JOIN "Workspace" w ON w.id = f."workspaceId" LEFT JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
      WHERE f."workspaceId" = ${options.workspaceId} AND f.slug = ${options.flowSlug}) p ON true`;
  if (ref !== null && !found.customerId) {
    const message = `No customer "${ref}" in this workspace.`;
    throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { customer: [message] } });
  }
  if (!found.flowId)
    throw new AppError("NOT_FOUND", { userMessage: `No flow "${options.flowSlug}" in this workspace.` });
  if (!found.versionId)
    throw new AppError("CONFLICT", { userMessage: `Flow "${found.name}" has no published version yet.` });
  return { ...(found as PinnedVersion), versionId: found.versionId, customerId: found.customerId };
}

type StartedRow = {
  id: string;
  status: string;
  messages: (Omit<TurnReply, "createdAt"> & { createdAt: string })[];
  subscribers: string[];
};

/**
 * Opens a conversation pinned (for its whole life) to one flow version and sends the greeting. The row, the greeting,
 * the audit entries (chained at commit) and the live notice for the console's Live list (no event has run yet, so
 * it names none; delivered at commit) are one statement, as the engine writes a wave (write-rows.ts).
 */
export async function startConversation(options: StartOptions): Promise<StartedConversation> {
  const run = async (tx: Tx): Promise<StartedConversation> => {
    const pinned = await pinnedVersion(tx, options);
    const graph = await loadVersionGraph(tx, pinned.versionId);
    const start = startNode(graph);
    if (start.kind !== "start") throw new Error("Start node has the wrong kind");
    if (options.channel !== TEST_CHANNEL && !start.config.channels.includes(options.channel)) {
      throw new AppError("BAD_REQUEST", {
        userMessage: `Flow "${pinned.name}" does not accept the ${options.channel} channel.`,
      });
    }
    const customerId = options.customerId ?? pinned.customerId ?? null;
    const identityMethod = customerId ? ("identityMethod" in options && options.identityMethod) || "api" : null;
    const origin = "origin" in options ? options.origin : undefined;
    const greeting = start.config.greeting
      ? {
          author: start.label,
          senderName: start.config.senderName || pinned.assistantName,
          text: start.config.greeting,
        }
      : null;
    const id = newId();
    const entries: AuditEntry[] = [
      {
        workspaceId: options.workspaceId,
        actor: { type: "customer", id: customerId, label: `${options.channel} customer` },
        action: "conversation.started",
        resourceType: "conversation",
        resourceId: id,
        after: { flow: pinned.slug, version: pinned.number ?? "draft test", channel: options.channel },
      },
    ];
    if (customerId) {
      entries.push({
        workspaceId: options.workspaceId,
        actor: { type: "system", label: `${options.channel} channel` },
        action: "customer.verified",
        resourceType: "conversation",
        resourceId: id,
        after: { level: "verified", method: identityMethod, customerId },
      });
    }
    if ("alsoAudit" in options && options.alsoAudit) entries.push(...options.alsoAudit(id));
    const emits = options.channel !== TEST_CHANNEL;
    const [row] = await sqlFor(tx)<StartedRow[]>`
      WITH c AS (
        INSERT INTO "Conversation" (id, "workspaceId", "flowId", "flowVersionId", "customerId", channel, "evalRunId",
          "chatTokenHash", "identityLevel", "identityMethod", "identifiedAt", "pageUrl", referrer, "userAgent", "updatedAt")
        VALUES (${id}, ${options.workspaceId}, ${pinned.flowId}, ${pinned.versionId}, ${customerId}, ${options.channel},
          ${"evalRunId" in options ? options.evalRunId : null}, ${"chatTokenHash" in options ? (options.chatTokenHash ?? null) : null},
          (CASE WHEN ${customerId}::text IS NULL THEN 'anonymous' ELSE 'verified' END)::"IdentityLevel", ${identityMethod}::text,
          CASE WHEN ${customerId}::text IS NULL THEN NULL ELSE clock_timestamp() AT TIME ZONE 'UTC' END,
          ${origin?.pageUrl ?? null}, ${origin?.referrer ?? null}, ${origin?.userAgent ?? null}, clock_timestamp() AT TIME ZONE 'UTC')
        RETURNING id, "workspaceId", status::text AS status
      ), m AS (
        INSERT INTO "Message" (id, "conversationId", seq, role, author, "senderName", text)
        SELECT ${newId()}, c.id, 1, 'agent'::"MessageRole", ${greeting?.author ?? null}, ${greeting?.senderName ?? null}, ${greeting?.text ?? null}
        FROM c WHERE ${greeting !== null}::boolean
        RETURNING id, role::text AS role, author, "senderName", text, offline, "createdAt"
      ), au AS (
        SELECT audit_append(${auditRows(entries)}::jsonb) AS added
      )
      SELECT c.id, c.status, coalesce((SELECT jsonb_agg(to_jsonb(m)) FROM m), '[]'::jsonb) AS messages,
             (SELECT added FROM au) AS audited,
             pg_notify(${LIVE_CHANNEL}, json_build_object('w', c."workspaceId", 'c', c.id, 'e', '', 's', c.status)::text)::text
               AS notified,
             -- The webhook subscriptions to conversation.started (emitWebhookEvent's query): none on most starts.
             ARRAY(SELECT e.id FROM "WebhookEndpoint" e
                   WHERE ${emits}::boolean AND e."workspaceId" = c."workspaceId" AND e.kind = 'subscription' AND e.active
                     AND 'conversation.started' = ANY(e.events)) AS subscribers
      FROM c`;
    if (emits) {
      await emitConversationEvent(tx, {
        workspaceId: options.workspaceId,
        conversationId: row.id,
        type: "conversation.started",
        subscribers: row.subscribers,
      });
    }
    return {
      id: row.id,
      status: row.status,
      // jsonb carries the timestamp without its zone: it is UTC, as everywhere in this database.
      messages: row.messages.map((m) => ({ ...m, createdAt: new Date(`${m.createdAt}Z`) })),
    };
  };
  return options.tx ? run(options.tx) : transactionWithSql(run);
}
