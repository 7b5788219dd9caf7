// The native <dialog> every dialog uses (focus trap, Escape and the backdrop come with it). Callers either open it
// with ref.current.showModal(), or control it with `open` and `onClose`; a `title` adds a heading and a Close button.
"use client";
import { X } from "lucide-react";
import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";

export function DialogFrame({
  ref,
  open,
  onClose,
  title,
  labelledBy,
  label,
  width = "md",
  padded = false,
  testId,
  children,
}: {
  ref?: Ref<HTMLDialogElement>;
  /** Controlled: the frame shows or closes itself to match, and renders its content only while open. */
  open?: boolean;
  /** Called when the dialog closes and on Escape, which leaves the closing to the caller. */
  onClose?: () => void;
  /** A heading (its id is `labelledBy`) with a Close button, above the content. */
  title?: string;
  labelledBy?: string;
  label?: string;
  width?: "md" | "2xl";
  /** Pad the frame itself, for content that is not a form with its own padding. */
  padded?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useImperativeHandle(ref, () => dialogRef.current as HTMLDialogElement, []);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || open === undefined) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (a titled frame's Close button): React's autoFocus ran while the
      // dialog was still closed, so the field meant to take the typing says so with data-autofocus.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const content =
    title === undefined ? (
      children
    ) : (
      <div className="p-4">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 id={labelledBy} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <button type="button" onClick={onClose} className={buttonClass("ghost", "sm")} aria-label="Close">
            <X aria-hidden className="size-4" />
          </button>
        </div>
        {children}
      </div>
    );
  return (
    <dialog
      ref={dialogRef}
      onClose={onClose}
      onCancel={
        onClose
          ? (e) => {
              e.preventDefault();
              onClose();
            }
          : undefined
      }
      aria-labelledby={labelledBy}
      aria-label={label}
      className={cn(
        "m-auto rounded-lg border border-slate-200 bg-white text-left shadow-xl backdrop:bg-slate-900/30",
        // A titled frame keeps a 1rem margin either side on narrow screens.
        title === undefined ? "w-full" : "w-[calc(100%-2rem)]",
        width === "2xl" ? "max-w-2xl" : "max-w-md",
        padded ? "p-5" : "p-0",
      )}
      data-testid={testId}
    >
      {open === false ? null : content}
    </dialog>
  );
}
