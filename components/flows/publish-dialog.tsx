// Publish: a required release note, then publishFlowAction against the saved draft. Before that, the dialog saves
// the draft and shows its test suites' publish gates; when one fails, Publish is off and an admin can override with
// a reason (the server enforces the same and audits the override). On success the dialog closes and the editor's
// header announces the new version.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass, inputClass, linkClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { describeGateFigures, type PublishGateStatus } from "@/lib/features/flows/gate-decision";
import { fetchPublishGates, publishFlow } from "./draft-api";
import { PublishModelNotice } from "./publish-model-notice";

const MIN_REASON = 5;
const MAX_REASON = 500;

type Gates = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; status: PublishGateStatus };

export function PublishDialog({
  open,
  onClose,
  flowId,
  ensureSaved,
  onPublished,
}: {
  open: boolean;
  onClose: () => void;
  flowId: string;
  ensureSaved: () => Promise<number | null>;
  onPublished: (number: number) => void;
}) {
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [gates, setGates] = useState<Gates>({ state: "loading" });
  const [reload, setReload] = useState(0);

  // Gates are per draft revision, so save first: the status shown is the one Publish will meet.
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void (async () => {
      setGates({ state: "loading" });
      const revision = await ensureSaved();
      if (cancelled) return;
      if (revision === null) {
        setGates({ state: "error", message: "The draft could not be saved, so its test suites could not be checked." });
        return;
      }
      const result = await fetchPublishGates({ flowId, revision });
      if (cancelled) return;
      setGates(result.ok ? { state: "ready", status: result.data } : { state: "error", message: result.message });
    })();
    return () => {
      cancelled = true;
    };
  }, [open, flowId, ensureSaved, reload]);

  const status = gates.state === "ready" ? gates.status : null;
  const blocked = !!status?.blocked;
  const reasonOk = reason.trim().length >= MIN_REASON;

  function close() {
    setError(null);
    setReason("");
    onClose();
  }

  async function submit(override: boolean) {
    if (!note.trim()) {
      setError("Write a release note: it tells operators what changed.");
      return;
    }
    if (override && !reasonOk) {
      setError(`Say why you override the failing suites (at least ${MIN_REASON} characters).`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const revision = await ensureSaved();
      if (revision === null) {
        setError("The draft could not be saved, so it was not published.");
        return;
      }
      const result = await publishFlow({
        flowId,
        baseRevision: revision,
        note: note.trim(),
        ...(override ? { override: { reason: reason.trim() } } : {}),
      });
      if (!result.ok) {
        setError(result.message);
        // A run may have finished, or the draft moved on, since the gates were loaded.
        if (result.code === "CONFLICT") setReload((n) => n + 1);
        return;
      }
      // Close on success so the canvas is usable at once; the editor's header shows the new version.
      setNote("");
      setReason("");
      onPublished(result.data.number);
      onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogFrame
      open={open}
      onClose={close}
      title="Publish this draft"
      labelledBy="publish-dialog-title"
      width="2xl"
      testId="publish-dialog"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) void submit(false);
        }}
      >
        <p className="text-sm text-slate-600">
          Publishing freezes the saved draft into the next numbered version. New conversations use it; conversations
          already running stay on their version.
        </p>
        <PublishModelNotice />
        <GateStatus gates={gates} />
        <div>
          <label htmlFor="publish-note" className="mb-1 block text-sm font-medium text-slate-700">
            Release note
          </label>
          <textarea
            id="publish-note"
            data-testid="publish-note"
            required
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What changed, and why"
            className={inputClass}
            aria-invalid={error && !note.trim() ? true : undefined}
            aria-describedby={error ? "publish-error" : undefined}
          />
        </div>
        {blocked && status?.canOverride ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <label htmlFor="publish-override-reason" className="mb-1 block text-sm font-medium text-amber-900">
              Reason to override (admins only, kept in the audit trail)
            </label>
            <textarea
              id="publish-override-reason"
              data-testid="publish-override-reason"
              rows={2}
              minLength={MIN_REASON}
              maxLength={MAX_REASON}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Why this must ship although the suites fail"
              className={inputClass}
              aria-describedby="publish-override-hint"
            />
            <p id="publish-override-hint" className="mt-1 text-xs text-amber-900">
              At least {MIN_REASON} characters. The suites&apos; figures are recorded with it.
            </p>
          </div>
        ) : null}
        {blocked && status && !status.canOverride ? (
          <p className="text-sm text-slate-600">Only an admin can override failing test suites.</p>
        ) : null}
        {error ? (
          <p id="publish-error" role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={close} className={buttonClass("secondary")}>
            Cancel
          </button>
          {blocked && status?.canOverride ? (
            <button
              type="button"
              onClick={() => void submit(true)}
              disabled={busy || !note.trim() || !reasonOk}
              className={buttonClass("danger")}
              data-testid="publish-override-confirm"
            >
              {busy ? "Publishing…" : "Override and publish"}
            </button>
          ) : null}
          <button
            type="submit"
            disabled={busy || !note.trim() || blocked}
            className={buttonClass("primary")}
            data-testid="publish-confirm"
          >
            {busy && !blocked ? "Publishing…" : "Publish"}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}

function GateStatus({ gates }: { gates: Gates }) {
  return (
    <section
      aria-labelledby="publish-gates-title"
      aria-live="polite"
      aria-busy={gates.state === "loading"}
      data-testid="publish-gates"
      data-state={gates.state === "ready" ? (gates.status.blocked ? "blocked" : "clear") : gates.state}
    >
      <h3 id="publish-gates-title" className="mb-1 text-sm font-medium text-slate-700">
        Test suites
      </h3>
      {gates.state === "loading" ? (
        <p className="text-sm text-slate-500">Checking the test suites for this draft…</p>
      ) : null}
      {gates.state === "error" ? (
        <p className="text-sm text-amber-800">{gates.message} Publishing still checks them.</p>
      ) : null}
      {gates.state === "ready" && gates.status.suites.length === 0 ? (
        <p className="text-sm text-slate-500">
          No test suite gates this flow.{" "}
          <Link href="/evals" className={linkClass}>
            Add one in Evaluations
          </Link>
        </p>
      ) : null}
      {gates.state === "ready" && gates.status.suites.length > 0 ? (
        <>
          {gates.status.blocked ? (
            <p className="mb-2 text-sm text-rose-700" data-testid="publish-blocked">
              Publishing is blocked until every suite below passes on draft revision {gates.status.draftRevision}.
            </p>
          ) : null}
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {gates.status.suites.map((suite) => (
              <li
                key={suite.suiteId}
                className="flex items-start justify-between gap-3 px-3 py-2 text-sm"
                data-testid="publish-gate-suite"
                data-blocked={suite.blocked}
              >
                <div className="min-w-0">
                  <Link href={`/evals/${suite.suiteId}`} className={linkClass}>
                    {suite.name}
                  </Link>
                  <p className="text-xs text-slate-600">{describeGateFigures(suite)}</p>
                  {suite.reason ? (
                    <p className={suite.blocked ? "text-xs text-rose-700" : "text-xs text-slate-500"}>{suite.reason}</p>
                  ) : null}
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <Badge tone={suite.blocked ? "red" : "green"} dot>
                    {suite.blocked ? "Blocks" : "Passes"}
                  </Badge>
                  <Link
                    href={`/evals/${suite.suiteId}?run=draft`}
                    className={buttonClass("secondary", "sm")}
                    aria-label={`Run ${suite.name} against this draft`}
                  >
                    Run
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
