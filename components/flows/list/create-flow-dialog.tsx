"use client";
// "New flow": name, slug (suggested from the name until edited), description, and what to start from: a small graph
// that already runs (Start → Agent) or a template, which brings its test suite along. Opened in the editor.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { FormActions } from "@/components/ui/form-actions";
import { slugify } from "@/lib/model/flow/flow-meta";
import { createFlowAction } from "@/lib/features/flows/actions";
import { createFlowFromTemplateAction } from "@/lib/features/flow-templates/actions";
import type { TemplateChoice } from "@/lib/model/flow/templates";
import { BLANK, TemplatePicker } from "./template-picker";

type Errors = Record<string, string[] | undefined>;

export function CreateFlowDialog({ templates }: { templates: TemplateChoice[] }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState("");
  const [template, setTemplate] = useState(BLANK);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const open = () => {
    setName("");
    setSlug("");
    setSlugEdited(false);
    setDescription("");
    setTemplate(BLANK);
    setErrors({});
    setMessage(null);
    dialogRef.current?.showModal();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = template
        ? await createFlowFromTemplateAction({ name, slug, description, template })
        : await createFlowAction({ name, slug, description });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors && Object.keys(result.fieldErrors).length ? null : result.message);
        return;
      }
      dialogRef.current?.close();
      router.push(`/flows/${result.data.flowId}/edit`);
    });
  };

  const field = (key: "name" | "slug" | "description") => ({
    id: `${id}-${key}`,
    "aria-invalid": errors[key]?.length ? true : undefined,
    "aria-describedby": errors[key]?.length ? `${id}-${key}-error` : undefined,
  });
  const fieldError = (key: "name" | "slug" | "description") =>
    errors[key]?.length ? (
      <p id={`${id}-${key}-error`} className="mt-1 text-xs font-medium text-rose-700">
        {errors[key]![0]}
      </p>
    ) : null;

  return (
    <>
      <button type="button" className={buttonClass("primary")} onClick={open} data-testid="new-flow">
        <Plus aria-hidden className="size-4" />
        New flow
      </button>
      <DialogFrame ref={dialogRef} labelledBy={`${id}-title`} testId="new-flow-dialog">
        <form onSubmit={submit} className="space-y-4 p-5" noValidate>
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              New flow
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              It starts as a draft; nothing is published until you publish it. A template comes with a test suite you
              can run at once.
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-slate-700">
              Name
            </label>
            <input
              {...field("name")}
              className={inputClass}
              value={name}
              maxLength={80}
              autoFocus
              data-testid="new-flow-name"
              onChange={(e) => {
                setName(e.target.value);
                if (!slugEdited) setSlug(slugify(e.target.value));
              }}
            />
            {fieldError("name")}
          </div>
          <div>
            <label htmlFor={`${id}-slug`} className="mb-1 block text-sm font-medium text-slate-700">
              Slug <span className="font-normal text-slate-500">(in chat and API URLs)</span>
            </label>
            <input
              {...field("slug")}
              className={`${inputClass} font-mono`}
              value={slug}
              maxLength={64}
              data-testid="new-flow-slug"
              onChange={(e) => {
                setSlug(e.target.value);
                setSlugEdited(true);
              }}
            />
            {fieldError("slug")}
          </div>
          <div>
            <label htmlFor={`${id}-description`} className="mb-1 block text-sm font-medium text-slate-700">
              Description <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              {...field("description")}
              className={inputClass}
              rows={2}
              maxLength={500}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            {fieldError("description")}
          </div>
          <TemplatePicker
            templates={templates}
            value={template}
            onChange={(id) => {
              setTemplate(id);
              const chosen = templates.find((t) => t.id === id);
              // A name still blank or still the previous template's follows the choice, as the slug follows the name.
              if (chosen && (!name || templates.some((t) => t.name === name))) {
                setName(chosen.name);
                if (!slugEdited) setSlug(slugify(chosen.name));
              }
            }}
            error={errors.template?.[0]}
          />
          <FormActions
            error={message}
            pending={pending}
            onCancel={() => dialogRef.current?.close()}
            submitLabel="Create flow"
            pendingLabel="Creating…"
            submitTestId="new-flow-create"
          />
        </form>
      </DialogFrame>
    </>
  );
}
