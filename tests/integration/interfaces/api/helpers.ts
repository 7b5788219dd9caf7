import { createApiKey } from "@/lib/features/settings/api-keys/create-api-key";
import { db } from "@/lib/platform/db/client";

export async function seedApiKey(options: { workspaceId: string; rateLimitPerMinute?: number; name?: string }) {
  return db().$transaction((tx) =>
    createApiKey(tx, {
      workspaceId: options.workspaceId,
      name: options.name ?? "Test key",
      createdById: null,
      rateLimitPerMinute: options.rateLimitPerMinute,
    }),
  );
}

export function apiRequest(
  path: string,
  options: {
    key?: string | null;
    method?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost${path}`, {
    method: options.method ?? (body !== undefined ? "POST" : "GET"),
    headers,
    body,
  });
}

export const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** Row counts that a rejected request must leave unchanged. */
export async function counts() {
  const [conversations, messages, steps, audit, events] = await Promise.all([
    db().conversation.count(),
    db().message.count(),
    db().step.count(),
    db().auditLog.count(),
    db().conversationEvent.count(),
  ]);
  return { conversations, messages, steps, audit, events };
}
