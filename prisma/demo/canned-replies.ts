// The demo workspace's canned replies. Upserted by title: seeding again adds only missing ones, never duplicates,
// and never overwrites what an operator edited.
import type { Db } from "@/lib/platform/db/client";

export const DEMO_CANNED_REPLIES: { title: string; body: string }[] = [
  {
    title: "Greeting",
    body: "Hi, I'm {{operator.name}} from the Acme team. I've read the conversation so far; give me a moment to look into it.",
  },
  {
    title: "Looking into it",
    body: "Thanks for your patience. I'm checking this with the team now and will update you here within a few minutes.",
  },
  {
    title: "Refund on its way",
    body: "Good news {{customer.first_name}}: your refund has been approved. It usually shows on your statement within 3–5 business days.",
  },
  {
    title: "Closing",
    body: "Is there anything else I can help you with today? If not, I'll close this conversation. Thanks for contacting Acme!",
  },
];

export async function seedCannedReplies(client: Db, workspaceId: string): Promise<void> {
  for (const reply of DEMO_CANNED_REPLIES) {
    await client.cannedReply.upsert({
      where: { workspaceId_title: { workspaceId, title: reply.title } },
      create: { workspaceId, ...reply },
      update: {},
    });
  }
}
