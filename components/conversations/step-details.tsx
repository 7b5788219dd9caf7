"use client";
// A transcript step's input and output (and a router's every candidate), fetched the first time the step is expanded:
// the page ships only what a reader scans (labels, decisions, state changes), not every step's payload.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { JsonView } from "@/components/ui/json-view";
import type { StepDetail } from "@/lib/features/conversations/get-conversation-trace";

type State =
  { status: "idle" | "loading" } | { status: "ready"; detail: StepDetail } | { status: "error"; message: string };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// The conversation is given once per turn rather than to each of its steps (every prop is repeated in the payload).
const ConversationContext = createContext<string | null>(null);

export function StepDetailsScope({ conversationId, children }: { conversationId: string; children: ReactNode }) {
  return <ConversationContext value={conversationId}>{children}</ConversationContext>;
}

export function StepDetails({ stepId, router }: { stepId: string; router?: boolean }) {
  const conversationId = useContext(ConversationContext);
  const [state, setState] = useState<State>({ status: "idle" });
  const ref = useRef<HTMLDetailsElement>(null);

  const load = () => {
    if (!conversationId) return;
    setState({ status: "loading" });
    fetch(`/api/console/conversations/${encodeURIComponent(conversationId)}/steps/${encodeURIComponent(stepId)}`, {
      cache: "no-store",
    })
      .then(async (response) => {
        const body = await response.json().catch(() => null);
        if (!response.ok) throw new Error(body?.error?.message ?? `The step could not be loaded (${response.status}).`);
        setState({ status: "ready", detail: body as StepDetail });
      })
      .catch((error: unknown) =>
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
      );
  };

  // The transcript hydrates after the trace view: a step opened before that has missed its toggle event.
  useEffect(() => {
    if (ref.current?.open) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount: later opens come through the toggle event
  }, []);

  return (
    <details
      ref={ref}
      className="mt-1"
      data-testid="step-details"
      onToggle={(event) => {
        if (event.currentTarget.open && (state.status === "idle" || state.status === "error")) load();
      }}
    >
      <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">
        {router ? "All candidates, input and output" : "Input and output"}
      </summary>
      <div className="mt-1 space-y-2" aria-live="polite">
        {state.status === "loading" ? <p className="text-xs text-slate-500">Loading…</p> : null}
        {state.status === "error" ? (
          <p className="text-xs text-rose-700" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.status === "ready" ? (
          <>
            {state.detail.candidates ? (
              <table className="w-full max-w-md text-xs" data-testid="step-candidates">
                <caption className="sr-only">Every candidate route with its score</caption>
                <tbody>
                  {state.detail.candidates.map((c) => (
                    <tr key={c.intent}>
                      <td className="py-0.5 pr-2 text-slate-700">{c.label}</td>
                      <td className="py-0.5 pr-2 font-mono text-slate-500">{c.intent}</td>
                      <td className="py-0.5 text-right tabular-nums text-slate-700">{pct(c.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <div data-testid="step-input">
              <JsonView label="Input" value={state.detail.input} />
            </div>
            <div data-testid="step-output">
              <JsonView label="Output" value={state.detail.output} />
            </div>
          </>
        ) : null}
      </div>
    </details>
  );
}
