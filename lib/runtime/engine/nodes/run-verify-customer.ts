// The Verify customer node: proves who the customer is before the flow reaches their records. It asks for what its
// method needs, checks it against the data, counts failures (per conversation and per customer) and says the same
// thing whether a claim named nobody or the wrong answer was given, so a failure teaches an attacker nothing.
import "server-only";
import { NOT_VERIFIED_HANDLE } from "@/lib/model/flow/verify-customer-config";
import type { NodeOf } from "@/lib/model/flow/schema";
import { checkKnowledge } from "@/lib/runtime/identity/check-knowledge";
import { markIdentified, markVerified } from "@/lib/runtime/identity/record-identity";
import { customerLocked, failuresInConversation, recordAttempt } from "@/lib/runtime/identity/verification-attempts";
import {
  checkCode,
  codesSent,
  extractCode,
  maskEmail,
  MAX_CODES_PER_CONVERSATION,
  sendCode,
} from "@/lib/runtime/identity/verification-code";
import { extractEmail } from "@/lib/runtime/tools/extract-slot";
import { extractOrderNumber } from "@/lib/runtime/tools/order-number";
import { extractPostcode } from "@/lib/runtime/tools/parse-address";
import type { ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import type { Asking } from "./plain-answer";
import { askOrHandOver } from "./run-slot-agent";

type Node = NodeOf<"verify_customer">;
/** What the node has heard so far, kept in the state between the customer's answers. */
type Progress = { orderNumber?: string; email?: string; codeSent?: boolean };

const KNOWLEDGE_PROMPT =
  "To keep your account safe, I first need to confirm it's you. What is the order number, and the e-mail address on that order?";
const EMAIL_PROMPT =
  "To keep your account safe, I first need to confirm it's you. What e-mail address is your account under?";
const NO_MATCH =
  "That doesn't match our records. Please check the details and try again; you can also give a different order number with them.";
const LOCKED_REPLY = "I'm sorry, I couldn't confirm who you are, so I can't make account changes in this chat.";

export async function runVerifyCustomer(node: Node, ctx: TurnContext): Promise<ExecutionResult> {
  if (ctx.identity.level === "verified" && ctx.identity.customerId) {
    return { output: { verified: true, method: ctx.identity.method, already: true }, next: "out" };
  }
  const failures = await failuresInConversation(ctx.tx, ctx.conversationId);
  if (failures >= node.config.maxAttempts) return locked(ctx, node, failures, "attempts");
  const progress = ((ctx.state.verification as Progress | undefined) ??= {}) as Progress;
  ctx.state.verification = progress;
  return node.config.method === "email_code"
    ? emailCode(node, ctx, progress, failures)
    : knowledge(node, ctx, progress, failures);
}

async function knowledge(node: Node, ctx: TurnContext, progress: Progress, failures: number): Promise<ExecutionResult> {
  const text = heard(ctx);
  progress.orderNumber =
    extractOrderNumber(text) ?? progress.orderNumber ?? (ctx.state.orderNumber as string) ?? undefined;
  const email = extractEmail(text);
  // An order number's digits ("A1003") are not a postcode.
  const postcodes = node.config.secondFactor === "email_or_postcode";
  const postcode = email || !postcodes ? null : extractPostcode(text.replace(/\b[A-Z]\d{3,6}\b/gi, " "));
  if (!progress.orderNumber) return ask(node, ctx, "order number", node.config.prompt || KNOWLEDGE_PROMPT);
  if (!email && !postcode) {
    const factor = postcodes ? "e-mail address or postcode" : "e-mail address";
    const question = `To keep your account safe, I first need to confirm it's you. What is the ${factor} on order ${progress.orderNumber}?`;
    return ask(node, ctx, "email", node.config.prompt || question);
  }
  const claim = { orderNumber: progress.orderNumber, email, postcode };
  const checked = await checkKnowledge(ctx.tx, ctx.workspaceId, claim);
  if (checked.customerId && (await customerLocked(ctx.tx, ctx.workspaceId, checked.customerId))) {
    return locked(ctx, node, failures, "customer");
  }
  await recordAttempt(ctx.tx, {
    workspaceId: ctx.workspaceId,
    conversationId: ctx.conversationId,
    customerId: checked.customerId,
    method: "knowledge",
    ok: checked.ok,
  });
  if (checked.ok && checked.customerId) {
    // The order that proved it is the one the request is about: the next agent's order-number slot is filled.
    ctx.state.orderNumber = progress.orderNumber;
    ((ctx.state.slots ??= {}) as Record<string, unknown>).order_number = progress.orderNumber;
    return verified(node, ctx, checked.customerId, "knowledge");
  }
  return failed(node, ctx, failures + 1, NO_MATCH, { factor: email ? "email" : "postcode" });
}

async function emailCode(node: Node, ctx: TurnContext, progress: Progress, failures: number): Promise<ExecutionResult> {
  const text = heard(ctx);
  const email = extractEmail(text);
  if (email && email !== progress.email) return sendTo(node, ctx, progress, email);
  if (!progress.codeSent) return ask(node, ctx, "email", node.config.prompt || EMAIL_PROMPT);
  const typed = extractCode(text);
  if (!typed) {
    return ask(node, ctx, "verification code", "Please type the 6-digit code from the e-mail we sent you.");
  }
  const checked = await checkCode(ctx.tx, ctx.conversationId, typed);
  await recordAttempt(ctx.tx, {
    workspaceId: ctx.workspaceId,
    conversationId: ctx.conversationId,
    customerId: checked.customerId,
    method: "email_code",
    ok: checked.ok,
  });
  if (checked.ok) return verified(node, ctx, checked.customerId, "email_code");
  const message =
    checked.reason === "expired"
      ? "That code has expired. Type your e-mail address again and I'll send a new one."
      : "That code isn't right. Please check the e-mail and type the 6-digit code again.";
  return failed(node, ctx, failures + 1, message, { reason: checked.reason });
}

async function sendTo(node: Node, ctx: TurnContext, progress: Progress, email: string): Promise<ExecutionResult> {
  if ((await codesSent(ctx.tx, ctx.conversationId)) >= MAX_CODES_PER_CONVERSATION) {
    return locked(ctx, node, 0, "codes");
  }
  progress.email = email;
  progress.codeSent = true;
  const customer = await ctx.tx.customer.findFirst({
    where: { workspaceId: ctx.workspaceId, email: { equals: email, mode: "insensitive" } },
    select: { id: true, email: true },
  });
  const audits: ExecutionResult["audits"] = [];
  if (customer && !(await customerLocked(ctx.tx, ctx.workspaceId, customer.id))) {
    await sendCode(ctx.tx, {
      workspaceId: ctx.workspaceId,
      conversationId: ctx.conversationId,
      customerId: customer.id,
      email: customer.email,
      ttlMinutes: node.config.codeTtlMinutes,
    });
    await markIdentified(ctx.tx, ctx.identity, ctx.conversationId, "email_code");
    audits.push({ action: "customer.verification_code_sent", after: { to: maskEmail(customer.email) } });
  }
  // The same words whether or not the address is on file: the chat never confirms who has an account.
  const reply = `If ${maskEmail(email)} is the e-mail address on your account, I've sent it a 6-digit code. Please type the code here; it expires in ${node.config.codeTtlMinutes} minutes.`;
  ctx.state.asking = { nodeId: node.id, slot: "verification code", times: 1 } satisfies Asking;
  return { output: { codeRequested: true }, replies: [reply], stop: "await_customer", audits };
}

/** Back after small talk or another request, the message was not an answer to this node's question. */
const returning = (ctx: TurnContext) => ctx.resume?.reprompt === true || ctx.resume?.returning === true;
const heard = (ctx: TurnContext) => (returning(ctx) ? "" : ctx.text);

function ask(node: Node, ctx: TurnContext, what: string, question: string): ExecutionResult {
  const asked = askOrHandOver(ctx, {
    nodeId: node.id,
    what,
    question,
    limit: node.config.maxAttempts,
    missed: !returning(ctx),
  });
  return { ...asked, output: { ...asked.output, verifying: node.config.method } };
}

async function verified(
  node: Node,
  ctx: TurnContext,
  customerId: string,
  method: "knowledge" | "email_code",
): Promise<ExecutionResult> {
  await markVerified(ctx.tx, ctx.identity, { conversationId: ctx.conversationId, customerId, method });
  delete ctx.state.verification;
  delete ctx.state.asking;
  return {
    output: { verified: true, method },
    next: "out",
    replies: node.config.verifiedMessage ? [node.config.verifiedMessage] : [],
    audits: [{ action: "customer.verified", after: { level: "verified", method, customerId } }],
  };
}

function failed(
  node: Node,
  ctx: TurnContext,
  failures: number,
  message: string,
  detail: Record<string, unknown>,
): ExecutionResult {
  const audit = { action: "customer.verification_failed", after: { method: node.config.method, failures, ...detail } };
  if (failures >= node.config.maxAttempts) {
    const result = locked(ctx, node, failures, "attempts");
    return { ...result, audits: [audit, ...(result.audits ?? [])] };
  }
  const slot = node.config.method === "email_code" ? "verification code" : "email";
  ctx.state.asking = { nodeId: node.id, slot, times: 1 } satisfies Asking;
  return { output: { verified: false, failures }, replies: [message], stop: "await_customer", audits: [audit] };
}

function locked(
  ctx: TurnContext,
  node: Node,
  failures: number,
  why: "attempts" | "customer" | "codes",
): ExecutionResult {
  delete ctx.state.verification;
  delete ctx.state.asking;
  return {
    output: { verified: false, locked: why, failures },
    next: NOT_VERIFIED_HANDLE,
    replies: [LOCKED_REPLY],
    audits: [{ action: "customer.verification_locked", after: { method: node.config.method, failures, why } }],
  };
}
