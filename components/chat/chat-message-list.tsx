// The conversation as a list: the greeting, the messages (the visitor's own on the right, a team member's marked),
// the reply being typed and the loading and "typing…" notes.
"use client";
import { Headset, LoaderCircle } from "lucide-react";
import type { Ref } from "react";
import { clsx } from "clsx";
import { FALLBACK_ASSISTANT_SENDER } from "@/lib/model/sender-name";
import type { Shown, Typing } from "./chat-state";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function ChatMessageList({
  ref,
  greeting,
  messages,
  typing,
  restoring,
  waiting,
}: {
  ref: Ref<HTMLOListElement>;
  /** Shown until the conversation has messages of its own. */
  greeting: { text: string; author: string } | null;
  messages: Shown[];
  /** Replies being typed, with text to show. */
  typing: Typing[];
  restoring: boolean;
  /** A reply is on its way but none of its text can be shown: a plain "typing…" note. */
  waiting: boolean;
}) {
  return (
    <ol
      ref={ref}
      aria-live="polite"
      aria-relevant="additions"
      aria-label="Conversation"
      className="mx-auto w-full max-w-2xl flex-1 space-y-3 overflow-y-auto px-4 py-6 [scrollbar-gutter:stable]"
      data-testid="chat-messages"
    >
      {greeting ? (
        <li data-testid="chat-message" data-role="agent" className="flex justify-start">
          <div className="max-w-[85%]">
            <div className="mb-1 text-xs text-slate-500">{greeting.author}</div>
            <p className="whitespace-pre-wrap rounded-2xl rounded-tl-sm bg-white px-4 py-2.5 text-sm text-slate-800 shadow-xs ring-1 ring-slate-200">
              {greeting.text}
            </p>
          </div>
        </li>
      ) : null}
      {messages.map((m) => {
        const mine = m.role === "customer";
        // The server has resolved the sender (customerFacingSender); people are also marked as people.
        const label = m.role === "operator" ? `${m.author} (team member)` : m.author;
        return (
          <li
            key={m.pending ? "pending" : m.id}
            data-testid="chat-message"
            data-role={m.role}
            data-pending={m.pending ? "true" : undefined}
            className={clsx("flex", mine ? "justify-end" : "justify-start")}
          >
            <div className="max-w-[85%]">
              {mine ? (
                <span className="sr-only">You said:</span>
              ) : (
                <div className="mb-1 flex items-center gap-1 text-xs text-slate-500">
                  {m.role === "operator" ? <Headset aria-hidden className="size-3" /> : null}
                  {label}
                </div>
              )}
              <p
                className={clsx(
                  "whitespace-pre-wrap break-words rounded-2xl px-4 py-2.5 text-sm shadow-xs",
                  mine
                    ? "rounded-tr-sm bg-indigo-600 text-white"
                    : m.role === "operator"
                      ? "rounded-tl-sm bg-emerald-50 text-slate-800 ring-1 ring-emerald-200"
                      : m.role === "system"
                        ? "bg-slate-200 text-slate-700"
                        : "rounded-tl-sm bg-white text-slate-800 ring-1 ring-slate-200",
                  m.pending && "opacity-70",
                )}
              >
                {m.text}
              </p>
              <div className={clsx("mt-0.5 text-[11px] text-slate-500", mine && "text-right")}>
                {m.pending ? "Sending…" : timeFormat.format(new Date(m.createdAt))}
              </div>
            </div>
          </li>
        );
      })}
      {/* Hidden from screen readers: the list announces the committed message, not every token. */}
      {typing.map((t) => (
        <li key={t.stepId} aria-hidden="true" data-testid="chat-typing" className="flex justify-start">
          <div className="max-w-[85%]">
            <div className="mb-1 flex items-center gap-1 text-xs text-slate-500">
              <LoaderCircle className="size-3 animate-spin" />
              {t.author ?? FALLBACK_ASSISTANT_SENDER} is typing…
            </div>
            <p className="whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm border border-dashed border-indigo-300 bg-indigo-50/70 px-4 py-2.5 text-sm text-slate-700">
              {t.text}
              <span className="ml-0.5 inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-indigo-400 motion-reduce:animate-none" />
            </p>
          </div>
        </li>
      ))}
      {restoring ? (
        <li className="flex items-center gap-2 text-sm text-slate-500">
          <LoaderCircle aria-hidden className="size-4 animate-spin" /> Loading your conversation…
        </li>
      ) : null}
      {waiting ? (
        <li className="flex items-center gap-2 text-xs text-slate-500" aria-hidden>
          <LoaderCircle className="size-3.5 animate-spin" /> Assistant is typing…
        </li>
      ) : null}
    </ol>
  );
}
