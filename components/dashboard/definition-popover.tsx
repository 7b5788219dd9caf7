"use client";
// A KPI's definition behind a small button: a disclosure (aria-expanded) that Escape, a click elsewhere or the
// button closes, giving focus back to the button when it closes from the keyboard.
import { Info } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

export function DefinitionPopover({ label, definition }: { label: string; definition: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <span className="relative inline-flex">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex size-6 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="kpi-definition-button"
      >
        <Info aria-hidden className="size-4" />
        <span className="sr-only">Definition of {label}</span>
      </button>
      <div
        ref={panel}
        id={id}
        hidden={!open}
        role="region"
        aria-label={`Definition of ${label}`}
        className="absolute right-0 top-7 z-20 w-72 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white p-3 text-xs leading-relaxed text-slate-700 shadow-lg"
        data-testid="kpi-definition"
      >
        {definition}
      </div>
    </span>
  );
}
