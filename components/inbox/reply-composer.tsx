"use client";
// The reply to the customer. Ctrl/⌘+Enter sends; "/" at the start of an empty box (or "/" anywhere on the page)
// opens the canned replies; "r" focuses the box. The reply goes through the engine (an operator_reply event) to the
// chat page or API channel, and claims the escalation if nobody had. The reply shows in the timeline at once
// (react-query's optimistic update) and is rolled back if the server refuses it.
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type RefObject } from "react";
import { replyToCustomerAction } from "@/lib/features/inbox/actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import type { CannedReplyOption } from "@/lib/features/inbox/filter-canned";
import { fillPlaceholders, type PlaceholderValues } from "@/lib/features/inbox/placeholders";
import { CannedPicker } from "./canned-picker";
import { useShortcuts } from "./use-shortcuts";
import { useOptimisticTimeline } from "./use-ticket-timeline";

export function ReplyComposer({
  conversationId,
  replies,
  placeholders,
  blocked,
  maxLength,
  boxRef: givenRef,
  active = true,
}: {
  conversationId: string;
  /** The engine's message limit, passed by the page (client code does not import the engine). */
  maxLength: number;
  replies: CannedReplyOption[];
  placeholders: PlaceholderValues;
  /** Why this person cannot reply (someone else owns it); the box stays readable but disabled. */
  blocked: string | null;
  /** When a parent places the box (the ticket's composer tabs), it also owns the "r" shortcut. */
  boxRef?: RefObject<HTMLTextAreaElement | null>;
  /** false while a parent shows another tab: "/" then opens nothing. */
  active?: boolean;
}) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [picking, setPicking] = useState(false);
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const boxRef = givenRef ?? ownRef;
  const timeline = useOptimisticTimeline(conversationId);
  const reply = useMutation({
    mutationFn: async (body: string) => {
      const result = await replyToCustomerAction({ conversationId, text: body });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    onMutate: (body) => {
      setError(null);
      setSent(null);
      setText("");
      const author = placeholders.operator.name;
      return timeline.add({
        kind: "message",
        id: `pending-reply-${Date.now()}`,
        seq: Number.MAX_SAFE_INTEGER,
        role: "operator",
        author,
        text: body.trim(),
        at: new Date().toISOString(),
      });
    },
    onError: (failure, body, previous) => {
      timeline.restore(previous);
      setText(body);
      setError(failure.message);
    },
    onSuccess: () => {
      setUnfilled([]);
      setSent("Sent. It appears in the transcript once the customer's channel has it.");
      // A first reply claims the escalation: the server-rendered owner and status catch up.
      router.refresh();
    },
    onSettled: () => timeline.refetch(),
  });
  const pending = reply.isPending;
  const ids = { box: useId(), hint: useId() };

  const openPicker = () => {
    if (blocked) return;
    setPicking(true);
  };
  const closePicker = () => {
    setPicking(false);
    requestAnimationFrame(() => boxRef.current?.focus());
  };

  useShortcuts({
    ...(givenRef ? {} : { r: (e: KeyboardEvent) => (e.preventDefault(), boxRef.current?.focus()) }),
    ...(active ? { "/": (e: KeyboardEvent) => (e.preventDefault(), openPicker()) } : {}),
  });

  const insert = (reply: CannedReplyOption) => {
    const filled = fillPlaceholders(reply.body, placeholders);
    const box = boxRef.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    const next = (text.slice(0, start) + filled.text + text.slice(end)).slice(0, maxLength);
    setText(next);
    setUnfilled(filled.unfilled);
    setPicking(false);
    requestAnimationFrame(() => {
      boxRef.current?.focus();
      const caret = start + filled.text.length;
      boxRef.current?.setSelectionRange(caret, caret);
    });
  };

  const send = () => {
    if (pending || blocked) return;
    if (!text.trim()) {
      setError("Write a reply first.");
      boxRef.current?.focus();
      return;
    }
    reply.mutate(text);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if (e.key === "Escape") {
      // Leaves the box so the single-key shortcuts (j/k, c, n) work again; the text stays.
      e.currentTarget.blur();
    } else if (
      e.key === "/" &&
      e.currentTarget.selectionStart === 0 &&
      e.currentTarget.selectionEnd === 0 &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey
    ) {
      e.preventDefault();
      openPicker();
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      className="space-y-2"
      data-testid="reply-form"
    >
      <div className="flex items-center justify-between">
        <label htmlFor={ids.box} className="text-sm font-medium text-slate-900">
          Reply to the customer
        </label>
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          onClick={openPicker}
          disabled={!!blocked}
          aria-expanded={picking}
          data-testid="canned-open"
        >
          Canned replies <kbd className="rounded border border-slate-300 px-1 font-mono text-[10px]">/</kbd>
        </button>
      </div>
      {picking ? <CannedPicker replies={replies} onPick={insert} onClose={closePicker} /> : null}
      <textarea
        ref={boxRef}
        id={ids.box}
        rows={4}
        value={text}
        maxLength={maxLength}
        onChange={(e) => {
          setText(e.target.value);
          setSent(null);
        }}
        onKeyDown={onKeyDown}
        disabled={!!blocked || pending}
        placeholder={blocked ?? "Type a reply, or / for canned replies"}
        aria-describedby={ids.hint}
        aria-invalid={error ? true : undefined}
        className={inputClass}
        data-testid="reply-input"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={ids.hint} className="text-xs text-slate-500">
          <kbd className="rounded border border-slate-300 px-1 font-mono">Ctrl</kbd>/
          <kbd className="rounded border border-slate-300 px-1 font-mono">⌘</kbd>+
          <kbd className="rounded border border-slate-300 px-1 font-mono">Enter</kbd> sends ·{" "}
          <kbd className="rounded border border-slate-300 px-1 font-mono">r</kbd> focuses this box
        </p>
        <button
          type="submit"
          className={buttonClass("primary")}
          disabled={!!blocked || pending}
          data-testid="reply-send"
        >
          <Send aria-hidden className="size-4" />
          {pending ? "Sending…" : "Send"}
        </button>
      </div>
      {unfilled.length ? (
        <p className="text-xs text-amber-700" data-testid="reply-unfilled">
          Not filled in (no value for this conversation): {unfilled.map((u) => `{{${u}}}`).join(", ")}. Edit them before
          sending.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="reply-error">
          {error}
        </p>
      ) : null}
      {sent ? (
        <p role="status" className="text-sm text-slate-600" data-testid="reply-sent">
          {sent}
        </p>
      ) : null}
    </form>
  );
}
