"use client";
// "Start from": the blank starter or one of the templates, as a radio group (arrow keys move between choices, as in
// any radio group), each with what it does and what it needs, in plain words.
import { clsx } from "clsx";
import { useId } from "react";
import type { TemplateChoice } from "@/lib/model/flow/templates";

export const BLANK = "";

export function TemplatePicker({
  templates,
  value,
  onChange,
  error,
}: {
  templates: TemplateChoice[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const id = useId();
  const choices: TemplateChoice[] = [
    {
      id: BLANK,
      name: "Blank",
      summary: "A Start node and one agent with a placeholder reply: build the rest yourself.",
    },
    ...templates,
  ];
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} data-testid="template-picker">
      <legend className="mb-1 block text-sm font-medium text-slate-700">Start from</legend>
      <div className="max-h-64 space-y-1.5 overflow-y-auto pr-1">
        {choices.map((choice) => {
          const checked = choice.id === value;
          const key = choice.id || "blank";
          return (
            <label
              key={key}
              className={clsx(
                "flex cursor-pointer gap-2 rounded-md border px-3 py-2 text-sm focus-within:ring-2 focus-within:ring-indigo-500",
                checked ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name={`${id}-template`}
                value={choice.id}
                checked={checked}
                onChange={() => onChange(choice.id)}
                className="mt-1 shrink-0"
                aria-labelledby={`${id}-${key}-name`}
                aria-describedby={`${id}-${key}-about`}
                data-testid="template-option"
                data-template={key}
              />
              <span>
                <span id={`${id}-${key}-name`} className="block font-medium text-slate-900">
                  {choice.name}
                </span>
                <span id={`${id}-${key}-about`} className="block text-slate-700">
                  {choice.summary}
                  {choice.note ? <span className="mt-0.5 block text-xs text-slate-600">{choice.note}</span> : null}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
