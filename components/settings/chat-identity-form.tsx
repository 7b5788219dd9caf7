"use client";
// Signed-in shoppers: the host site signs who they are with this secret, and the web chat treats them as verified
// without asking. The secret is shown once; replacing it invalidates tokens signed with the old one.
import { useState, useTransition } from "react";
import { setChatIdentitySecretAction } from "@/lib/features/settings/conversations/actions";
import { buttonClass } from "@/components/ui/button";
import { WebhookSecretNotice } from "./webhook-secret-notice";

export function ChatIdentityForm({ configured, canManage }: { configured: boolean; canManage: boolean }) {
  const [isOn, setOn] = useState(configured);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const change = (enabled: boolean) =>
    start(async () => {
      setError(null);
      const result = await setChatIdentitySecretAction({ enabled });
      if (!result.ok) return setError(result.message);
      setOn(enabled);
      setSecret(result.data.secret);
    });

  return (
    <div className="space-y-3 px-4 py-4" data-testid="chat-identity">
      <div>
        <h3 className="text-sm font-medium text-slate-900">Signed-in shoppers (identity verification)</h3>
        <p className="mt-1 text-sm text-slate-600">
          {isOn
            ? "On: the web chat treats a visitor as verified when the page carries an identity token your site signed with this workspace's secret."
            : "Off: every web visitor starts anonymous and proves who they are in the flow before account tools run."}{" "}
          Your server signs an HS256 JWT with <code className="font-mono text-xs">sub</code> (the customer&apos;s
          reference, e.g. C-1001), <code className="font-mono text-xs">iat</code> and{" "}
          <code className="font-mono text-xs">exp</code> (at most 24 hours later), optionally{" "}
          <code className="font-mono text-xs">email</code> and <code className="font-mono text-xs">name</code> for a new
          customer, and opens the chat at <code className="font-mono text-xs">/chat/…?identity=&lt;token&gt;</code>.
        </p>
      </div>
      {secret ? (
        <WebhookSecretNotice
          title="Copy this secret to your site's server now: it is not shown again."
          secret={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {canManage ? (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass("secondary", "sm")}
            disabled={pending}
            onClick={() => {
              if (isOn && !window.confirm("Replace the secret? Tokens signed with the current one stop working."))
                return;
              change(true);
            }}
          >
            {isOn ? "Replace secret" : "Generate secret"}
          </button>
          {isOn ? (
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              disabled={pending}
              onClick={() => change(false)}
            >
              Turn off
            </button>
          ) : null}
        </div>
      ) : (
        <p className="text-xs text-slate-500">Only admins can change this.</p>
      )}
    </div>
  );
}
