"use client";
// The reopen window: a customer who writes again within it picks up the same conversation; later, a new one starts,
// linked to the old. Admins change it here; everyone else sees the value.
import { setReopenWindowAction } from "@/lib/features/settings/conversations/actions";
import { SingleSettingForm } from "./single-setting-form";

const MAX_DAYS = 90;

export function ReopenWindowForm({ days, canManage }: { days: number; canManage: boolean }) {
  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="reopen-window-readonly">
        A customer who writes within <strong>{days}</strong> {days === 1 ? "day" : "days"} of a conversation&apos;s end
        reopens it; later, a new conversation starts, linked to the old one. Only admins can change this.
      </p>
    );
  }
  return (
    <SingleSettingForm
      name="days"
      label="Reopen ended conversations for (days)"
      formLabel="Reopen window"
      initial={String(days)}
      input={{ type: "number", inputMode: "numeric", min: 0, max: MAX_DAYS, step: 1 }}
      widthClass="w-32"
      testId="reopen-window"
      hint={
        <>
          0–{MAX_DAYS} days. Within it, a customer&apos;s message reopens the conversation (back in Live, the flow from
          its start, audited); after it, a new conversation continues it. 0 always starts a new one.
        </>
      }
      save={(value) => setReopenWindowAction({ days: value })}
      savedMessage={(data) =>
        data.changed ? `Saved: ${data.days} days.` : "Nothing to change: that is the current window."
      }
    />
  );
}
