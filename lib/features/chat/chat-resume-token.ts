// The web chat's resume token: what lets one browser, and no one else, come back to its conversation from any tab and
// after a reload. The token is random, only its hash is stored on the conversation, and the browser keeps
// `<conversationId>.<token>` in an HttpOnly cookie per workspace and flow: page scripts never see it (a script injected
// into the page cannot take it away), every tab shares it, and the stream route's EventSource sends it by itself.
import "server-only";
import { cookies, headers } from "next/headers";
import { db } from "@/lib/platform/db/client";
import { bearerTokenMatches, generateBearerToken, hashBearerToken } from "@/lib/platform/crypto/bearer-token";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import type { PublicFlow } from "./public-chat";

/** Long enough to come back after the reopen window (7 days by default) and still find the conversation. */
export const CHAT_COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;

/** What the cookie holds: the conversation and the token that opens it. */
export type ChatPass = { conversationId: string; token: string };

type ChatScope = Pick<PublicFlow, "workspace" | "flow">;

const PASS = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;

/**
 * `sb_chat_<workspace>_<flow>`, from the slugs as stored (not as typed in the URL). Slugs are letters, digits, `-` and
 * `_`, all allowed in a cookie name; flow slugs never hold `_`, so two workspace and flow pairs never share a name.
 */
export function chatCookieName(scope: ChatScope): string {
  return `sb_chat_${scope.workspace.slug}_${scope.flow.slug}`;
}

export function parseChatPass(value: string | undefined | null): ChatPass | null {
  const match = value ? PASS.exec(value) : null;
  return match ? { conversationId: match[1], token: match[2] } : null;
}

/** A new token for a new conversation: the token goes to the cookie, the hash to the conversation. */
export function issueChatToken(): { token: string; hash: string } {
  const token = generateBearerToken();
  return { token, hash: hashBearerToken(token) };
}

async function cookieOptions() {
  // Secure whenever the page came over https (directly or, as Next.js reports it, through a proxy); a plain-http
  // development server would never get a Secure cookie back.
  const proto = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim();
  // Over https the cookie also works inside a host site's frame (Settings → Web chat's embedding origins): SameSite=None
  // with Secure, partitioned per top-level site (CHIPS) so it is never a cross-site tracking cookie.
  return proto === "https"
    ? { httpOnly: true, sameSite: "none" as const, secure: true, partitioned: true, path: "/" }
    : { httpOnly: true, sameSite: "lax" as const, secure: false, path: "/" };
}

export async function rememberChat(scope: ChatScope, pass: ChatPass): Promise<void> {
  (await cookies()).set(chatCookieName(scope), `${pass.conversationId}.${pass.token}`, {
    ...(await cookieOptions()),
    maxAge: CHAT_COOKIE_MAX_AGE_S,
  });
}

export async function forgetChat(scope: ChatScope): Promise<void> {
  const jar = await cookies();
  const name = chatCookieName(scope);
  if (jar.has(name)) jar.delete({ name, ...(await cookieOptions()) });
}

/**
 * The cookie's conversation when its token opens it (this workspace and flow, a customer's), else null. With
 * `clearStale`, a cookie that opens nothing (malformed, a wrong token, the conversation erased) is cleared, so the page
 * starts afresh instead of failing on every call.
 */
export async function currentChatPass(scope: ChatScope, options: { clearStale: boolean }): Promise<ChatPass | null> {
  const raw = (await cookies()).get(chatCookieName(scope))?.value;
  if (!raw) return null;
  const pass = parseChatPass(raw);
  const conversation = pass
    ? await db().conversation.findFirst({
        where: {
          id: pass.conversationId,
          workspaceId: scope.workspace.id,
          flowId: scope.flow.id,
          ...NOT_TEST_CONVERSATION,
        },
        select: { chatTokenHash: true },
      })
    : null;
  if (pass && bearerTokenMatches(pass.token, conversation?.chatTokenHash)) return pass;
  if (options.clearStale) await forgetChat(scope);
  return null;
}
