// The security headers of the public API's responses. proxy.ts does not run for /api/v1/ (its matcher): on the
// customer's hot path Next.js's proxy step (a NextRequest, a middleware response, headers copied twice) is CPU every
// turn paid for fixed headers, so the API wrapper (and the one public route outside it) stamp them itself.
import { processEnv } from "@/lib/platform/config";
import { publicOrigin } from "./public-origin";
import { securityHeaders, type Deployment } from "./security-headers";

/** This process's deployment, as proxy.ts and the API read it. */
export function currentDeployment(): Deployment {
  return {
    https: publicOrigin().startsWith("https:"),
    // `next dev` needs eval for React's debugging.
    dev: processEnv().NODE_ENV === "development",
  };
}

/** Sets the resource headers on a response the API built (Response headers are mutable until it is sent). */
export function withApiSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders({ kind: "resource" }, currentDeployment())))
    response.headers.set(name, value);
  return response;
}
