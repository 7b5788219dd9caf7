"use server";
// The public chat's server actions. There is no member here (a website visitor), so these are not defineAction: each
// validates its input, resolves the workspace by slug, authorizes by the browser's resume cookie (the conversation must
// be the cookie's, its token must match, and it must belong to this workspace and flow; see chat-resume-token.ts),
// keeps to the chat's rate limits (chat-rate-limits.ts), calls the engine, and maps any error to a message that is safe
// to show.
import { z } from "zod";
import { findPublicFlow, loadChatMessages, type ChatSnapshot, type PublicFlow } from "@/lib/features/chat/public-chat";
import {
  currentChatPass,
  forgetChat,
  issueChatToken,
  rememberChat,
  type ChatPass,
} from "@/lib/features/chat/chat-resume-token";
import { auditRefusedIdentity, readChatIdentity } from "@/lib/features/chat/chat-identity";
import {
  limitChatMessageFromAddress,
  limitChatMessageToConversation,
  limitChatStart,
} from "@/lib/features/chat/chat-rate-limits";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { AppError, toAppError } from "@/lib/model/errors";
import { RateLimitedError } from "@/lib/platform/http/rate-limiter";
import { safeText } from "@/lib/model/safe-text";
import { chatOriginSchema, readChatOrigin } from "@/lib/features/chat/chat-origin";

/** `retryAfterSeconds` with RATE_LIMITED: the page shows the message as a notice, not as an error. */
type ChatFailure = { ok: false; code: string; message: string; retryAfterSeconds?: number };
export type ChatResult = { ok: true; data: ChatSnapshot } | ChatFailure;
/** `data` is null when this browser has no conversation on the flow (or its cookie no longer opens one). */
export type ChatResumeResult = { ok: true; data: ChatSnapshot | null } | ChatFailure;

