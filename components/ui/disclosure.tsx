"use client";
// A button that shows and hides a region: aria-expanded and aria-controls for screen readers, Enter and Space from the
// keyboard (it is a real button). Controlled (`open` with `onOpenChange`) or on its own (`defaultOpen`).
import { clsx } from "clsx";
import { ChevronRight } from "lucide-react";
import { useId, useState, type ReactNode } from "react";

export function Disclosure({
  summary,
  children,
  open: controlled,
  defaultOpen = false,
  onOpenChange,
  className,
  buttonClassName,
  testId,
}: {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
  buttonClassName?: string;
  testId?: string;
}) {
  const regionId = useId();
  const [own, setOwn] = useState(defaultOpen);
  const open = controlled ?? own;
  return (
    <div className={className} data-testid={testId} data-open={open}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => {
          setOwn(!open);
          onOpenChange?.(!open);
        }}
        className={clsx(
          "flex w-full items-start gap-1 rounded text-left focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600",
          buttonClassName,
        )}
      >
        <ChevronRight
          aria-hidden
          className={clsx("mt-0.5 size-3.5 shrink-0 transition-transform", open && "rotate-90")}
        />
        <span className="min-w-0 flex-1">{summary}</span>
      </button>
      {/* Always in the document, so aria-controls names a real element; hidden while closed. */}
      <div id={regionId} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}
