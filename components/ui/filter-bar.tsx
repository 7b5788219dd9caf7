"use client";
// A GET form for list filters: changing a select applies it at once (client navigation via next/form);
// the Apply button keeps it usable without JavaScript and for keyboard users who prefer to confirm.
import Form from "next/form";
import Link from "next/link";
import { useRef, type ReactNode } from "react";
import { buttonClass, selectClass, inputClass } from "./button";

export function FilterBar({
  action,
  children,
  resetHref,
  active,
}: {
  action: string;
  children: ReactNode;
  resetHref: string;
  active: boolean;
}) {
  return (
    <Form action={action} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filters">
      {children}
      <button type="submit" className={buttonClass("secondary", "md")}>
        Apply
      </button>
      {active ? (
        <Link href={resetHref} className={buttonClass("ghost", "md")}>
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}

export function FilterSelect({
  name,
  label,
  defaultValue,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
  allLabel: string;
}) {
  const ref = useRef<HTMLSelectElement>(null);
  return (
    // max-w-full: a select is as wide as its longest option, which is wider than a phone (Live's agent names).
    <label className="flex min-w-0 max-w-full flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select
        ref={ref}
        name={name}
        defaultValue={defaultValue ?? ""}
        className={`${selectClass} max-w-full`}
        onChange={() => ref.current?.form?.requestSubmit()}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterInput({
  name,
  label,
  defaultValue,
  placeholder,
  list,
  suggestions,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  placeholder?: string;
  list?: string;
  suggestions?: string[];
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input
        name={name}
        defaultValue={defaultValue}
        placeholder={placeholder}
        list={list}
        className={`${inputClass} w-56`}
        autoComplete="off"
      />
      {list && suggestions ? (
        <datalist id={list}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </label>
  );
}
