// Built-in tools as the engine calls them: inputs gathered from the message and the state, the idempotency key
// derived from the step id, results written back into the state for later nodes and reply templates.
import "server-only";
import { BUILTIN_TOOLS, type BuiltinToolName } from "@/lib/model/tools/catalog";
import { cancelOrder } from "@/lib/runtime/tools/cancel-order";
import { changeAddress } from "@/lib/runtime/tools/change-address";
import { lookupOrder, notOnAccount } from "@/lib/runtime/tools/lookup-order";
import { extractOrderNumber } from "@/lib/runtime/tools/order-number";
import { extractAddress, extractSlot } from "@/lib/runtime/tools/extract-slot";
import { freezeCard } from "@/lib/runtime/tools/freeze-card";
import { openTicket } from "@/lib/runtime/tools/open-ticket";
import { refundOrder } from "@/lib/runtime/tools/refund-order";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";
import type { ToolCallRecord } from "@/lib/runtime/tools/tool-call-log";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";

/** `input` holds arguments a model chose; missing ones come from the message and the state, as for deterministic agents. */
export type BuiltinCall = {
  tool: BuiltinToolName;
  input: Record<string, unknown>;
  idempotencyKey: string;
  /** The verified customer whose records the call may touch; null when its link allows any record (data-scope.ts). */
  ownerId: string | null;
  /**
   * The agent's call to log for its per-conversation limit; null on the flow's own path. The caller logs it before a
   * tool with effects runs; a lookup logs it in its own statement, only when it finds the order (lookup-order.ts).
   */
  record: ToolCallRecord | null;
};

export type ToolOutcome = {
  result?: Record<string, unknown>;
  replayed?: boolean;
  /** A business refusal the customer can read ("already shipped"): not a crash. */
  refusal?: string;
  /** Something is missing: ask the customer and wait. */
  ask?: { missing: string; prompt: string };
};

const ORDER_PROMPT = "I can help with that. What is your order number? It looks like A1234.";

/** The order a call is about: the call's own argument, else the one in this message, else the one already known. */
export function orderNumberFor(ctx: TurnContext, input: Record<string, unknown>): string | null {
  const given = typeof input.orderNumber === "string" ? extractOrderNumber(input.orderNumber) : null;
  return given ?? extractOrderNumber(ctx.text) ?? (ctx.state.orderNumber as string | undefined) ?? null;
}

function orderNumber(ctx: TurnContext, input: Record<string, unknown>): string | null {
  const number = orderNumberFor(ctx, input);
  if (number) ctx.state.orderNumber = number;
  return number;
}

function slot(ctx: TurnContext, input: Record<string, unknown>, name: string): unknown {
  return input[name] ?? (ctx.state.slots as Record<string, unknown> | undefined)?.[name] ?? ctx.state[name];
}

/** Whether the conversation belongs to an evaluation run, whose side effects must not reach the demo data. */
export async function inEvalRun(ctx: TurnContext): Promise<boolean> {
  const conversation = await ctx.tx.conversation.findUnique({
    where: { id: ctx.conversationId },
    select: { evalRunId: true },
  });
  return Boolean(conversation?.evalRunId);
}

const DRY_RUN_SAVEPOINT = "eval_dry_run";

export async function runBuiltinTool(ctx: TurnContext, call: BuiltinCall): Promise<ToolOutcome> {
  if (!BUILTIN_TOOLS[call.tool].sideEffect || !(await inEvalRun(ctx))) return applyBuiltinTool(ctx, call);
  // An evaluation run: the tool really runs against the current data, so its result and the reply built from it
  // read exactly as in production, then everything it wrote (orders, payments, cards, tickets, the ToolEffect
  // ledger) is rolled back. The state keeps the result; the database keeps nothing.
  await ctx.tx.$executeRawUnsafe(`SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
  try {
    return await applyBuiltinTool(ctx, call);
  } finally {
    await ctx.tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
    await ctx.tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${DRY_RUN_SAVEPOINT}`);
  }
}

