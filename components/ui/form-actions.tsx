// The foot of a form: its form-level error (an alert), then Cancel and the submit button, which say when it is busy.
import { buttonClass } from "./button";

export function FormActions({
  error,
  pending,
  onCancel,
  submitLabel,
  pendingLabel,
  submitDisabled = false,
  submitTestId,
}: {
  error?: string | null;
  pending: boolean;
  /** Without it there is no Cancel button. */
  onCancel?: () => void;
  submitLabel: string;
  pendingLabel: string;
  submitDisabled?: boolean;
  submitTestId?: string;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <button type="button" className={buttonClass("ghost")} onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
        <button
          type="submit"
          className={buttonClass("primary")}
          disabled={pending || submitDisabled}
          data-testid={submitTestId}
        >
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
