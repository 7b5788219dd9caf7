"use server";
// Customer memory: retention (admins, settings.manage) and erasure on request (customer.erase). Every action goes
// through defineAction: session → permission → zod → domain call in a transaction with its audit entry → revalidate.
import { defineAction } from "@/lib/features/define-action";
import { AppError } from "@/lib/model/errors";
import { eraseCustomerMemory } from "@/lib/runtime/memory/erase-customer-memory";
import { eraseCustomerMemorySchema, setRetentionSchema } from "@/lib/runtime/memory/memory-schema";
import { setMemoryRetention } from "@/lib/runtime/memory/set-memory-retention";

export const setMemoryRetentionAction = defineAction({
  permission: "settings.manage",
  schema: setRetentionSchema,
  revalidate: ["/customers"],
  handler: async (input, { member, tx }) => {
    const result = await setMemoryRetention(tx, member.workspaceId, input.days);
    return {
      data: { days: result.after.days, changed: result.changed, redated: result.redated },
      // Setting the value it already has changes nothing, so there is nothing to audit.
      audit: result.changed
        ? {
            action: "customer_memory.retention_changed",
            resourceType: "workspace",
            resourceId: member.workspaceId,
            before: result.before,
            after: result.after,
            metadata: { redatedRows: result.redated },
          }
        : [],
    };
  },
});

export const eraseCustomerMemoryAction = defineAction({
  permission: "customer.erase",
  schema: eraseCustomerMemorySchema,
  revalidate: ["/customers"],
  // A customer with a long history has many steps and spans to scrub.
  timeoutMs: 60_000,
  handler: async (input, { member, tx }) => {
    const customer = await tx.customer.findFirst({
      where: { id: input.customerId, workspaceId: member.workspaceId },
      select: { ref: true },
    });
    if (!customer)
      throw new AppError("NOT_FOUND", {
        message: `Customer ${input.customerId} not in ${member.workspaceId}`,
        userMessage: "Customer not found.",
      });
    if (customer.ref.toLowerCase() !== input.confirmRef.toLowerCase()) {
      throw new AppError("VALIDATION", {
        message: "Erasure confirmation does not match the customer ref",
        fieldErrors: { confirmRef: [`Type ${customer.ref} exactly to confirm.`] },
      });
    }
    const counts = await eraseCustomerMemory(tx, {
      workspaceId: member.workspaceId,
      customerId: input.customerId,
      requestedBy: { type: "user", id: member.userId, label: member.email },
      reason: input.reason,
    });
    // eraseCustomerMemory writes its own audit entry (customer_memory.erased, counts only), whoever calls it.
    return { data: counts, audit: [] };
  },
});
