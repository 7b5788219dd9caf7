import "server-only";
import { createHash } from "node:crypto";
import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { db } from "@/lib/db/client";
import { handleCustomerMessage } from "@/lib/engine/handle-customer-message";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PostMessageBody } from "./schemas";

export type ApiMessageResult = {
  conversation: { id: string; status: string };
  replies: { id: string; role: string; author: string | null; text: string; createdAt: Date | string }[];
};

const WAIT_FOR_FIRST_MS = 20_000;
const POLL_MS = 50;
const STALE_CLAIM_MS = 120_000;

function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

async function runTurn(key: ApiKeyPrincipal, conversationId: string, text: string): Promise<ApiMessageResult> {
  const turn = await handleCustomerMessage({ workspaceId: key.workspaceId, conversationId, text });
  return { conversation: turn.conversation, replies: turn.replies };
}

/**
 * One customer message through the engine. With an idempotency key the first request claims the key by inserting
 * its row (the primary key makes concurrent duplicates collide), runs the turn and stores the result; duplicates
 * wait for and return that stored result. A failed first attempt releases the key so a retry can run.
 */
export async function postApiMessage(options: { key: ApiKeyPrincipal; conversationId: string; input: PostMessageBody }): Promise<ApiMessageResult> {
  const { key, conversationId, input } = options;
  const conversation = await db().conversation.findFirst({ where: { id: conversationId, workspaceId: key.workspaceId }, select: { id: true } });
  if (!conversation) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
  if (!input.idempotencyKey) return runTurn(key, conversationId, input.text);

  const where = { conversationId_key: { conversationId, key: input.idempotencyKey } };
  const requestHash = textHash(input.text);
  try {
    await db().messageIdempotency.create({ data: { conversationId, key: input.idempotencyKey, requestHash } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    return waitForFirst(where, requestHash);
  }
  try {
    const result = await runTurn(key, conversationId, input.text);
    await db().messageIdempotency.update({ where, data: { response: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue } });
    return result;
  } catch (error) {
    await db().messageIdempotency.delete({ where }).catch(() => {});
    throw error;
  }
}

async function waitForFirst(
  where: { conversationId_key: { conversationId: string; key: string } },
  requestHash: string,
): Promise<ApiMessageResult> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const row = await db().messageIdempotency.findUnique({ where });
    if (row && row.requestHash !== requestHash) {
      throw new AppError("CONFLICT", { userMessage: "This idempotencyKey was already used with a different message text." });
    }
    if (row?.response) return row.response as unknown as ApiMessageResult;
    if (!row) {
      // The first attempt failed and released the key: report it as retryable rather than running a turn here.
      throw new AppError("CONFLICT", { userMessage: "The first request with this idempotencyKey failed; send it again." });
    }
    if (Date.now() - row.createdAt.getTime() > STALE_CLAIM_MS) {
      // A claim whose process died mid-turn (a turn times out after 15 s): release it so a retry can run.
      await db().messageIdempotency.deleteMany({ where: { ...where.conversationId_key, response: { equals: Prisma.DbNull } } });
      throw new AppError("CONFLICT", { userMessage: "The first request with this idempotencyKey did not finish; send it again." });
    }
    if (Date.now() > deadline) {
      throw new AppError("CONFLICT", { userMessage: "A request with this idempotencyKey is still being processed; try again shortly." });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
