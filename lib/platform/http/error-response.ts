// The JSON error body every route handler answers with (public API, A2A cards, the console's own routes, the chat
// stream): `{ "error": { "code", "message", "fields"? } }`, never cached.
export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra?: { fields?: Record<string, string[]>; headers?: Record<string, string> },
): Response {
  return Response.json(
    { error: { code, message, ...(extra?.fields ? { fields: extra.fields } : {}) } },
    { status, headers: { "Cache-Control": "no-store", ...extra?.headers } },
  );
}
