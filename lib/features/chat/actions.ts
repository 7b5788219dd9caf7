"use server";
// The public chat's server actions. There is no member here (a website visitor), so these are not defineAction:
// each validates its input, resolves the workspace by slug, checks the conversation belongs to that workspace and
// flow, calls the engine, and maps any error to a message that is safe to show.
import { z } from "zod";
import {
  chatConversationExists,
  findPublicFlow,
  loadChatMessages,
  type ChatSnapshot,
  type PublicFlow,
} from "@/lib/features/chat/public-chat";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { AppError, toAppError } from "@/lib/model/errors";

export type ChatResult = { ok: true; data: ChatSnapshot } | { ok: false; code: string; message: string };

const slug = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
const target = z.object({ workspaceSlug: slug, flowSlug: slug });
const conversationRef = target.extend({
  conversationId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  sinceSeq: z.number().int().min(0).max(1_000_000).default(0),
});
const sendInput = conversationRef.extend({
  text: z
    .string()
    .trim()
    .min(1, "Type a message first.")
    .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`),
});

function failure(error: unknown): ChatResult {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[chat]", appError.message);
  // A validation error's first field message is more useful to a visitor than "Some fields are not valid."
  const fieldMessage = appError.fieldErrors ? Object.values(appError.fieldErrors)[0]?.[0] : undefined;
  return {
    ok: false,
    code: appError.code,
    message: appError.code === "VALIDATION" && fieldMessage ? fieldMessage : appError.userMessage,
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
  if (!data) throw new AppError("NOT_FOUND", { userMessage: "This conversation could not be found. Start a new one." });
  return data;
}

/** Opens a conversation on the flow's published version; returns the greeting. */
export async function startChat(raw: { workspaceSlug: string; flowSlug: string }): Promise<ChatResult> {
  try {
    const input = target.parse(raw);
    const found = await resolveFlow(input.workspaceSlug, input.flowSlug);
    const started = await startConversation({
      workspaceId: found.workspace.id,
      flowSlug: found.flow.slug,
      channel: "web",
    });
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
    const found = await resolveFlow(input.workspaceSlug, input.flowSlug);
    // Belongs to this workspace and flow? (The engine checks the workspace; the flow is checked here.)
    const belongs = await chatConversationExists({
      workspaceId: found.workspace.id,
      flowId: found.flow.id,
      conversationId: input.conversationId,
    });
    if (!belongs)
      throw new AppError("NOT_FOUND", { userMessage: "This conversation could not be found. Start a new one." });
    // A slow turn returns early; its replies reach the page through loadChatUpdates like an operator's would.
    const turn = await sendCustomerMessage({
      workspaceId: found.workspace.id,
      conversationId: input.conversationId,
      text: input.text,
      actor: { type: "customer", id: null, label: "web customer" },
    });
    // Written long after the end, the message continues in a new conversation: the page follows it there.
    const continued = turn.conversation.id !== input.conversationId;
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
    return { ok: true, data: await snapshot(found, input.conversationId, input.sinceSeq) };
  } catch (error) {
    return failure(error);
  }
}
