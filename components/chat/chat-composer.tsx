// The chat page's footer: the notice while a person has the conversation (or, once it has ended, that writing again
// picks it up, and an offer to start a new one), a notice to slow down, the message box with Send, the error and the
// characters left.
"use client";
import { Headset, Hourglass, LoaderCircle, SendHorizontal } from "lucide-react";
import { useId, type Ref } from "react";
import { clsx } from "clsx";

export function ChatComposer({
  inputRef,
  status,
  ended,
  escalated,
  text,
  onTextChange,
  error,
  notice,
  sending,
  restoring,
  maxLength,
  onSend,
  onStartOver,
}: {
  inputRef: Ref<HTMLTextAreaElement>;
  status: string | null;
  ended: boolean;
  escalated: boolean;
  text: string;
  onTextChange: (text: string) => void;
  error: string | null;
  /** Not an error: the message was refused for its pace or size and is back in the box to send again. */
  notice: string | null;
  sending: boolean;
  restoring: boolean;
  maxLength: number;
  onSend: () => void;
  onStartOver: () => void;
}) {
  const inputId = useId();
  const errorId = useId();
  const counterId = useId();
  const remaining = maxLength - text.length;
  return (
    <div className="border-t border-slate-200 bg-white">
      <div className="mx-auto w-full max-w-2xl px-4 py-3">
        {escalated ? (
          <p
            role="status"
            className="mb-3 flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="chat-escalated"
          >
            <Headset aria-hidden className="size-4 shrink-0" />A member of our team will reply here. You can keep
            writing in the meantime.
          </p>
        ) : null}
        {ended ? (
          <div
            role="status"
            className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm text-slate-700"
            data-testid="chat-ended"
          >
            <span>
              This conversation has ended{status === "resolved" ? "" : ` (${status})`}. Write again to pick it up where
              you left off.
            </span>
            <button
              type="button"
              onClick={onStartOver}
              className="inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-xs font-medium text-white hover:bg-indigo-500"
              data-testid="chat-new"
            >
              Start a new conversation
            </button>
          </div>
        ) : null}
        {notice ? (
          <p
            role="status"
            className="mb-3 flex items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
            data-testid="chat-notice"
          >
            <Hourglass aria-hidden className="size-4 shrink-0" />
            {notice}
          </p>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSend();
          }}
          className="flex items-end gap-2"
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={inputId} className="sr-only">
              Your message
            </label>
            <textarea
              ref={inputRef}
              id={inputId}
              value={text}
              onChange={(e) => onTextChange(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  onSend();
                }
              }}
              rows={2}
              maxLength={maxLength}
              disabled={sending || restoring}
              placeholder="Write a message… (Enter to send, Shift+Enter for a new line)"
              aria-invalid={error ? true : undefined}
              aria-describedby={
                [error ? errorId : null, remaining < 200 ? counterId : null].filter(Boolean).join(" ") || undefined
              }
              className="block max-h-40 w-full resize-none rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20 disabled:bg-slate-50"
              data-testid="chat-input"
            />
          </div>
          <button
            type="submit"
            disabled={sending || restoring || !text.trim()}
            className="inline-flex h-10 items-center gap-1.5 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
            data-testid="chat-send"
          >
            {sending ? (
              <LoaderCircle aria-hidden className="size-4 animate-spin" />
            ) : (
              <SendHorizontal aria-hidden className="size-4" />
            )}
            {sending ? "Sending" : "Send"}
          </button>
        </form>
        <div className="mt-1.5 flex min-h-4 items-start justify-between gap-3 text-xs">
          <p id={errorId} role="alert" className="font-medium text-rose-700" data-testid="chat-error">
            {error}
          </p>
          {remaining < 200 ? (
            <p
              id={counterId}
              className={clsx("shrink-0 tabular-nums", remaining <= 0 ? "text-rose-700" : "text-slate-500")}
            >
              {remaining} characters left
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