const slug = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
const target = z.object({ workspaceSlug: slug, flowSlug: slug });
const conversationId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const sinceSeq = z.number().int().min(0).max(1_000_000).default(0);
const conversationRef = target.extend({ conversationId, sinceSeq });
const resumeInput = target.extend({
  /** What the page shows already: when the cookie still points there, only newer messages are returned. */
  known: z.object({ conversationId, sinceSeq }).optional(),
});
const forgetInput = target.extend({ conversationId });
/** The host site's signed identity for a signed-in shopper (see lib/runtime/identity/chat-identity-token.ts). */
const startInput = target.extend({
  identityToken: z.string().trim().min(1).max(4096).optional(),
  /** The chat's page and the page before it, for the operator's context panel. */
  origin: chatOriginSchema,
});
const sendInput = conversationRef.extend({
  text: safeText()
    .trim()
    .min(1, "Type a message first.")
    .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`),
});

const NOT_FOUND_MESSAGE = "This conversation could not be found. Start a new one.";

function failure(error: unknown): ChatFailure {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[chat]", appError.message);
  // A validation error's first field message is more useful to a visitor than "Some fields are not valid."
  const fieldMessage = appError.fieldErrors ? Object.values(appError.fieldErrors)[0]?.[0] : undefined;
  return {
    ok: false,
    code: appError.code,
    message: appError.code === "VALIDATION" && fieldMessage ? fieldMessage : appError.userMessage,
    ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

async function resolveFlow(workspaceSlug: string, flowSlug: string): Promise<PublicFlow> {
  const found = await findPublicFlow(workspaceSlug, flowSlug);
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "This chat does not exist." });
  if (!found.published || !found.acceptsWeb) {
    throw new AppError("CONFLICT", { userMessage: "This chat is not available right now. Please try again later." });
  }
  return found;
}

async function snapshot(found: PublicFlow, conversationId: string, sinceSeq: number): Promise<ChatSnapshot> {
  const data = await loadChatMessages({
    workspaceId: found.workspace.id,
    flowId: found.flow.id,
    conversationId,
    sinceSeq,
  });
  if (!data) throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND_MESSAGE });
  return data;
}

/**
 * The page may act on the conversation it names only when it is the one this browser's cookie opens. A tab still
 * showing a conversation the cookie has moved on from (another tab started a new one) is refused without touching the
 * cookie; a cookie that opens nothing is cleared.
 */
async function authorize(found: PublicFlow, conversationId: string): Promise<ChatPass> {
  const pass = await currentChatPass(found, { clearStale: true });
  if (!pass || pass.conversationId !== conversationId) {
    throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND_MESSAGE });
  }
  return pass;
}

/** The conversation this browser has on the flow, from any tab or after a reload; null when there is none. */
export async function resumeChat(raw: {
  workspaceSlug: string;
  flowSlug: string;
  known?: { conversationId: string; sinceSeq: number };
}): Promise<ChatResumeResult> {
  try {
    const input = resumeInput.parse(raw);
    const found = await findPublicFlow(input.workspaceSlug, input.flowSlug);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "This chat does not exist." });
    const pass = await currentChatPass(found, { clearStale: true });
    if (!pass) return { ok: true, data: null };
    const since = input.known?.conversationId === pass.conversationId ? input.known.sinceSeq : 0;
    return { ok: true, data: await snapshot(found, pass.conversationId, since) };
  } catch (error) {
    return failure(error);
  }
}

/**
 * "Start a new conversation": this browser leaves `conversationId` (the next message starts a new one, see startChat).
 * Only that conversation: when another tab has already started a newer one, the cookie stays with it.
 */
export async function leaveChat(raw: {
  workspaceSlug: string;
  flowSlug: string;
  conversationId: string;
}): Promise<{ ok: true } | ChatFailure> {
  try {
    const input = forgetInput.parse(raw);
    const found = await findPublicFlow(input.workspaceSlug, input.flowSlug);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "This chat does not exist." });
    const pass = await currentChatPass(found, { clearStale: true });
    if (pass?.conversationId === input.conversationId) await forgetChat(found);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Opens a conversation on the flow's published version and makes it this browser's (every tab follows); returns the
 * greeting. Only ever called for the visitor's first message of a new conversation, which is how starting a new one
 * stays explicit.
 */
export async function startChat(raw: {
  workspaceSlug: string;
  flowSlug: string;
  identityToken?: string;
  origin?: { pageUrl?: string; referrer?: string };
}): Promise<ChatResult> {
  try {
    const input = startInput.parse(raw);
    await limitChatStart();
    const found = await resolveFlow(input.workspaceSlug, input.flowSlug);
    const identity = await readChatIdentity(found.workspace.id, input.identityToken);
    const { token, hash } = issueChatToken();
    const started = await startConversation({
      workspaceId: found.workspace.id,
      flowSlug: found.flow.slug,
      channel: "web",
      chatTokenHash: hash,
      customerId: identity.customerId,
      identityMethod: "signed_token",
      origin: await readChatOrigin(input.origin),
    });
    if (identity.refusal) await auditRefusedIdentity(found.workspace.id, started.id, identity.refusal);
    await rememberChat(found, { conversationId: started.id, token });
    return { ok: true, data: await snapshot(found, started.id, 0) };
  } catch (error) {
    return failure(error);
  }
}

/** Sends the customer's message; returns every message after `sinceSeq` (theirs and the replies). */
export async function sendChatMessage(raw: {
  workspaceSlug: string;
  flowSlug: string;
  conversationId: string;
  text: string;
  sinceSeq: number;
}): Promise<ChatResult> {
  try {
    const input = sendInput.parse(raw);
    await limitChatMessageFromAddress();
    const found = await resolveFlow(input.workspaceSlug, input.flowSlug);
    const pass = await authorize(found, input.conversationId);
    limitChatMessageToConversation(input.conversationId);
    // A slow turn returns early; its replies reach the page through loadChatUpdates like an operator's would.
    const turn = await sendCustomerMessage({
      workspaceId: found.workspace.id,
      conversationId: input.conversationId,
      text: input.text,
      actor: { type: "customer", id: null, label: "web customer" },
    });
    // Written long after the end, the message continues in a new conversation (the engine gave it the same token
    // hash): the cookie, and with it the page and every other tab, follows it there.
    const continued = turn.conversation.id !== input.conversationId;
    if (continued) await rememberChat(found, { conversationId: turn.conversation.id, token: pass.token });
    return { ok: true, data: await snapshot(found, turn.conversation.id, continued ? 0 : input.sinceSeq) };
  } catch (error) {
    return failure(error);
  }
}

/** New messages since `sinceSeq` and the current status: how operator replies reach the visitor. */
export async function loadChatUpdates(raw: {
  workspaceSlug: string;
  flowSlug: string;
  conversationId: string;
  sinceSeq: number;
}): Promise<ChatResult> {
  try {
    const input = conversationRef.parse(raw);
    const found = await findPublicFlow(input.workspaceSlug, input.flowSlug);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "This chat does not exist." });
    await authorize(found, input.conversationId);
    return { ok: true, data: await snapshot(found, input.conversationId, input.sinceSeq) };
  } catch (error) {
    return failure(error);
  }
}
