// Runs before every request except the public API's (pages, console API routes, the chat, Next.js's own files; the
// API under /api/v1/ sets the same headers itself: lib/platform/http/api-security-headers.ts). It only applies what
// lib/ decides: the security headers of lib/platform/http/security-headers.ts (pages get a fresh CSP nonce, which
// Next.js reads from the request's CSP header and puts on its scripts; public chat pages name the sites their
// workspace lets frame them, the one database read here, cached) and the 413 for a server action body over the limit.
import { NextResponse, type NextRequest } from "next/server";
import { chatEmbedOrigins } from "@/lib/features/chat/embed-origins";
import { isOversizedAction, oversizedActionResponse } from "@/lib/platform/http/oversized-action";
import { currentDeployment } from "@/lib/platform/http/api-security-headers";
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
  const deployment: Deployment = currentDeployment();
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

/** Everything but the public API (see the header comment). */
export const config = { matcher: ["/((?!api/v1/).*)"] };
