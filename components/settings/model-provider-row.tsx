// One model provider as a table row: its endpoint, models and key, with Test, Edit (the form in a row below) and
// Delete (confirmed in place) for admins.
"use client";
import { CircleCheck, CircleX, Plug } from "lucide-react";
import { useState, useTransition } from "react";
import { deleteModelProviderAction, testModelProviderAction } from "@/lib/features/settings/models/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DEFAULT_PROVIDER_NAME, type ModelProviderView } from "@/lib/runtime/agents/model-provider-schema";
import { ProviderForm } from "./model-provider-form";

type TestOutcome = { ok: boolean; message: string; latencyMs?: number };

export function ProviderRow({
  provider,
  canManage,
  onMessage,
}: {
  provider: ModelProviderView;
  canManage: boolean;
  onMessage: (text: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [testing, startTest] = useTransition();
  const columns = canManage ? 5 : 4;

  function runTest() {
    setTest(null);
    startTest(async () => {
      const result = await testModelProviderAction({ id: provider.id });
      setTest(
        result.ok
          ? { ok: result.data.ok, message: result.data.message, latencyMs: result.data.latencyMs }
          : { ok: false, message: result.message },
      );
    });
  }

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteModelProviderAction({ id: provider.id });
      setConfirming(false);
      if (!result.ok) setError(result.message);
      else onMessage(`Deleted ${provider.name}.`);
    });
  }

  return (
    <>
      <tr data-testid="model-provider-row" data-name={provider.name} className="align-top">
        <td className="px-3 py-2.5">
          <div className="font-medium text-slate-900">{provider.name}</div>
          {provider.name === DEFAULT_PROVIDER_NAME ? (
            <Badge tone="indigo" className="mt-1">
              serves bare model names
            </Badge>
          ) : null}
        </td>
        <td className="max-w-72 break-all px-3 py-2.5 font-mono text-xs text-slate-700">{provider.baseUrl}</td>
        <td className="px-3 py-2.5 text-slate-700">
          <div className="font-mono text-xs">{provider.defaultModel}</div>
          {provider.fallbackModel ? (
            <div className="mt-0.5 text-xs text-slate-500">fallback {provider.fallbackModel}</div>
          ) : null}
          <div className="mt-0.5 text-xs text-slate-500">
            {provider.timeoutMs / 1000} s · {provider.maxRetries} {provider.maxRetries === 1 ? "retry" : "retries"}
          </div>
        </td>
        <td className="px-3 py-2.5">
          {provider.hasKey ? (
            <Badge tone="green" dot>
              {provider.apiKeyHint ? <span className="font-mono">key ••••{provider.apiKeyHint}</span> : "key set"}
            </Badge>
          ) : (
            <Badge tone="neutral">no key</Badge>
          )}
          {test ? (
            <p
              role="status"
              className={`mt-1.5 flex items-start gap-1 text-xs ${test.ok ? "text-emerald-700" : "text-rose-700"}`}
              data-testid="model-provider-test-result"
              data-ok={test.ok}
            >
              {test.ok ? (
                <CircleCheck aria-hidden className="mt-px size-3.5 shrink-0" />
              ) : (
                <CircleX aria-hidden className="mt-px size-3.5 shrink-0" />
              )}
              <span>
                {test.message}
                {test.latencyMs !== undefined ? ` (${test.latencyMs} ms)` : ""}
              </span>
            </p>
          ) : null}
          {error ? <p className="mt-1 text-xs font-medium text-rose-700">{error}</p> : null}
        </td>
        {canManage ? (
          <td className="whitespace-nowrap px-3 py-2.5 text-right">
            {confirming ? (
              <div
                role="group"
                aria-label={`Confirm deleting ${provider.name}`}
                className="flex items-center justify-end gap-2"
              >
                <span className="text-xs text-slate-700">Delete? Agents naming it fall back.</span>
                <button
                  type="button"
                  className={buttonClass("danger", "sm")}
                  disabled={pending}
                  onClick={remove}
                  autoFocus
                  data-testid="model-provider-delete-confirm"
                >
                  {pending ? "Deleting…" : "Delete"}
                </button>
                <button
                  type="button"
                  className={buttonClass("ghost", "sm")}
                  disabled={pending}
                  onClick={() => setConfirming(false)}
                >
                  Cancel
                </button>
              </div>
            ) : (
              <div className="flex items-center justify-end gap-1">
                <button
                  type="button"
                  className={buttonClass("secondary", "sm")}
                  onClick={runTest}
                  disabled={testing}
                  data-testid="model-provider-test"
                >
                  <Plug aria-hidden className="size-3.5" />
                  {testing ? "Testing…" : "Test"}
                  <span className="sr-only"> {provider.name}</span>
                </button>
                <button
                  type="button"
                  className={buttonClass("ghost", "sm")}
                  onClick={() => setEditing((v) => !v)}
                  aria-expanded={editing}
                  data-testid="model-provider-edit"
                >
                  Edit<span className="sr-only"> {provider.name}</span>
                </button>
                <button
                  type="button"
                  className={buttonClass("dangerGhost", "sm")}
                  onClick={() => setConfirming(true)}
                  data-testid="model-provider-delete"
                >
                  Delete<span className="sr-only"> {provider.name}</span>
                </button>
              </div>
            )}
          </td>
        ) : null}
      </tr>
      {editing && canManage ? (
        <tr>
          <td colSpan={columns} className="px-3 pb-3">
            <ProviderForm
              provider={provider}
              onCancel={() => setEditing(false)}
              onDone={(text) => {
                setEditing(false);
                onMessage(text);
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
