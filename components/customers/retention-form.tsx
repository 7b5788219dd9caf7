"use client";
// How long customer memory is kept. Admins change it here; everyone else sees the value.
import { setMemoryRetentionAction } from "@/lib/features/customers/actions";
import { SingleSettingForm } from "@/components/settings/single-setting-form";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionDaysSchema } from "@/lib/runtime/memory/memory-schema";

export function RetentionForm({ days, canManage }: { days: number; canManage: boolean }) {
  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="retention-readonly">
        Customer memory is kept for <strong>{days}</strong> {days === 1 ? "day" : "days"} after its last update, then
        purged. Only admins can change this.
      </p>
    );
  }
  return (
    <SingleSettingForm
      name="days"
      label="Keep customer memory for (days)"
      formLabel="Memory retention"
      initial={String(days)}
      input={{ type: "number", inputMode: "numeric", min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS, step: 1 }}
      widthClass="w-32"
      testId="retention"
      hint={
        <>
          {MIN_RETENTION_DAYS}–{MAX_RETENTION_DAYS} days after a fact or summary was last updated; expired memory is
          purged daily. Changing it re-dates what is already stored.
        </>
      }
      validate={(value) => {
        const parsed = retentionDaysSchema.safeParse(value);
        return parsed.success ? null : (parsed.error.issues[0]?.message ?? "Enter a number of days.");
      }}
      save={(value) => setMemoryRetentionAction({ days: value })}
      savedMessage={(data) =>
        data.changed
          ? `Saved: memory is now kept for ${data.days} days; ${data.redated} stored ${data.redated === 1 ? "entry was" : "entries were"} re-dated.`
          : "Nothing to change: that is the current retention."
      }
    />
  );
}
