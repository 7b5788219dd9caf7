"use client";
// The sites that may show the public chat in an iframe (the chat pages' frame-ancestors). Admins edit the list, one
// origin per line; everyone else sees it. The hint and any error are tied to the field for screen readers.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setChatEmbedOriginsAction } from "@/lib/features/settings/web-chat/actions";
import { buttonClass, inputClass } from "@/components/ui/button";

export function ChatEmbedOriginsForm({
  origins,
  workspaceSlug,
  canManage,
}: {
  origins: string[];
  workspaceSlug: string;
  canManage: boolean;
}) {
  const [value, setValue] = useState(origins.join("\n"));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="chat-embed-readonly">
        {origins.length === 0
          ? "No other site may show the public chat in a frame."
          : `These sites may show the public chat in a frame: ${origins.join(", ")}.`}{" "}
        Only admins can change this.
      </p>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await setChatEmbedOriginsAction({ origins: value });
      if (!result.ok) return setMessage({ error: true, text: result.fieldErrors?.origins?.[0] ?? result.message });
      setValue(result.data.origins.join("\n"));
      const sites = result.data.origins.length;
      setMessage({
        error: false,
        text: !result.data.changed
          ? "Nothing to change: that is the current list."
          : sites === 0
            ? "Saved: no site may frame the chat now."
            : `Saved: ${sites} ${sites === 1 ? "site" : "sites"} may frame the chat.`,
      });
      router.refresh();
    });
  };

  const error = message?.error ? message.text : null;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-2 px-4 py-4"
      aria-label="Embedding sites"
      data-testid="chat-embed-form"
    >
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        Sites that may embed the chat
      </label>
      <textarea
        id={fieldId}
        name="origins"
        rows={3}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        disabled={pending}
        spellCheck={false}
        placeholder="https://www.example.com"
        className={`${inputClass} max-w-xl font-mono`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        data-testid="chat-embed-origins"
      />
      <div className="text-xs" aria-live="polite">
        <p id={hintId} className="text-slate-500">
          One origin per line, e.g. https://www.example.com (https only). Pages on these sites may show /chat/
          {workspaceSlug}/… in an iframe; no other site may. Empty: the chat opens only in its own tab.
        </p>
        {error ? (
          <p id={errorId} role="alert" className="mt-1 font-medium text-rose-700">
            {error}
          </p>
        ) : null}
        {message && !message.error ? (
          <p className="mt-1 text-emerald-700" data-testid="chat-embed-saved">
            {message.text}
          </p>
        ) : null}
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="chat-embed-save">
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
