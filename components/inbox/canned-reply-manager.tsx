"use client";
// Canned replies: add one, edit or delete each. Errors from the server (a duplicate title, a too-long body) are
// shown next to the field they concern.
import { Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import {
  createCannedReplyAction,
  deleteCannedReplyAction,
  updateCannedReplyAction,
} from "@/lib/features/inbox/canned-actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import { CANNED_BODY_MAX, CANNED_TITLE_MAX } from "@/lib/features/inbox/canned-reply-schema";
import { PLACEHOLDERS } from "@/lib/features/inbox/placeholders";

type Reply = { id: string; title: string; body: string };
type Result = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

function ReplyForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Reply | null;
  submitLabel: string;
  onSubmit: (v: { title: string; body: string }) => Promise<Result>;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [errors, setErrors] = useState<{ message?: string; title?: string; body?: string }>({});
  const [pending, startTransition] = useTransition();
  const ids = { title: useId(), body: useId() };

  return (
    <form
      className="space-y-2"
      data-testid="canned-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await onSubmit({ title, body });
          if (result.ok) {
            setErrors({});
            if (!initial) {
              setTitle("");
              setBody("");
            }
            return;
          }
          setErrors({
            message: result.message,
            title: result.fieldErrors?.title?.[0],
            body: result.fieldErrors?.body?.[0],
          });
        });
      }}
    >
      <div>
        <label htmlFor={ids.title} className="mb-1 block text-xs font-medium text-slate-600">
          Title <span className="font-normal text-slate-500">(what you type after “/” to find it)</span>
        </label>
        <input
          id={ids.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={CANNED_TITLE_MAX}
          className={inputClass}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${ids.title}-error` : undefined}
          data-testid="canned-title"
        />
        {errors.title ? (
          <p id={`${ids.title}-error`} className="mt-1 text-xs text-rose-700">
            {errors.title}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={ids.body} className="mb-1 block text-xs font-medium text-slate-600">
          Reply
        </label>
        <textarea
          id={ids.body}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={CANNED_BODY_MAX}
          className={inputClass}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${ids.body}-hint${errors.body ? ` ${ids.body}-error` : ""}`}
          data-testid="canned-body"
        />
        <p id={`${ids.body}-hint`} className="mt-1 text-xs text-slate-500">
          Placeholders filled from the conversation: {PLACEHOLDERS.map((p) => `{{${p}}}`).join(" ")}
        </p>
        {errors.body ? (
          <p id={`${ids.body}-error`} className="mt-1 text-xs text-rose-700">
            {errors.body}
          </p>
        ) : null}
      </div>
      {errors.message ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="canned-error">
          {errors.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "sm")} disabled={pending} data-testid="canned-save">
          {pending ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={buttonClass("ghost", "sm")} onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function CannedReplyManager({ replies, canManage }: { replies: Reply[]; canManage: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const done = async (
    result: { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> },
    after?: () => void,
  ): Promise<Result> => {
    if (!result.ok)
      return { ok: false, message: result.message ?? "That did not work.", fieldErrors: result.fieldErrors };
    after?.();
    router.refresh();
    return { ok: true };
  };

  return (
    <div className="space-y-6">
      {canManage ? (
        <section aria-labelledby="canned-add" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="canned-add" className="mb-2 text-sm font-semibold text-slate-900">
            Add a canned reply
          </h2>
          <ReplyForm initial={null} submitLabel="Add" onSubmit={async (v) => done(await createCannedReplyAction(v))} />
        </section>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {error}
        </p>
      ) : null}
      <ul
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        aria-label="Canned replies"
        data-testid="canned-list"
      >
        {replies.map((r) => (
          <li key={r.id} className="px-4 py-3" data-testid="canned-item" data-title={r.title}>
            {editing === r.id ? (
              <ReplyForm
                initial={r}
                submitLabel="Save"
                onSubmit={async (v) => done(await updateCannedReplyAction({ ...v, id: r.id }), () => setEditing(null))}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="flex items-start justify-between gap-4">
                <div className="min-w-0">
                  <div className="text-sm font-medium text-slate-900">{r.title}</div>
                  <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-600">{r.body}</p>
                </div>
                {canManage ? (
                  <div className="flex shrink-0 gap-1">
                    <button
                      type="button"
                      className={buttonClass("ghost", "sm")}
                      onClick={() => setEditing(r.id)}
                      data-testid="canned-edit"
                    >
                      <Pencil aria-hidden className="size-3.5" />
                      Edit<span className="sr-only"> {r.title}</span>
                    </button>
                    {confirming === r.id ? (
                      <>
                        <button
                          type="button"
                          className={buttonClass("danger", "sm")}
                          data-testid="canned-delete-confirm"
                          onClick={() =>
                            startTransition(async () => {
                              const result = await deleteCannedReplyAction({ id: r.id });
                              setConfirming(null);
                              if (!result.ok) setError(result.message);
                              else router.refresh();
                            })
                          }
                        >
                          Delete “{r.title}”
                        </button>
                        <button
                          type="button"
                          className={buttonClass("ghost", "sm")}
                          onClick={() => setConfirming(null)}
                        >
                          Keep
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className={buttonClass("dangerGhost", "sm")}
                        onClick={() => setConfirming(r.id)}
                        data-testid="canned-delete"
                      >
                        <Trash2 aria-hidden className="size-3.5" />
                        Delete<span className="sr-only"> {r.title}</span>
                      </button>
                    )}
                  </div>
                ) : null}
              </div>
            )}
          </li>
        ))}
        {replies.length === 0 ? (
          <li className="px-4 py-3 text-sm text-slate-500">
            No canned replies yet. Add the answers you type most often.
          </li>
        ) : null}
      </ul>
    </div>
  );
}
