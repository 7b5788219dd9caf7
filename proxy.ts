// Runs before every request (no matcher: pages, API routes, the chat, Next.js's own files). It only applies what
// lib/ decides: the security headers of lib/platform/http/security-headers.ts (pages get a fresh CSP nonce, which
// Next.js reads from the request's CSP header and puts on its scripts; public chat pages name the sites their
// workspace lets frame them, the one database read here, cached) and the 413 for a server action body over the limit.
import { NextResponse, type NextRequest } from "next/server";
import { chatEmbedOrigins } from "@/lib/features/chat/embed-origins";
import { isOversizedAction, oversizedActionResponse } from "@/lib/platform/http/oversized-action";
import { publicOrigin } from "@/lib/platform/http/public-origin";
import {
  classifyPath,
  newNonce,
  securityHeaders,
  type Deployment,
  type HeaderTarget,
} from "@/lib/platform/http/security-headers";

async function headerTarget(request: NextRequest): Promise<HeaderTarget> {
  const path = classifyPath(request.nextUrl.pathname);
  if (path.kind === "resource") return path;
  if (path.kind === "console") return { kind: "console", nonce: newNonce() };
  return { kind: "chat", nonce: newNonce(), embedOrigins: await chatEmbedOrigins(path.workspaceSlug) };
}

export async function proxy(request: NextRequest): Promise<Response> {
  const deployment: Deployment = {
    https: publicOrigin().startsWith("https:"),
    // Inlined by Next.js at build time; `next dev` needs eval for React's debugging.
    dev: process.env.NODE_ENV === "development",
  };
  const pathname = request.nextUrl.pathname;
  if (isOversizedAction({ method: request.method, pathname, headers: request.headers })) {
    return oversizedActionResponse(securityHeaders({ kind: "resource" }, deployment));
  }
  const target = await headerTarget(request);
  const headers = securityHeaders(target, deployment);
  let response: NextResponse;
  if (target.kind === "resource") {
    response = NextResponse.next();
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("x-nonce", target.nonce);
    forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
