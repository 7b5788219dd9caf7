// The public chat's limits, on the one limiter in lib/platform/http/rate-limiter.ts: conversations one address may
// start, messages per address and messages per conversation. A visitor who hits one sees a kind notice with the wait,
// not an error (components/chat/chat-window.tsx). Per process: see the README's "Headers and rate limits".
import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/platform/config";
import { clientAddress } from "@/lib/platform/http/client-address";
import { addressKey, enforceRate, type RateRule } from "@/lib/platform/http/rate-limiter";

const MINUTE_MS = 60_000;
const START_WINDOW_MS = 10 * MINUTE_MS;

export function slowDownMessage(seconds: number): string {
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `You're sending messages very quickly. Please wait ${wait} and try again.`;
}

function enforce(rule: RateRule, key: string, what: string): void {
  enforceRate(rule, key, (retry) => ({
    message: `web chat: ${what} over ${rule.limit} per ${rule.windowMs / MINUTE_MS} min`,
    userMessage: slowDownMessage(retry),
  }));
}

async function visitorAddress(): Promise<string> {
  return addressKey(clientAddress(await headers()) ?? "unknown");
}

/** Before a new conversation is opened for this visitor. */
export async function limitChatStart(): Promise<void> {
  const limit = config().CHAT_STARTS_PER_ADDRESS;
  enforce({ name: "chat.starts", limit, windowMs: START_WINDOW_MS }, await visitorAddress(), "conversation starts");
}

/** Before a message is read further: counts it against the visitor's address. */
export async function limitChatMessageFromAddress(): Promise<void> {
  const limit = config().CHAT_MESSAGES_PER_ADDRESS;
  enforce({ name: "chat.address", limit, windowMs: MINUTE_MS }, await visitorAddress(), "messages from one address");
}

/** Once the conversation is known to be this browser's: counts the message against it. */
export function limitChatMessageToConversation(conversationId: string): void {
  const limit = config().CHAT_MESSAGES_PER_CONVERSATION;
  enforce({ name: "chat.conversation", limit, windowMs: MINUTE_MS }, conversationId, "messages to one conversation");
}
