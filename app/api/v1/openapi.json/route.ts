import { openApiDocument } from "@/lib/interfaces/api/openapi";
import { withApiSecurityHeaders } from "@/lib/platform/http/api-security-headers";

export const dynamic = "force-dynamic";

// Public: the OpenAPI 3.1 document, generated from the handlers' zod schemas.
export function GET(request: Request) {
  return withApiSecurityHeaders(
    Response.json(openApiDocument(new URL(request.url).origin), {
      headers: { "Cache-Control": "public, max-age=300" },
    }),
  );
}
