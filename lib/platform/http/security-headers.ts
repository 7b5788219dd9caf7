// The security headers of every response, built in one place and applied by proxy.ts. Pure: what a response gets
// depends only on what it is (a console page, a public chat page, or anything else) and on the deployment.
//
// Pages get a nonce-based Content Security Policy: Next.js reads the nonce from the request's CSP header and puts it on
// its own scripts; 'strict-dynamic' lets those load the rest, and nothing else runs (no inline script of ours needs
// one). Styles allow 'unsafe-inline': React writes `style` attributes into server-rendered HTML (the flow designer's
// canvas, progress bars), and a nonce does not cover attributes. Only public chat pages may be framed, and only by the
// origins their workspace lists (Settings → Web chat); everything else refuses framing twice over, with
// `frame-ancestors 'none'` and, for older browsers, X-Frame-Options.

/** What a response is, from its path. Chat pages carry their workspace slug, to look up the embedding origins. */
export type PathKind = { kind: "console" } | { kind: "chat"; workspaceSlug: string } | { kind: "resource" };

export type HeaderTarget =
  | { kind: "console"; nonce: string }
  | { kind: "chat"; nonce: string; embedOrigins: readonly string[] }
  | { kind: "resource" };

export type Deployment = {
  /** The public origin is https (lib/platform/http/public-origin.ts): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `next dev`: React's dev tooling needs eval. */
  dev: boolean;
};

const SLUG = /^[A-Za-z0-9_-]{1,100}$/;
/** An origin as a CSP source: scheme, host, optional port, nothing that could end the directive. */
const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
].join(", ");

export function classifyPath(pathname: string): PathKind {
  // API routes and Next.js's own files (scripts, styles, images): no HTML, so no nonce.
  if (pathname.startsWith("/api/") || pathname === "/api" || pathname.startsWith("/_next/"))
    return { kind: "resource" };
  const chat = /^\/chat\/([^/]+)(?:\/|$)/.exec(pathname);
  if (chat && SLUG.test(chat[1])) return { kind: "chat", workspaceSlug: chat[1] };
  return { kind: "console" };
}

/** A fresh nonce for one page response: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Only well-formed origins reach the header, whatever the database holds. */
export function frameAncestors(origins: readonly string[]): string {
  const valid = [...new Set(origins.map((o) => o.trim().toLowerCase()).filter((o) => ORIGIN.test(o)))];
  return valid.length > 0 ? valid.join(" ") : "'none'";
}

export function contentSecurityPolicy(target: HeaderTarget, deployment: Deployment): string {
  const ancestors = target.kind === "chat" ? frameAncestors(target.embedOrigins) : "'none'";
  const directives =
    target.kind === "resource"
      ? ["default-src 'none'", `frame-ancestors ${ancestors}`]
      : [
          "default-src 'self'",
          `script-src 'self' 'nonce-${target.nonce}' 'strict-dynamic'${deployment.dev ? " 'unsafe-eval'" : ""}`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self' data:",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          `frame-ancestors ${ancestors}`,
          ...(deployment.https ? ["upgrade-insecure-requests"] : []),
        ];
  return directives.join("; ");
}

export function securityHeaders(target: HeaderTarget, deployment: Deployment): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(target, deployment),
    "X-Content-Type-Options": "nosniff",
    // The chat keeps its address (workspace and flow) to itself, and still sends its own origin on its actions' POSTs,
    // which Next.js checks. "no-referrer" would turn that Origin into "null" and break every message.
    "Referrer-Policy": target.kind === "chat" ? "same-origin" : "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
  const embeddable = target.kind === "chat" && frameAncestors(target.embedOrigins) !== "'none'";
  // X-Frame-Options cannot name origins; browsers that know frame-ancestors ignore it anyway.
  if (!embeddable) headers["X-Frame-Options"] = "DENY";
  // A chat opened from a customer's site may stay linked to it; the console never is.
  if (target.kind !== "chat") headers["Cross-Origin-Opener-Policy"] = "same-origin";
  if (deployment.https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}