async function applyBuiltinTool(ctx: TurnContext, call: BuiltinCall): Promise<ToolOutcome> {
  if (ctx.signal.aborted) throw nonRetriable("The node was cancelled before its tool ran");
  const base = {
    workspaceId: ctx.workspaceId,
    conversationId: ctx.conversationId,
    idempotencyKey: call.idempotencyKey,
    ownerId: call.ownerId,
  };
  const reason = ((ctx.state.intent as { label?: string } | undefined)?.label ?? "customer request").slice(0, 200);
  try {
    switch (call.tool) {
      case "lookup_order": {
        const number = orderNumber(ctx, call.input);
        if (!number) return { ask: { missing: "order number", prompt: ORDER_PROMPT } };
        const order = await lookupOrder(ctx.tx, ctx.workspaceId, number, call.ownerId, call.record);
        if (!order) {
          delete ctx.state.orderNumber;
          const prompt = call.ownerId
            ? notOnAccount(number)
            : `I could not find an order ${number}. Could you check the number? It looks like A1234.`;
          return { ask: { missing: "order number", prompt } };
        }
        ctx.state.order = order;
        return { result: order };
      }
      case "refund_order": {
        const number = orderNumber(ctx, call.input);
        if (!number) return { ask: { missing: "order number", prompt: ORDER_PROMPT } };
        const amount = Number(slot(ctx, call.input, "amount") ?? NaN);
        const { replayed, ...result } = await refundOrder(ctx.tx, {
          ...base,
          orderNumber: number,
          amountCents: Number.isFinite(amount) && amount > 0 ? Math.round(amount * 100) : null,
          reason,
        });
        ctx.state.refund = result;
        return { result, replayed };
      }
      case "cancel_order": {
        const number = orderNumber(ctx, call.input);
        if (!number) return { ask: { missing: "order number", prompt: ORDER_PROMPT } };
        const { replayed, ...result } = await cancelOrder(ctx.tx, { ...base, orderNumber: number, reason });
        ctx.state.cancellation = result;
        return { result, replayed };
      }
      case "change_address": {
        const number = orderNumber(ctx, call.input);
        if (!number) return { ask: { missing: "order number", prompt: ORDER_PROMPT } };
        const address = slot(ctx, call.input, "address") ?? extractAddress(ctx.text);
        if (typeof address !== "string" || !address.trim()) {
          return { ask: { missing: "address", prompt: "What is the new delivery address?" } };
        }
        const { replayed, ...result } = await changeAddress(ctx.tx, { ...base, orderNumber: number, address });
        ctx.state.addressChange = result;
        return { result, replayed };
      }
      case "open_ticket": {
        const subject =
          typeof call.input.subject === "string" && call.input.subject.trim()
            ? call.input.subject.slice(0, 200)
            : reason;
        const body = typeof call.input.body === "string" && call.input.body.trim() ? call.input.body : ctx.text;
        const { replayed, ...result } = await openTicket(ctx.tx, {
          ...base,
          subject,
          body,
          customerId: ctx.customerId,
        });
        ctx.state.ticket = result;
        return { result, replayed };
      }
      case "freeze_card": {
        const last4 = (slot(ctx, call.input, "last4") ??
          slot(ctx, call.input, "card_last4") ??
          extractSlot("card_last4", ctx.text)) as string | null;
        // The address in this message wins over one kept from before: the customer may be correcting it.
        // A verified customer's own cards; finding a customer by e-mail is for internal agents ("any record") only.
        const email = call.ownerId
          ? null
          : ((extractSlot("email", ctx.text) ?? slot(ctx, call.input, "email")) as string | null);
        if (email) ctx.state.email = email;
        const customerId = call.ownerId ?? ctx.customerId;
        if (!customerId && !email)
          return {
            ask: { missing: "email", prompt: "To find your card, which e-mail address is your account under?" },
          };
        const { replayed, ...result } = await freezeCard(ctx.tx, {
          ...base,
          customerId,
          email,
          last4,
          reason,
        });
        ctx.state.cardFreeze = result;
        return { result, replayed };
      }
    }
  } catch (error) {
    if (error instanceof ToolRefusal)
      return error.asks ? { ask: { missing: error.asks, prompt: error.message } } : { refusal: error.message };
    throw error;
  }
}
