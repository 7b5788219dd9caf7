import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MessageSquare } from "lucide-react";
import { ChatWindow } from "@/components/chat/chat-window";
import { findPublicFlow } from "@/lib/features/chat/public-chat";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";

type Props = {
  params: Promise<{ workspaceSlug: string; flowSlug: string }>;
  /** `identity`: the host site's signed identity token for a signed-in shopper (README, "Customer identity"). */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

async function load(params: Props["params"]) {
  const { workspaceSlug, flowSlug } = await params;
  if (!SLUG.test(workspaceSlug) || !SLUG.test(flowSlug)) return null;
  return findPublicFlow(workspaceSlug, flowSlug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load(params);
  // A customer-facing page: the workspace's name, not Switchboard's.
  return {
    title: { absolute: found ? `${found.flow.name} · ${found.workspace.name}` : "Chat not found" },
    robots: { index: false },
  };
}

// Public: no sign-in. This is what a website visitor sees.
export default async function PublicChatPage({ params, searchParams }: Props) {
  const found = await load(params);
  const identity = (await searchParams).identity;
  if (!found) notFound();
  const available = found.published && found.acceptsWeb;

  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center gap-3 px-4 py-3">
          <span aria-hidden className="grid size-9 place-items-center rounded-full bg-indigo-600 text-white">
            <MessageSquare className="size-4" />
          </span>
          <div className="min-w-0">
            <h1 className="truncate text-sm font-semibold text-slate-900" data-testid="chat-workspace">
              {found.workspace.name}
            </h1>
            <p className="truncate text-xs text-slate-500" data-testid="chat-flow">
              {found.flow.name}
            </p>
          </div>
        </div>
      </header>
      {available ? (
        <ChatWindow
          workspaceSlug={found.workspace.slug}
          flowSlug={found.flow.slug}
          greeting={found.greeting}
          maxLength={MAX_MESSAGE_LENGTH}
          identityToken={typeof identity === "string" && identity.length <= 4096 ? identity : undefined}
        />
      ) : (
        <main id="main" className="mx-auto flex w-full max-w-2xl flex-1 items-center justify-center px-4">
          <p role="status" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
            This chat is not available right now. Please try again later.
          </p>
        </main>
      )}
    </div>
  );
}
