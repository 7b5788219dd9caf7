import type { Metadata } from "next";
import Link from "next/link";
import { CannedReplyManager } from "@/components/inbox/canned-reply-manager";
import { linkClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { listCannedReplies } from "@/lib/features/inbox/canned-replies";

export const metadata: Metadata = { title: "Canned replies" };

export default async function CannedRepliesPage() {
  const member = await requirePageMember("canned_reply.manage", "/inbox/canned");
  const replies = await listCannedReplies(member.workspaceId);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/inbox" className={linkClass}>
            Inbox
          </Link>
        }
        title="Canned replies"
        description="Answers operators insert into a reply: type / in the reply box and a few letters of the title. Placeholders such as {{customer.first_name}} are filled from the conversation's customer."
      />
      <CannedReplyManager replies={replies.map((r) => ({ id: r.id, title: r.title, body: r.body }))} canManage />
    </>
  );
}
