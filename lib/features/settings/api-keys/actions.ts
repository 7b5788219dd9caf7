"use server";
// API keys: create (the full key is returned once and never stored or audited) and revoke. Admins only
// (members.manage, the admin-only permission).
import { defineAction } from "@/lib/features/define-action";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/features/settings/api-keys/api-key-schema";
import { createApiKey } from "@/lib/features/settings/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/features/settings/api-keys/revoke-api-key";

export const createApiKeyAction = defineAction({
  permission: "members.manage",
  schema: createApiKeySchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const { apiKey, key } = await createApiKey(tx, {
      workspaceId: member.workspaceId,
      name: input.name,
      createdById: member.userId,
    });
    return {
      data: { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, key },
      audit: {
        action: "api_key.created",
        resourceType: "api_key",
        resourceId: apiKey.id,
        after: { name: apiKey.name, prefix: apiKey.prefix, rateLimitPerMinute: apiKey.rateLimitPerMinute },
      },
    };
  },
});

export const revokeApiKeyAction = defineAction({
  permission: "members.manage",
  schema: revokeApiKeySchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await revokeApiKey(tx, { workspaceId: member.workspaceId, apiKeyId: input.apiKeyId });
    return {
      data: { id: result.apiKey.id, revokedAt: result.apiKey.revokedAt.toISOString() },
      audit: result.changed
        ? {
            action: "api_key.revoked",
            resourceType: "api_key",
            resourceId: result.apiKey.id,
            before: { name: result.apiKey.name, prefix: result.apiKey.prefix, revokedAt: null },
            after: { revokedAt: result.apiKey.revokedAt.toISOString() },
          }
        : [],
    };
  },
});
