// Writes the generated history in bulk: one INSERT … SELECT FROM jsonb_to_recordset per table and batch (thousands
// of rows a statement instead of a Prisma call each), parents before children so every foreign key holds, the
// audit entries last through the one audit writer, all in the caller's transaction.
import "server-only";
import { auditLogPast } from "@/lib/platform/audit/audit-log";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import type { HistoryRows } from "./history-rows";

/** A column and how it travels: a plain SQL type, `ts` (a UTC timestamp) or `enum:"TypeName"`. */
type Column = [name: string, type: string];

const BATCH = 2_500;

const COLUMNS: Record<Exclude<keyof HistoryRows, "audit" | "refunds">, [table: string, columns: Column[]]> = {
  conversations: [
    "Conversation",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["flowId", "text"],
      ["flowVersionId", "text"],
      ["customerId", "text"],
      ["channel", "text"],
      ["status", 'enum:"ConversationStatus"'],
      ["state", "jsonb"],
      ["waitingFor", "text"],
      ["eventCount", "int"],
      ["identityLevel", 'enum:"IdentityLevel"'],
      ["identityMethod", "text"],
      ["identifiedAt", "ts"],
      ["startedAt", "ts"],
      ["updatedAt", "ts"],
      ["endedAt", "ts"],
    ],
  ],
  messages: [
    "Message",
    [
      ["id", "text"],
      ["conversationId", "text"],
      ["seq", "int"],
      ["role", 'enum:"MessageRole"'],
      ["author", "text"],
      ["senderName", "text"],
      ["text", "text"],
      ["createdAt", "ts"],
    ],
  ],
  events: [
    "ConversationEvent",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["kind", "text"],
      ["payload", "jsonb"],
      ["actorType", "text"],
      ["actorId", "text"],
      ["actorLabel", "text"],
      ["status", 'enum:"EventStatus"'],
      ["result", "jsonb"],
      ["createdAt", "ts"],
      ["startedAt", "ts"],
      ["finishedAt", "ts"],
    ],
  ],
  steps: [
    "Step",
    [
      ["id", "text"],
      ["conversationId", "text"],
      ["eventId", "text"],
      ["turn", "int"],
      ["seq", "int"],
      ["nodeId", "text"],
      ["nodeKind", "text"],
      ["nodeLabel", "text"],
      ["status", 'enum:"StepStatus"'],
      ["input", "jsonb"],
      ["output", "jsonb"],
      ["error", "text"],
      ["startedAt", "ts"],
      ["endedAt", "ts"],
    ],
  ],
  spans: [
    "Span",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["eventId", "text"],
      ["parentId", "text"],
      ["stepId", "text"],
      ["kind", "text"],
      ["name", "text"],
      ["status", "text"],
      ["startedAt", "ts"],
      ["durationMs", "float8"],
      ["input", "jsonb"],
      ["output", "jsonb"],
      ["error", "text"],
      ["attributes", "jsonb"],
    ],
  ],
  escalations: [
    "Escalation",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["status", 'enum:"EscalationStatus"'],
      ["reason", "text"],
      ["queue", "text"],
      ["priority", "int"],
      ["assigneeId", "text"],
      ["slaDueAt", "ts"],
      ["context", "jsonb"],
      ["createdAt", "ts"],
      ["claimedAt", "ts"],
      ["firstResponseAt", "ts"],
      ["slaBreachedAt", "ts"],
      ["resolvedAt", "ts"],
    ],
  ],
  approvals: [
    "Approval",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["nodeId", "text"],
      ["stepId", "text"],
      ["tool", "text"],
      ["input", "jsonb"],
      ["field", "text"],
      ["amount", "float8"],
      ["threshold", "float8"],
      ["approverRole", 'enum:"Role"'],
      ["reason", "text"],
      ["status", 'enum:"ApprovalStatus"'],
      ["decidedById", "text"],
      ["decidedAt", "ts"],
      ["note", "text"],
      ["createdAt", "ts"],
    ],
  ],
  tickets: [
    "SupportTicket",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["customerId", "text"],
      ["subject", "text"],
      ["body", "text"],
      ["status", "text"],
      ["createdAt", "ts"],
    ],
  ],
  toolEffects: [
    "ToolEffect",
    [
      ["idempotencyKey", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["tool", "text"],
      ["input", "jsonb"],
      ["result", "jsonb"],
      ["createdAt", "ts"],
    ],
  ],
  toolCalls: [
    "ToolCallLog",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["agentNodeId", "text"],
      ["tool", "text"],
      ["callKey", "text"],
      ["at", "ts"],
    ],
  ],
  reviewItems: [
    "ReviewItem",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["flowId", "text"],
      ["flowVersionId", "text"],
      ["channel", "text"],
      ["status", 'enum:"ReviewItemStatus"'],
      ["routeCorrect", "bool"],
      ["resolved", "bool"],
      ["guardrailCorrect", "bool"],
      ["note", "text"],
      ["reviewerId", "text"],
      ["sampledAt", "ts"],
      ["reviewedAt", "ts"],
    ],
  ],
  routingReviews: [
    "RoutingReview",
    [
      ["id", "text"],
      ["workspaceId", "text"],
      ["conversationId", "text"],
      ["stepId", "text"],
      ["nodeId", "text"],
      ["flowId", "text"],
      ["flowVersionId", "text"],
      ["channel", "text"],
      ["predicted", "text"],
      ["expected", "text"],
      ["verdict", 'enum:"RoutingVerdict"'],
      ["note", "text"],
      ["reviewerId", "text"],
      ["createdAt", "ts"],
      ["updatedAt", "ts"],
    ],
  ],
};

function insertSql(table: string, columns: Column[]): string {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const select = columns
    .map(([name, type]) =>
      type === "ts"
        ? `r."${name}" AT TIME ZONE 'UTC'`
        : type.startsWith("enum:")
          ? `r."${name}"::${type.slice(5)}`
          : type === "jsonb"
            ? `nullif(r."${name}", 'null'::jsonb)`
            : `r."${name}"`,
    )
    .join(", ");
  const record = columns
    .map(([name, type]) => `"${name}" ${type === "ts" ? "timestamptz" : type.startsWith("enum:") ? "text" : type}`)
    .join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS r(${record})`;
}

/** The statement as a one-parameter tagged template, so it runs on the transaction's own `pg` connection. */
function template(text: string): TemplateStringsArray {
  const parts = text.split("$1");
  return Object.assign(parts, { raw: parts });
}

async function insertAll(tx: Tx, table: string, columns: Column[], rows: object[]): Promise<void> {
  const statement = template(insertSql(table, columns));
  const sql = sqlFor(tx);
  for (let start = 0; start < rows.length; start += BATCH) {
    await sql(statement, JSON.stringify(rows.slice(start, start + BATCH)));
  }
}

/** Inserts every row of the history, then applies its refunds to the orders' payments, then appends its audit. */
export async function writeHistory(tx: Tx, workspaceId: string, rows: HistoryRows): Promise<void> {
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const [table, columns] = COLUMNS[key];
    await insertAll(tx, table, columns, rows[key]);
  }
  if (rows.refunds.length > 0) {
    // What refund_order did for each refund the history records: the payment refunded in full.
    await sqlFor(tx)`
      UPDATE "Payment" p SET "refundedCents" = p."amountCents", status = 'refunded'
      FROM "Order" o, jsonb_to_recordset(${JSON.stringify(rows.refunds)}::jsonb) AS r("orderNumber" text)
      WHERE p."orderId" = o.id AND o."workspaceId" = ${workspaceId} AND o.number = r."orderNumber"`;
  }
  await auditLogPast(tx, rows.audit);
}
