// Where each output of the selected node leads, chosen from a list: the way to link nodes without the mouse. The list
// offers only nodes the connection rule accepts for that output (graph-operations.ts's outputTargets), so a choice
// is never refused; choosing "Not linked" removes the link. Each choice is one undo step.
"use client";
import { useMemo } from "react";
import { selectClass } from "@/components/ui/button";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { FlowNode } from "@/lib/model/flow/schema";
import { safeOutputs } from "./convert";
import { linkFrom, outputTargets } from "./graph-operations";
import { useEditor } from "./store";

export function OutputTargets({ node }: { node: FlowNode }) {
  const graph = useEditor((s) => s.graph);
  const setOutputTarget = useEditor((s) => s.setOutputTarget);
  const rows = useMemo(
    () =>
      safeOutputs(node).map((port) => {
        const current = linkFrom(graph, node.id, port.id);
        const targets = outputTargets(graph, node.id, port.id);
        // A link saved before a rule changed stays choosable until it is changed.
        const kept = current ? graph.nodes.find((n) => n.id === current.target) : undefined;
        return {
          port,
          current: current?.target ?? "",
          targets: kept && !targets.includes(kept) ? [kept, ...targets] : targets,
        };
      }),
    [graph, node],
  );
  if (!rows.length) return null;
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-slate-700">Outputs lead to</legend>
      <div className="space-y-1.5">
        {rows.map(({ port, current, targets }) => {
          const id = `output-target-${port.id}`;
          return (
            <div key={port.id} className="flex items-center gap-2">
              <label htmlFor={id} className="w-28 shrink-0 truncate text-xs text-slate-600" title={port.label}>
                {port.label}
              </label>
              <select
                id={id}
                value={current}
                onChange={(event) => setOutputTarget(node.id, port.id, event.target.value || null)}
                className={`${selectClass} min-w-0 flex-1`}
                data-testid="output-target"
                data-port={port.id}
              >
                <option value="">Not linked</option>
                {targets.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.label} ({NODE_KINDS[target.kind].label})
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
