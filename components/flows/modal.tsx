// A small modal on the native <dialog> element: focus trap, Escape to close and the backdrop come with it.
"use client";
import { X } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

export function Modal({
  open,
  onClose,
  title,
  children,
  testId,
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? "max-w-2xl" : "max-w-md"} rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/30`}
    >
      {open ? (
        <div className="p-4">
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 id={testId ? `${testId}-title` : undefined} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <button type="button" onClick={onClose} className={buttonClass("ghost", "sm")} aria-label="Close">
              <X aria-hidden className="size-4" />
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
