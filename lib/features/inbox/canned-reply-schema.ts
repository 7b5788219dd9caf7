// One schema for a canned reply, shared by the form and the server actions.
import { z } from "zod";

export const CANNED_TITLE_MAX = 80;
export const CANNED_BODY_MAX = 2000;

export const cannedReplySchema = z.object({
  title: z.string().trim().min(1, "Give it a title.").max(CANNED_TITLE_MAX, `At most ${CANNED_TITLE_MAX} characters.`),
  body: z.string().trim().min(1, "Write the reply.").max(CANNED_BODY_MAX, `At most ${CANNED_BODY_MAX} characters.`),
});

export type CannedReplyInput = z.infer<typeof cannedReplySchema>;
