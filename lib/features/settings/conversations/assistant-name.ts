// The workspace's assistant name: the sender customers see on the flow's replies, unless a flow or node names its own.
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db/client";
import { MAX_SENDER_NAME_LENGTH } from "@/lib/model/sender-name";

export const assistantNameSchema = z.object({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(MAX_SENDER_NAME_LENGTH, `Use at most ${MAX_SENDER_NAME_LENGTH} characters.`),
});

// Messages keep the name they were sent with: a change shows on replies written after it, never on the transcript.
export async function setAssistantName(tx: Tx, workspaceId: string, name: string) {
  const before = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { assistantName: true },
  });
  const changed = before.assistantName !== name;
  if (changed) await tx.workspace.update({ where: { id: workspaceId }, data: { assistantName: name } });
  return { before: { name: before.assistantName }, after: { name }, changed };
}
