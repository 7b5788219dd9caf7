// Customer long-term memory: facts (one value per key) and conversation summaries, PII-redacted before they are
// stored and kept for the workspace's retention. Every function takes the caller's transaction, so the engine can
// remember and recall inside the transaction that commits its step.
import "server-only";
import { sqlFor, type Db, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import {
  memoryFactSchema,
  memorySummarySchema,
  RECALL_SUMMARY_LIMIT,
  type RememberFactInput,
  type RememberSummaryInput,
} from "./memory-schema";

export type MemoryClient = Tx | Db;

export type StoredMemory = {
  id: string;
  kind: "fact" | "summary";
  key: string;
  value: string;
  conversationId: string | null;
  updatedAt: Date;
  expiresAt: Date;
};

export type RecalledMemory = {
  facts: Record<string, string>;
  summaries: { conversationId: string; summary: string; at: Date }[];
};

const DAY_MS = 86_400_000;

/** The customer's retention, refusing a customer of another workspace (404, as if it did not exist). */
async function retentionFor(tx: MemoryClient, workspaceId: string, customerId: string): Promise<number> {
  const customer = await tx.customer.findFirst({
    where: { id: customerId, workspaceId },
    select: { workspace: { select: { memoryRetentionDays: true } } },
  });
  if (!customer) {
    throw new AppError("NOT_FOUND", {
      message: `Customer ${customerId} is not in workspace ${workspaceId}`,
      userMessage: "Customer not found.",
    });
  }
  return customer.workspace.memoryRetentionDays;
}

/** Redacts PII (cards, IBANs, e-mails, phones, national ids: whatever the guardrail knows) from a value to store. */
export function redactMemoryValue(value: string): string {
  return redactPiiText(value);
}

async function upsertMemory(
  tx: MemoryClient,
  row: {
    workspaceId: string;
    customerId: string;
    kind: "fact" | "summary";
    key: string;
    value: string;
    conversationId: string | null;
    stepId: string | null;
    now: Date;
  },
): Promise<StoredMemory> {
  const days = await retentionFor(tx, row.workspaceId, row.customerId);
  const expiresAt = new Date(row.now.getTime() + days * DAY_MS);
  const data = { value: row.value, conversationId: row.conversationId, stepId: row.stepId, expiresAt };
  const stored = await tx.customerMemory.upsert({
    where: { customerId_kind_key: { customerId: row.customerId, kind: row.kind, key: row.key } },
    create: { workspaceId: row.workspaceId, customerId: row.customerId, kind: row.kind, key: row.key, ...data },
    update: data,
    select: { id: true, kind: true, key: true, value: true, conversationId: true, updatedAt: true, expiresAt: true },
  });
  return { ...stored, kind: stored.kind as StoredMemory["kind"] };
}

/**
 * Remembers one fact about a customer, replacing the value the key had. The value is PII-redacted before it is
 * stored; it expires after the workspace's retention (counted again from every update).
 */
export async function rememberFact(
  tx: MemoryClient,
  input: RememberFactInput,
  now: Date = new Date(),
): Promise<StoredMemory> {
  const parsed = memoryFactSchema.parse(input);
  const key = parsed.key;
  if (redactPiiText(key) !== key) {
    throw new AppError("VALIDATION", {
      message: "Memory key contains PII",
      fieldErrors: { key: ["A key cannot contain personal data."] },
    });
  }
  return upsertMemory(tx, {
    workspaceId: parsed.workspaceId,
    customerId: parsed.customerId,
    kind: "fact",
    key,
    value: redactMemoryValue(parsed.value),
    conversationId: parsed.conversationId ?? null,
    stepId: parsed.stepId ?? null,
    now,
  });
}

/** Remembers a conversation's summary (one per conversation: the key is its id), PII-redacted. */
export async function rememberSummary(
  tx: MemoryClient,
  input: RememberSummaryInput,
  now: Date = new Date(),
): Promise<StoredMemory> {
  const parsed = memorySummarySchema.parse(input);
  const conversation = await tx.conversation.findFirst({
    where: { id: parsed.conversationId, workspaceId: parsed.workspaceId },
    select: { customerId: true },
  });
  if (!conversation) {
    throw new AppError("NOT_FOUND", {
      message: `Conversation ${parsed.conversationId} is not in workspace ${parsed.workspaceId}`,
      userMessage: "Conversation not found.",
    });
  }
  if (conversation.customerId !== null && conversation.customerId !== parsed.customerId) {
    throw new AppError("BAD_REQUEST", { message: `Conversation ${parsed.conversationId} belongs to another customer` });
  }
  return upsertMemory(tx, {
    workspaceId: parsed.workspaceId,
    customerId: parsed.customerId,
    kind: "summary",
    key: parsed.conversationId,
    value: redactMemoryValue(parsed.summary),
    conversationId: parsed.conversationId,
    stepId: null,
    now,
  });
}

/**
 * What the engine loads into `state.memory.customer`: the customer's unexpired facts by key, and the newest
 * conversation summaries first (at most `summaryLimit`). A customer of another workspace recalls nothing.
 */
export async function recallCustomerMemory(
  tx: MemoryClient,
  options: { workspaceId: string; customerId: string; now?: Date; summaryLimit?: number },
): Promise<RecalledMemory> {
  const now = options.now ?? new Date();
  const limit = Math.max(0, Math.min(options.summaryLimit ?? RECALL_SUMMARY_LIMIT, 100));
  // One statement on every customer turn: the facts by key, then the newest summaries.
  const rows = await sqlFor(tx)<
    { kind: string; key: string; value: string; conversationId: string | null; updatedAt: Date }[]
  >`
    (SELECT kind::text AS kind, key, value, "conversationId", "updatedAt" FROM "CustomerMemory"
     WHERE "workspaceId" = ${options.workspaceId} AND "customerId" = ${options.customerId}
       AND "expiresAt" > ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC' AND kind = 'fact' ORDER BY key)
    UNION ALL
    (SELECT kind::text, key, value, "conversationId", "updatedAt" FROM "CustomerMemory"
     WHERE "workspaceId" = ${options.workspaceId} AND "customerId" = ${options.customerId}
       AND "expiresAt" > ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC' AND kind = 'summary'
     ORDER BY "updatedAt" DESC, id DESC LIMIT ${limit})`;
  const facts = rows.filter((r) => r.kind === "fact");
  const summaries = rows.filter((r) => r.kind === "summary");
  return {
    facts: Object.fromEntries(facts.map((f) => [f.key, f.value])),
    summaries: summaries.map((s) => ({ conversationId: s.conversationId ?? s.key, summary: s.value, at: s.updatedAt })),
  };
}

/**
 * The same recall as `recallCustomerMemory`, as the JSON a statement that reads the conversation can carry along
 * (claimMessageTarget): one round trip fewer on every customer message.
 */
export type RecalledMemoryJson = {
  facts: { key: string; value: string }[];
  summaries: { key: string; value: string; conversationId: string | null; updatedAt: string }[];
};

export function recalledFromJson(json: RecalledMemoryJson): RecalledMemory {
  return {
    facts: Object.fromEntries(json.facts.map((f) => [f.key, f.value])),
    // A timestamp without time zone is UTC here, as everywhere the app writes and reads one.
    summaries: json.summaries.map((s) => ({
      conversationId: s.conversationId ?? s.key,
      summary: s.value,
      at: new Date(`${s.updatedAt}Z`),
    })),
  };
}
