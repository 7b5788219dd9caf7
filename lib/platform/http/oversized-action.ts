// Server action bodies over the limit, refused before Next.js reads them. Next.js answers its own body-size error
// with a 500; proxy.ts answers 413 instead, with a text/plain body, which is what Next.js's client throws as the
// action's error message (so the chat can show it as a notice). Every POST outside /api/ is a server action (a fetch
// with a Next-Action header, or a form posted before the page has loaded its scripts).
//
// Only a declared Content-Length can be checked here without reading the body. Browsers always declare it for an
// action; a chunked body without one still meets Next.js's own limit, with its 500.
import { MESSAGE_TOO_LARGE, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/model/limits";

export function isOversizedAction(
  request: { method: string; pathname: string; headers: Headers },
  limitBytes = SERVER_ACTION_BODY_LIMIT_BYTES,
): boolean {
  if (request.method !== "POST" || request.pathname.startsWith("/api/")) return false;
  const declared = Number(request.headers.get("content-length") ?? "");
  return Number.isFinite(declared) && declared > limitBytes;
}

export function oversizedActionResponse(headers: Record<string, string>): Response {
  // Exactly "text/plain": Next.js's client reads the message only then.
  return new Response(MESSAGE_TOO_LARGE, {
    status: 413,
    headers: { ...headers, "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
