"use client";
// The suite's own settings on its page: edit (a dialog with the suite form) and delete (confirmed in place).
import { useRef } from "react";
import { Settings2 } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { SuiteForm } from "./suite-form";
import { DeleteButton } from "./delete-button";

export function SuiteSettings({
  suite,
}: {
  suite: { id: string; name: string; description: string; passThreshold: number; gatesPublish: boolean };
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={() => dialogRef.current?.showModal()}
        data-testid="edit-suite"
      >
        <Settings2 aria-hidden className="size-4" />
        Edit suite
      </button>
      <DeleteButton kind="suite" id={suite.id} name={suite.name} redirectTo="/evals" />
      <DialogFrame ref={dialogRef} label={`Edit suite ${suite.name}`} padded>
        <h2 className="mb-4 text-base font-semibold text-slate-900">Edit suite</h2>
        <SuiteForm existing={suite} onDone={() => dialogRef.current?.close()} />
      </DialogFrame>
    </>
  );
}
