// The config form's building blocks: the props every field gets, its label and inline errors, and the two inputs
// that keep their own text while it is being typed (numbers, one-item-per-line lists).
"use client";
import { clsx } from "clsx";
import { useEffect, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { typeOf, type FieldIssues, type JsonSchema } from "./config-schema";

export type FieldProps = {
  name: string;
  label: string;
  schema: JsonSchema;
  value: unknown;
  path: (string | number)[];
  required: boolean;
  issues: FieldIssues;
  onChange: (path: (string | number)[], value: unknown) => void;
  idPrefix: string;
};

/** What Field works out once for every kind of field: its control's id and the inline errors' wiring. */
export type FieldAria = {
  id: string;
  errorId: string;
  messages: string[] | undefined;
  invalid: boolean;
  describedBy: string | undefined;
};

export function FieldLabel({ id, label, optional }: { id: string; label: string; optional: boolean }) {
  return (
    <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
      {label}
      {optional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
    </label>
  );
}

export function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-rose-700" data-testid="field-error">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

export function NumberInput({
  id,
  value,
  schema,
  onCommit,
  invalid,
  describedBy,
}: {
  id: string;
  value: unknown;
  schema: JsonSchema;
  onCommit: (v: number | undefined) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState(value === undefined || value === null ? "" : String(value));
  useEffect(() => {
    setText((current) =>
      Number(current) === value && current !== ""
        ? current
        : value === undefined || value === null
          ? ""
          : String(value),
    );
  }, [value]);
  const integer = typeOf(schema) === "integer";
  return (
    <input
      id={id}
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      step={integer ? 1 : "any"}
      min={schema.minimum}
      max={schema.maximum}
      value={text}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === "") return onCommit(undefined);
        const n = Number(e.target.value);
        if (Number.isFinite(n)) onCommit(n);
      }}
      className={inputClass}
    />
  );
}

export function LinesTextarea({
  id,
  value,
  onCommit,
  describedBy,
  invalid,
}: {
  id: string;
  value: string[];
  onCommit: (v: string[]) => void;
  describedBy?: string;
  invalid: boolean;
}) {
  const joined = value.join("\n");
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((current) =>
      current
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .join("\n") === joined
        ? current
        : joined,
    );
  }, [joined]);
  return (
    <textarea
      id={id}
      rows={Math.min(10, Math.max(3, value.length + 1))}
      value={text}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onCommit(
          e.target.value
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
        );
      }}
      className={clsx(inputClass, "font-mono text-xs")}
    />
  );
}
