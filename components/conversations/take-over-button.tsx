"use client";
// "Take over" on the conversation page: asks in the same dialog as Live, then lands in the ticket the engine opened.
import { useState } from "react";
import { Headset } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { TakeOverDialog, type TakeOverTarget } from "./take-over-dialog";

export function TakeOverButton({ target }: { target: TakeOverTarget }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass("primary", "sm")}
        data-testid="take-over"
        onClick={() => setOpen(true)}
      >
        <Headset className="size-3.5" aria-hidden />
        Take over
      </button>
      <TakeOverDialog row={open ? target : null} onClose={() => setOpen(false)} />
    </>
  );
}
