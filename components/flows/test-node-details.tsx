// One node a test turn passed through, as a section that opens and closes: what it received, what it produced (the
// reply or the route it chose), the state it changed, a router's candidates and the tool calls it made. The same
// records and pieces the conversation's trace shows (components/trace/).
import { Crosshair } from "lucide-react";
import type { ReactNode } from "react";
import { RouterDecision } from "@/components/trace/router-decision";
import { StateChanges } from "@/components/trace/state-changes";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Disclosure } from "@/components/ui/disclosure";
import { formatStepDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { NodeKindBadge } from "@/components/ui/status-badges";
import type { NodeDetailView } from "@/lib/features/conversations/prepare-node-detail";
import { TestToolCalls } from "./test-tool-calls";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The one line a closed section shows: what the node did, in a few words. */
function headline(node: NodeDetailView): string | null {
  if (node.error) return node.error;
  if (node.decision) return `chose ${node.decision.chosenLabel} · ${pct(node.decision.confidence)}`;
  if (node.reply) return `“${clip(node.reply, 70)}”`;
  if (node.toolCalls.length) return `${node.toolCalls.length} tool call${node.toolCalls.length === 1 ? "" : "s"}`;
  return node.summary;
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-1" aria-label={title}>
      <h3 className="text-[10px] font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      {children}
    </section>
  );
}

const none = (text: string) => <p className="text-xs text-slate-600">{text}</p>;

export function TestNodeDetails({
  node,
  index,
  defaultOpen,
  onShowOnCanvas,
}: {
  node: NodeDetailView;
  index: number;
  defaultOpen: boolean;
  onShowOnCanvas: (nodeId: string) => void;
}) {
  const input = node.input && typeof node.input === "object" ? (node.input as Record<string, unknown>) : null;
  const received = typeof input?.text === "string" ? input.text : null;
  const failed = node.status === "failed";
  const line = headline(node);
  return (
    <li data-testid="test-node" data-node-id={node.nodeId} data-kind={node.nodeKind} data-status={node.status}>
      <Disclosure
        defaultOpen={defaultOpen}
        buttonClassName="px-1 py-1 hover:bg-slate-50"
        summary={
          <span className="block">
            <span className="flex flex-wrap items-center gap-1.5 text-xs">
              <span className="tabular-nums text-slate-600">{index}.</span>
              <span className="font-medium text-slate-900">{node.nodeLabel}</span>
              <NodeKindBadge kind={node.nodeKind} />
              {failed ? <Badge tone="red">failed</Badge> : null}
              <span className="tabular-nums text-slate-600">{formatStepDuration(node.durationMs)}</span>
            </span>
            {line ? (
              <span
                className={failed ? "block truncate text-xs text-rose-700" : "block truncate text-xs text-slate-600"}
              >
                {line}
              </span>
            ) : null}
          </span>
        }
      >
        <div className="ml-5 space-y-3 border-l border-slate-200 pb-2 pl-3 pt-1" data-testid="test-node-body">
          <Part title="Received">
            {received !== null ? (
              <p className="whitespace-pre-wrap break-words text-xs text-slate-800">“{received}”</p>
            ) : (
              none("No message: the engine resumed this node.")
            )}
            {input && Object.keys(input).some((key) => key !== "text") ? (
              <Disclosure summary={<span className="text-xs text-slate-600">All of its input</span>}>
                <JsonView label="Input" value={node.input} />
              </Disclosure>
            ) : null}
          </Part>
          <Part title="Produced">
            {node.error ? <p className="text-xs text-rose-700">{node.error}</p> : null}
            {node.decision ? (
              <p className="text-xs text-slate-800" data-testid="test-node-route">
                Went to <b className="font-medium">{node.decision.chosenLabel}</b>{" "}
                <code className="font-mono text-[11px] text-slate-600">{node.decision.chosen}</code> with{" "}
                {pct(node.decision.confidence)} (threshold {pct(node.decision.threshold)}).
              </p>
            ) : null}
            {node.reply ? (
              <p className="whitespace-pre-wrap break-words text-xs text-slate-800" data-testid="test-node-reply">
                Replied “{node.reply}”
              </p>
            ) : null}
            {!node.error && !node.decision && !node.reply
              ? none(
                  node.summary ? `${node.summary[0].toUpperCase()}${node.summary.slice(1)}.` : "No reply of its own.",
                )
              : null}
            <Disclosure summary={<span className="text-xs text-slate-600">All of its output</span>}>
              <JsonView label="Output" value={node.output} />
            </Disclosure>
          </Part>
          {/* The trace's own list, which carries its "State changes" heading. */}
          {node.stateChanges.lines.length ? (
            <StateChanges changes={node.stateChanges} />
          ) : (
            <Part title="State changes">{none("This node changed no state.")}</Part>
          )}
          {node.decision ? (
            <Part title="Routing candidates">
              <RouterDecision decision={node.decision} />
            </Part>
          ) : null}
          {node.callsTools || node.toolCalls.length ? (
            <Part title="Tool calls">
              {node.toolCalls.length ? <TestToolCalls calls={node.toolCalls} /> : none("This node made no tool calls.")}
            </Part>
          ) : null}
          <div className="flex items-center gap-2">
            <button
              type="button"
              onClick={() => onShowOnCanvas(node.nodeId)}
              className={buttonClass("ghost", "sm", "gap-1 text-xs")}
            >
              <Crosshair aria-hidden className="size-3.5" />
              Show on the canvas <span className="sr-only">({node.nodeLabel})</span>
            </button>
            <code className="font-mono text-[10px] text-slate-600" data-testid="test-node-id">
              id {node.nodeId}
            </code>
          </div>
        </div>
      </Disclosure>
    </li>
  );
}
