"use client";
// One turn of the designer's test chat, under its replies: every node the message passed through, in path order, each
// a section that opens (components/flows/test-node-details.tsx). The nodes load from the server when the turn is
// opened, through the route that authorizes them as the conversation trace is authorized.
import { useQuery } from "@tanstack/react-query";
import { Disclosure } from "@/components/ui/disclosure";
import type { NodeDetailView } from "@/lib/features/conversations/prepare-node-detail";
import { TestNodeDetails } from "./test-node-details";

async function fetchTurn(flowId: string, conversationId: string, turn: number): Promise<NodeDetailView[]> {
  const response = await fetch(
    `/api/console/flows/${encodeURIComponent(flowId)}/tests/${encodeURIComponent(conversationId)}/turns/${turn}`,
    { cache: "no-store" },
  );
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `The turn could not be loaded (${response.status}).`);
  return (body as { nodes: NodeDetailView[] }).nodes;
}

/** In the newest turn, the nodes that did something open by default; a Start or a passing check keeps to its line. */
const taughtSomething = (node: NodeDetailView) =>
  !!(node.decision || node.toolCalls.length || node.stateChanges.lines.length || node.reply || node.error);

export function TestTurn({
  flowId,
  conversationId,
  turn,
  stepCount,
  failed,
  current,
  open,
  onOpenChange,
  onShowOnCanvas,
}: {
  flowId: string;
  conversationId: string;
  turn: number;
  stepCount: number;
  failed: number;
  /** The newest turn: its nodes that did something open by default. */
  current: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onShowOnCanvas: (nodeId: string) => void;
}) {
  // A finished turn's records never change: loaded once, kept while the panel is open.
  const query = useQuery({
    queryKey: ["test-turn", flowId, conversationId, turn],
    queryFn: () => fetchTurn(flowId, conversationId, turn),
    enabled: open && stepCount > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <li className="rounded-md border border-dashed border-slate-300 bg-slate-50/70 px-2 py-1.5" data-testid="test-turn">
      <Disclosure
        open={open}
        onOpenChange={onOpenChange}
        buttonClassName="py-0.5 text-xs font-medium text-slate-700 hover:text-slate-900"
        summary={
          <>
            What the flow did · {stepCount} {stepCount === 1 ? "node" : "nodes"}
            {failed ? <span className="text-rose-700"> · {failed} failed</span> : null}
          </>
        }
      >
        {stepCount === 0 ? (
          <p className="py-1 text-xs text-slate-600">The flow ran no nodes for this message.</p>
        ) : query.data ? (
          <ol className="mt-1 space-y-0.5" aria-label={`Nodes of turn ${turn}, in path order`}>
            {query.data.map((node, i) => (
              <TestNodeDetails
                key={node.id}
                node={node}
                index={i + 1}
                defaultOpen={current && taughtSomething(node)}
                onShowOnCanvas={onShowOnCanvas}
              />
            ))}
          </ol>
        ) : query.isError ? (
          <p className="py-1 text-xs text-rose-700" role="alert">
            {query.error.message}
          </p>
        ) : (
          // As tall as a row per node, so the list does not jump when the nodes arrive.
          <p className="py-1 text-xs text-slate-600" style={{ minHeight: `${stepCount * 2.75}rem` }} aria-busy>
            Loading {stepCount} nodes…
          </p>
        )}
      </Disclosure>
    </li>
  );
}
