import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  displayPrefix,
  generateApiKey,
  hashApiKey,
} from "@/lib/platform/crypto/api-key-format";

export type ApiKeySummary = { id: string; name: string; prefix: string; rateLimitPerMinute: number; createdAt: Date };

/**
 * Creates a key and returns it in full exactly once; only its sha-256 is stored. `key` is for SEED_API_KEY and tests
 * (validated by the caller); otherwise a fresh random key is generated.
 */
export async function createApiKey(
  tx: Tx,
  options: { workspaceId: string; name: string; createdById: string | null; key?: string; rateLimitPerMinute?: number },
): Promise<{ apiKey: ApiKeySummary; key: string }> {
  const key = options.key ?? generateApiKey();
  try {
    const row = await tx.apiKey.create({
      data: {
        workspaceId: options.workspaceId,
        name: options.name,
        prefix: displayPrefix(key),
        hash: hashApiKey(key),
        createdById: options.createdById,
        rateLimitPerMinute: options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      },
    });
    return {
      apiKey: {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        rateLimitPerMinute: row.rateLimitPerMinute,
        createdAt: row.createdAt,
      },
      key,
    };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", { message: "API key hash collision", userMessage: "That key already exists." });
    }
    throw error;
  }
}
