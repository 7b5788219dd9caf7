// Erasure on request: removes a customer's long-term memory everywhere Switchboard keeps a copy of it.
//   - CustomerMemory rows: deleted.
//   - Conversation.state / Conversation.runtime of the customer's conversations: every `memory.customer` subtree is
//     deleted (the engine loads recalled memory into `state.memory.customer`, and runtime frames carry states too).
//   - Step.input/output, Span.input/output/attributes and Escalation.context of those conversations: every
//     `memory.customer` subtree becomes "[erased]", so a trace still shows that memory was there.
// Rows are found with a jsonb path query and rewritten in TypeScript (pure helpers in scrub-memory-json.ts), in
// keyset-paginated batches. Idempotent: a second run changes and counts nothing. Audited with counts only.
import "server-only";
import { auditLog, type AuditActor } from "@/lib/platform/audit/audit-log";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { deleteCustomerMemory, redactCustomerMemory } from "./scrub-memory-json";

export type ErasureCounts = {
  /** CustomerMemory rows deleted. */
  memories: number;
  conversations: number;
  steps: number;
  spans: number;
  escalations: number;
};

const BATCH = 500;

type ScrubTarget = {
  table: "Conversation" | "Step" | "Span" | "Escalation";
  columns: string[];
  mode: "delete" | "replace";
  /** How rows of this table belong to the customer's conversations. */
  scope: "self" | "conversation";
};

const TARGETS: Record<Exclude<keyof ErasureCounts, "memories">, ScrubTarget> = {
  conversations: { table: "Conversation", columns: ["state", "runtime"], mode: "delete", scope: "self" },
  steps: { table: "Step", columns: ["input", "output"], mode: "replace", scope: "conversation" },
  spans: { table: "Span", columns: ["input", "output", "attributes"], mode: "replace", scope: "conversation" },
  escalations: { table: "Escalation", columns: ["context"], mode: "replace", scope: "conversation" },
};

/** SQL: may this jsonb column hold a copy of customer memory? (Nested `memory.customer`, or a dotted key.) */
function mayHoldMemory(column: string): Prisma.Sql {
  const col = Prisma.raw(`"${column}"`);
  return Prisma.sql`(${col} IS NOT NULL AND (jsonb_path_exists(${col}, 'lax $.**.memory.customer') OR ${col}::text LIKE '%"memory.customer%'))`;
}

async function scrubTable(tx: Tx, target: ScrubTarget, workspaceId: string, customerId: string): Promise<number> {
  const table = Prisma.raw(`"${target.table}"`);
  const select = Prisma.raw(target.columns.map((c) => `t."${c}"`).join(", "));
  const ownedBy =
    target.scope === "self"
      ? Prisma.sql`t."workspaceId" = ${workspaceId} AND t."customerId" = ${customerId}`
      : Prisma.sql`t."conversationId" IN (SELECT id FROM "Conversation" WHERE "workspaceId" = ${workspaceId} AND "customerId" = ${customerId})`;
  const matches = Prisma.join(target.columns.map(mayHoldMemory), " OR ");
  const scrub = target.mode === "delete" ? deleteCustomerMemory : redactCustomerMemory;

  let changed = 0;
  let cursor = "";
  for (;;) {
    const rows = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT t.id, ${select} FROM ${table} t
      WHERE ${ownedBy} AND t.id > ${cursor} AND (${matches})
      ORDER BY t.id LIMIT ${BATCH}`;
    if (rows.length === 0) return changed;
    cursor = String(rows[rows.length - 1].id);

    const updates: Record<string, unknown>[] = [];
    for (const row of rows) {
      const update: Record<string, unknown> = { id: row.id };
      let rowChanged = false;
      for (const column of target.columns) {
        const next = scrub(row[column]);
        const columnChanged = next !== row[column];
        update[column] = columnChanged ? next : null;
        update[`${column}_changed`] = columnChanged;
        rowChanged ||= columnChanged;
      }
      if (rowChanged) updates.push(update);
    }
    if (updates.length) {
      const sets = Prisma.raw(
        target.columns.map((c) => `"${c}" = CASE WHEN v."${c}_changed" THEN v."${c}" ELSE t."${c}" END`).join(", "),
      );
      const recordType = Prisma.raw(
        ["id text", ...target.columns.flatMap((c) => [`"${c}" jsonb`, `"${c}_changed" boolean`])].join(", "),
      );
      changed += await tx.$executeRaw`
        UPDATE ${table} t SET ${sets}
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(${recordType})
        WHERE t.id = v.id`;
    }
    if (rows.length < BATCH) return changed;
  }
}

export async function eraseCustomerMemory(
  tx: Tx,
  options: { workspaceId: string; customerId: string; requestedBy: AuditActor; reason: string },
): Promise<ErasureCounts> {
  const customer = await tx.customer.findFirst({
    where: { id: options.customerId, workspaceId: options.workspaceId },
    select: { id: true, ref: true },
  });
  if (!customer) {
    throw new AppError("NOT_FOUND", {
      message: `Customer ${options.customerId} is not in workspace ${options.workspaceId}`,
      userMessage: "Customer not found.",
    });
  }
  // Wait for any turn the engine is running for this customer (it holds its conversation FOR UPDATE), and keep new
  // turns out until the erasure commits; in id order so two erasures cannot deadlock.
  await tx.$queryRaw`
    SELECT id FROM "Conversation" WHERE "workspaceId" = ${options.workspaceId} AND "customerId" = ${customer.id} ORDER BY id FOR UPDATE`;

  const { count: memories } = await tx.customerMemory.deleteMany({
    where: { workspaceId: options.workspaceId, customerId: customer.id },
  });
  const counts: ErasureCounts = { memories, conversations: 0, steps: 0, spans: 0, escalations: 0 };
  for (const [name, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, ScrubTarget][]) {
    counts[name] = await scrubTable(tx, target, options.workspaceId, customer.id);
  }

  await auditLog(
    {
      workspaceId: options.workspaceId,
      actor: options.requestedBy,
      action: "customer_memory.erased",
      resourceType: "customer_memory",
      resourceId: customer.id,
      // Counts only: never the erased values.
      after: counts,
      metadata: { customerRef: customer.ref, reason: redactPiiText(options.reason.trim()).slice(0, 500) },
    },
    tx,
  );
  return counts;
}
