"use client";
import { TriangleAlert } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { CopyField } from "@/components/settings/integrations-copy-button";

/** A new invitation link, shown once: only its hash is stored, so it cannot be shown again (only replaced). */
export function InvitationLinkNotice({
  email,
  role,
  path,
  expiresAt,
  onDone,
}: {
  email: string;
  role: string;
  path: string;
  expiresAt: string;
  onDone: () => void;
}) {
  // The origin the admin reached the console at is one the person can reach too.
  const link = typeof window === "undefined" ? path : new URL(path, window.location.origin).toString();
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3"
      data-testid="invitation-link-notice"
    >
      <p className="flex items-start gap-1.5 text-sm font-medium text-amber-900">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          Invitation for {email} as {role}. Send them this link yourself (chat, e-mail): it is shown only this once,
          works once, and expires <Time value={expiresAt} />.
        </span>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-64 flex-1">
          <CopyField value={link} label={`invitation link for ${email}`} testId="invitation-link" />
        </div>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
