// The native <dialog> every form dialog uses (focus trap, Escape and the backdrop come with it); callers open it with
// ref.current.showModal().
import type { ReactNode, Ref } from "react";
import { cn } from "./cn";

export function DialogFrame({
  ref,
  labelledBy,
  label,
  width = "md",
  padded = false,
  testId,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  labelledBy?: string;
  label?: string;
  width?: "md" | "2xl";
  /** Pad the frame itself, for content that is not a form with its own padding. */
  padded?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-label={label}
      className={cn(
        "m-auto w-full rounded-lg border border-slate-200 bg-white text-left shadow-xl backdrop:bg-slate-900/30",
        width === "2xl" ? "max-w-2xl" : "max-w-md",
        padded ? "p-5" : "p-0",
      )}
      data-testid={testId}
    >
      {children}
    </dialog>
  );
}
