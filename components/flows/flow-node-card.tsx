// One node of a published flow version as the overview page shows it: its settings by kind (a router with its
// routes and training examples), and where each of its outputs leads.
import { PriorityBadge } from "@/components/ui/status-badges";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Time } from "@/components/ui/time";
import type { EdgeView, NodeView } from "@/lib/features/flows/version-graph";
import { Setting, Targets } from "./overview-fields";

const ROUTES_OPEN_LIMIT = 12;

export function NodeCard({
  node,
  nodes,
  edges,
  model,
}: {
  node: NodeView;
  nodes: Map<string, NodeView>;
  edges: EdgeView[];
  model?: { exampleCount: number; intentCount: number; trainedAt: Date };
}) {
  return (
    <div id={`node-${node.id}`} className="scroll-mt-6 px-4 py-4" data-testid="flow-node" data-kind={node.kind}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{node.label}</h3>
        <span className="font-mono text-xs text-slate-500">{node.id}</span>
      </div>
      {node.kind === "start" ? (
        <dl className="grid gap-3 sm:grid-cols-3">
          <Setting label="Channels">{node.channels.join(", ")}</Setting>
          <Setting label="Then">
            <Targets edges={edges} nodes={nodes} source={node.id} handle="out" />
          </Setting>
          <Setting label="Greeting" className="sm:col-span-3">
            {node.greeting ? (
              <q className="text-slate-700">{node.greeting}</q>
            ) : (
              <span className="text-slate-500">none</span>
            )}
          </Setting>
        </dl>
      ) : null}
      {node.kind === "router" ? (
        <div className="space-y-3">
          <dl className="grid gap-3 sm:grid-cols-4">
            <Setting label="Strategy">{node.strategy === "classifier" ? "Intent classifier" : node.strategy}</Setting>
            <Setting label="Confidence threshold">{node.threshold.toFixed(2)}</Setting>
            <Setting label="Routes">{node.routes.length}</Setting>
            <Setting label="Trained model">
              {model ? (
                <>
                  {model.exampleCount.toLocaleString("en")} examples, {model.intentCount} intents ·{" "}
                  <Time value={model.trainedAt} className="text-slate-600" />
                </>
              ) : (
                <span className="text-rose-700">not trained for this version</span>
              )}
            </Setting>
          </dl>
          <p className="text-xs text-slate-600">
            Below the threshold the message takes the <span className="font-medium">low confidence</span> output:{" "}
            <Targets edges={edges} nodes={nodes} source={node.id} handle="low_confidence" />
          </p>
          <details open={node.routes.length <= ROUTES_OPEN_LIMIT} className="group">
            <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">
              {node.routes.length} routes with their training examples
            </summary>
            <ScrollRegion label={`Routes of ${node.label}`} className="mt-2 rounded-md border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Routes of {node.label}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Route
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-right text-xs font-medium text-slate-500">
                      Examples
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Sample examples
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Goes to
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {node.routes.map((route) => (
                    <tr key={route.id}>
                      <td className="px-3 py-1.5 align-top">
                        <div className="font-medium text-slate-800">{route.label}</div>
                        <div className="font-mono text-xs text-slate-500">{route.id}</div>
                      </td>
                      <td className="px-3 py-1.5 text-right align-top tabular-nums">
                        {route.exampleCount.toLocaleString("en")}
                      </td>
                      <td className="max-w-sm px-3 py-1.5 align-top text-xs text-slate-600">
                        {route.samples.length ? route.samples.map((s) => `“${s}”`).join(" · ") : "none"}
                      </td>
                      <td className="px-3 py-1.5 align-top text-xs">
                        <Targets edges={edges} nodes={nodes} source={node.id} handle={route.id} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </div>
      ) : null}
      {node.kind === "agent" ? (
        <dl className="grid gap-3 sm:grid-cols-3">
          <Setting label="Mode">{node.mode}</Setting>
          <Setting label="Tool">
            {node.tool ? (
              <code className="font-mono text-xs">{node.tool}</code>
            ) : (
              <span className="text-slate-500">none</span>
            )}
          </Setting>
          <Setting label="Then">
            <Targets edges={edges} nodes={nodes} source={node.id} handle="out" />
          </Setting>
          <Setting label="Reply template" className="sm:col-span-3">
            <code className="block whitespace-pre-wrap rounded-md bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
              {node.reply}
            </code>
          </Setting>
        </dl>
      ) : null}
      {node.kind === "escalate" ? (
        <dl className="grid gap-3 sm:grid-cols-4">
          <Setting label="Queue">{node.queue}</Setting>
          <Setting label="Priority">
            <PriorityBadge priority={node.priority} />
          </Setting>
          <Setting label="SLA">{node.slaMinutes} min to first human reply</Setting>
          <Setting label="Reason">{node.reason}</Setting>
          <Setting label="Message to the customer" className="sm:col-span-4">
            <q className="text-slate-700">{node.message}</q>
          </Setting>
        </dl>
      ) : null}
      {node.kind === "end" ? (
        <dl>
          <Setting label="Outcome">{node.outcome}</Setting>
        </dl>
      ) : null}
      {"summary" in node ? (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
          {node.summary.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
