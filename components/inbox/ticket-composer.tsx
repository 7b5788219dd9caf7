"use client";
// The bottom of the ticket's middle pane: "Reply" or "Internal note", one at a time. r opens the reply and focuses
// it, n the note; Esc inside either box leaves it so single keys work again.
import { clsx } from "clsx";
import { useRef, useState, type ComponentProps } from "react";
import { NoteComposer } from "./note-composer";
import { ReplyComposer } from "./reply-composer";
import { useShortcuts } from "./use-shortcuts";

type Tab = "reply" | "note";

export function TicketComposer({
  reply,
  note,
}: {
  /** null when this person cannot reply here (closed, or no permission): the note tab still works. */
  reply: Omit<ComponentProps<typeof ReplyComposer>, "boxRef" | "active"> | null;
  note: { conversationId: string; author: string; maxLength: number } | null;
}) {
  const [tab, setTab] = useState<Tab>(reply ? "reply" : "note");
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const open = (next: Tab) => {
    setTab(next);
    requestAnimationFrame(() => (next === "reply" ? replyRef : noteRef).current?.focus());
  };

  useShortcuts({
    ...(reply ? { r: (e: KeyboardEvent) => (e.preventDefault(), open("reply")) } : {}),
    ...(note ? { n: (e: KeyboardEvent) => (e.preventDefault(), open("note")) } : {}),
  });

  if (!reply && !note) return null;
  const tabs: { key: Tab; label: string; shortcut: string; enabled: boolean }[] = [
    { key: "reply", label: "Reply", shortcut: "r", enabled: !!reply },
    { key: "note", label: "Internal note", shortcut: "n", enabled: !!note },
  ];
  return (
    <div className="border-t border-slate-200 bg-white px-4 pb-3 pt-2" data-testid="ticket-composer">
      <div role="tablist" aria-label="Write" className="mb-2 flex gap-1">
        {tabs
          .filter((t) => t.enabled)
          .map((t) => (
            <button
              key={t.key}
              type="button"
              role="tab"
              aria-selected={tab === t.key}
              onClick={() => open(t.key)}
              className={clsx(
                "rounded-md px-2.5 py-1 text-sm font-medium",
                tab === t.key ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100",
              )}
              data-testid={`composer-tab-${t.key}`}
            >
              {t.label} <kbd className="ml-1 font-mono text-[10px] opacity-70">{t.shortcut}</kbd>
            </button>
          ))}
      </div>
      {reply ? (
        <div role="tabpanel" hidden={tab !== "reply"}>
          <ReplyComposer {...reply} boxRef={replyRef} active={tab === "reply"} />
        </div>
      ) : null}
      {note ? (
        <div role="tabpanel" hidden={tab !== "note"}>
          <NoteComposer {...note} boxRef={noteRef} />
        </div>
      ) : null}
    </div>
  );
}
