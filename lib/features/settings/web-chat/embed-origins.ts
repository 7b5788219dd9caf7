// The sites that may show the workspace's public chat in an iframe (Settings → Web chat): origins only, https, or
// http for a development host on SWITCHBOARD_HTTP_TOOL_ALLOWLIST (as webhooks allow). proxy.ts lists them in the chat
// pages' `frame-ancestors`; an empty list lets no site frame them.
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db/client";
import { allowlistFromEnv, isAllowlisted } from "@/lib/platform/net/host-allowlist";

export const MAX_EMBED_ORIGINS = 20;

/** One origin as typed (a trailing slash is fine) → its canonical form, or why it cannot be used. */
export function parseEmbedOrigin(
  raw: string,
  allowHosts: readonly string[] = allowlistFromEnv(),
): { origin: string } | { error: string } {
  const example = "e.g. https://www.example.com";
  if (raw.includes("*")) return { error: `${raw}: name each site; wildcards are not allowed.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `${raw} is not an origin (${example}).` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { error: `${raw}: use https:// (${example}).` };
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    return { error: `${raw}: enter only the scheme and host, without a path (${example}).` };
  }
  if (url.protocol === "http:" && !isAllowlisted(url, allowHosts)) {
    return {
      error: `${raw}: use https://. Plain http:// is only for development hosts on SWITCHBOARD_HTTP_TOOL_ALLOWLIST.`,
    };
  }
  return { origin: url.origin };
}

export const embedOriginsSchema = z.object({
  /** One origin per line (commas and spaces separate too); empty: no site. */
  origins: z
    .string({ error: "Enter the origins, one per line." })
    .max(5000, "That is too long.")
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
        const parsed = parseEmbedOrigin(entry);
        if ("error" in parsed) {
          ctx.addIssue({ code: "custom", message: parsed.error });
          return z.NEVER;
        }
        if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
      }
      if (origins.length > MAX_EMBED_ORIGINS) {
        ctx.addIssue({ code: "custom", message: `List at most ${MAX_EMBED_ORIGINS} sites.` });
        return z.NEVER;
      }
      return origins;
    }),
});

export async function setChatEmbedOrigins(tx: Tx, workspaceId: string, origins: string[]) {
  const before = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { slug: true, chatEmbedOrigins: true },
  });
  const changed = before.chatEmbedOrigins.join(" ") !== origins.join(" ");
  if (changed) await tx.workspace.update({ where: { id: workspaceId }, data: { chatEmbedOrigins: origins } });
  return { slug: before.slug, before: { origins: before.chatEmbedOrigins }, after: { origins }, changed };
}
