// The config form's fields that hold no nested fields: booleans, enums as selects, numbers with min/max, strings
// (multi-line for prompts and templates), multi-choice enums as checkboxes and long string lists one per line.
"use client";
import { clsx } from "clsx";
import { useContext } from "react";
import { inputClass, selectClass } from "@/components/ui/button";
import { FieldSuggestions } from "./field-suggestions";
import { FieldErrors, FieldLabel, LinesTextarea, NumberInput, type FieldAria, type FieldProps } from "./config-inputs";
import { ConfigModes } from "./config-modes";
import { MULTILINE } from "./config-schema";

type LeafFieldProps = FieldProps & FieldAria;

export function BooleanField({ label, value, path, onChange, id, errorId, messages, describedBy }: LeafFieldProps) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(path, e.target.checked)}
          className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500"
          aria-describedby={describedBy}
        />
        {label}
      </label>
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function EnumField(props: LeafFieldProps) {
  const { label, schema, value, path, required, onChange, id, errorId, messages, invalid, describedBy } = props;
  const modes = useContext(ConfigModes);
  return (
    <div>
      <FieldLabel id={id} label={label} optional={!required && schema.default === undefined} />
      <select
        id={id}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => onChange(path, e.target.value === "" ? undefined : e.target.value)}
        className={clsx(selectClass, "w-full")}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      >
        {!required && schema.default === undefined ? <option value="">— none —</option> : null}
        {schema.enum?.map((option) => (
          <option key={String(option)} value={String(option)}>
            {modes.optionLabel(path, String(option)) ?? String(option).replace(/_/g, " ")}
          </option>
        ))}
      </select>
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function NumberField(props: LeafFieldProps) {
  const { label, schema, value, path, required, onChange, id, errorId, messages, invalid, describedBy } = props;
  return (
    <div>
      <FieldLabel id={id} label={label} optional={!required && schema.default === undefined} />
      <NumberInput
        id={id}
        value={value}
        schema={schema}
        onCommit={(v) => onChange(path, v)}
        invalid={invalid}
        describedBy={describedBy}
      />
      {schema.minimum !== undefined || schema.maximum !== undefined ? (
        <p className="mt-0.5 text-[11px] text-slate-500">
          {schema.minimum !== undefined && schema.maximum !== undefined
            ? `Between ${schema.minimum} and ${schema.maximum}.`
            : schema.minimum !== undefined
              ? `At least ${schema.minimum}.`
              : `At most ${schema.maximum}.`}
        </p>
      ) : null}
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

/** Multiple choice from a fixed set: checkboxes. */
export function ChoiceListField({ label, schema, value, path, onChange, errorId, messages }: LeafFieldProps) {
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap gap-3">
        {schema.items?.enum?.map((option) => {
          const checked = items.includes(option);
          return (
            <label key={String(option)} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={checked}
                onChange={() => onChange(path, checked ? items.filter((i) => i !== option) : [...items, option])}
                className="size-4 rounded border-slate-300 text-indigo-600"
              />
              {String(option)}
            </label>
          );
        })}
      </div>
      <FieldErrors id={errorId} messages={messages} />
    </fieldset>
  );
}

/** A long list of strings (hundreds allowed): one per line in a textarea. */
export function LinesField({
  label,
  value,
  path,
  onChange,
  id,
  errorId,
  messages,
  invalid,
  describedBy,
}: LeafFieldProps) {
  const items = Array.isArray(value) ? value : [];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label} <span className="font-normal text-slate-500">(one per line · {items.length})</span>
      </label>
      <LinesTextarea
        id={id}
        value={items.map(String)}
        onCommit={(v) => onChange(path, v)}
        describedBy={describedBy}
        invalid={invalid}
      />
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function StringField(props: LeafFieldProps) {
  const { name, label, schema, value, path, required, onChange, id, errorId, messages, invalid, describedBy } = props;
  const suggestions = useContext(FieldSuggestions)[name];
  const multiline = MULTILINE.has(name) || (schema.maxLength ?? 0) >= 1000;
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  return (
    <div>
      <FieldLabel id={id} label={label} optional={!required && schema.default === undefined} />
      {multiline ? (
        <textarea
          id={id}
          value={text}
          rows={name === "systemPrompt" ? 6 : 3}
          maxLength={schema.maxLength}
          onChange={(e) => onChange(path, e.target.value)}
          className={clsx(inputClass, "text-[13px]")}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      ) : (
        <input
          id={id}
          value={text}
          maxLength={schema.maxLength}
          onChange={(e) => onChange(path, e.target.value)}
          className={inputClass}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          spellCheck={name === "id" ? false : undefined}
          list={suggestions ? `${id}-options` : undefined}
        />
      )}
      {suggestions && !multiline ? (
        <datalist id={`${id}-options`}>
          {suggestions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      ) : null}
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}
