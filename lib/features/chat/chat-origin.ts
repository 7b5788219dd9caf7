// What the web chat records about where a visitor came from, at the start of their conversation: the chat's page and
// the page that led there (as the browser reports them) and the browser's User-Agent (from the request). URLs keep
// their origin and path only: query strings and fragments carry session ids, tokens and e-mail addresses.
import "server-only";
import { headers } from "next/headers";
import { z } from "zod";

export const ORIGIN_URL_MAX = 2000;
export const USER_AGENT_MAX = 300;

const webUrl = z
  .string()
  .trim()
  .max(ORIGIN_URL_MAX, `Page addresses are limited to ${ORIGIN_URL_MAX} characters.`)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "Not a web page address.");

/** The part of the chat's start input the browser fills in; both optional (a direct visit has no referrer). */
export const chatOriginSchema = z
  .object({ pageUrl: webUrl.optional(), referrer: webUrl.optional() })
  .strict()
  .optional();

export type ChatOriginInput = z.infer<typeof chatOriginSchema>;
export type ConversationOrigin = { pageUrl: string | null; referrer: string | null; userAgent: string | null };

/** Origin and path of a validated web address, without query or fragment. */
export function stripUrl(value: string | undefined): string | null {
  if (!value) return null;
  const url = new URL(value);
  return `${url.origin}${url.pathname}`.slice(0, ORIGIN_URL_MAX);
}

/** The origin to store with a new web conversation: the validated input and the request's User-Agent. */
export async function readChatOrigin(input: ChatOriginInput): Promise<ConversationOrigin> {
  const userAgent = (await headers()).get("user-agent")?.trim().slice(0, USER_AGENT_MAX) || null;
  return { pageUrl: stripUrl(input?.pageUrl), referrer: stripUrl(input?.referrer), userAgent };
}
