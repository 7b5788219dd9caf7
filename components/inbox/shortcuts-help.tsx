"use client";
// The "?" popover listing a page's shortcuts. Opens with the button or "?", closes with Esc or the button, and
// returns focus to the button.
import { Keyboard } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { Shortcut } from "@/lib/features/inbox/shortcuts";
import { useShortcuts } from "./use-shortcuts";

export function ShortcutsHelp({ shortcuts }: { shortcuts: Shortcut[] }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useShortcuts({ "?": (e) => (e.preventDefault(), setOpen((o) => !o)) });
  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        className={buttonClass("ghost", "sm")}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="shortcuts-help"
      >
        <Keyboard aria-hidden className="size-4" />
        Shortcuts <kbd className="rounded border border-slate-300 px-1 font-mono text-[10px]">?</kbd>
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={id}
          role="dialog"
          aria-label="Keyboard shortcuts"
          tabIndex={-1}
          className="absolute right-0 z-20 mt-2 w-80 rounded-lg border border-slate-200 bg-white p-3 shadow-lg focus:outline-none"
          data-testid="shortcuts-panel"
        >
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Keyboard shortcuts</h2>
          <dl className="space-y-1.5 text-sm">
            {shortcuts.map((s) => (
              <div key={s.description} className="flex items-center justify-between gap-3">
                <dt className="text-slate-600">{s.description}</dt>
                <dd className="flex shrink-0 gap-1">
                  {s.keys.map((k) => (
                    <kbd
                      key={k}
                      className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700"
                    >
                      {k}
                    </kbd>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-500">Single keys do nothing while you type in a field.</p>
        </div>
      ) : null}
    </div>
  );
}
