// Permissions matrix: agents × tool nodes, each tool by its label over the name traces and evals call it by. A cell
// is the same tool link the canvas draws: ticking it creates the agent→tool permission edge, unticking removes it,
// "Limits" selects it so the inspector edits its limits.
"use client";
import { clsx } from "clsx";
import { SlidersHorizontal } from "lucide-react";
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { buttonClass } from "@/components/ui/button";
import { toolName } from "@/lib/model/flow/flow-names";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { permissionSummary } from "./convert";
import { useEditor, useEditorStoreApi } from "./store";

export function MatrixView() {
  const store = useEditorStoreApi();
  const agents = useEditor(useShallow((s) => s.graph.nodes.filter((n) => n.kind === "agent")));
  // Remote agents are granted exactly like tools.
  const tools = useEditor(useShallow((s) => s.graph.nodes.filter((n) => NODE_KINDS[n.kind].toolLinks === "target")));
  const toolEdges = useEditor(useShallow((s) => s.graph.edges.filter((e) => e.kind === "tool")));
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const links = useMemo(() => new Map(toolEdges.map((e) => [`${e.source}→${e.target}`, e])), [toolEdges]);

  if (!agents.length || !tools.length) {
    return (
      <div
        data-testid="matrix-view"
        role="region"
        aria-label="Permissions matrix"
        className="p-6 text-sm text-slate-600"
      >
        The matrix lists which agents may call which tools and remote agents. Add at least one Agent and one Tool or
        Remote agent node to use it.
      </div>
    );
  }

  return (
    <div data-testid="matrix-view" role="region" aria-label="Permissions matrix" className="h-full overflow-auto p-4">
      <p className="mb-3 max-w-2xl text-xs text-slate-600">
        Tick a cell to let that agent call that tool (the same dashed permission link as on the canvas). Use Limits to
        set rate limits, an approval threshold and data scopes in the inspector.
      </p>
      <table className="border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Which agent may call which tool</caption>
        <thead>
          <tr>
            <th
              scope="col"
              className="sticky left-0 top-0 z-20 border-b border-r border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500"
            >
              Agent \ Tool
            </th>
            {tools.map((tool) => (
              <th
                key={tool.id}
                scope="col"
                className="sticky top-0 z-10 min-w-36 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-700"
              >
                {tool.label}
                <div
                  className="font-mono text-[10px] font-normal text-slate-500"
                  title="The name traces and eval cases use for this tool"
                >
                  {toolName(tool)}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id}>
              <th
                scope="row"
                className="sticky left-0 z-10 border-b border-r border-slate-200 bg-white px-3 py-2 text-left text-xs font-medium text-slate-800"
              >
                {agent.label}
                <div className="font-mono text-[10px] font-normal text-slate-500">{agent.id}</div>
              </th>
              {tools.map((tool) => {
                const edge = links.get(`${agent.id}→${tool.id}`);
                const summary = edge ? permissionSummary(edge.permission) : "";
                const selected = !!edge && selectedEdgeIds.includes(edge.id);
                return (
                  <td
                    key={tool.id}
                    className={clsx(
                      "border-b border-slate-100 px-3 py-2 align-top",
                      edge ? "bg-amber-50/60" : "",
                      selected && "ring-2 ring-inset ring-indigo-500",
                    )}
                    data-testid="matrix-cell"
                    data-agent={agent.id}
                    data-tool={tool.id}
                    data-linked={edge ? "true" : "false"}
                  >
                    <div className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={!!edge}
                        onChange={() => {
                          const id = store.getState().toggleToolLink(agent.id, tool.id);
                          if (id) store.getState().select([], [id]);
                        }}
                        className="size-4 rounded border-slate-300 text-amber-700"
                        aria-label={`Allow ${agent.label} to call ${tool.label}`}
                      />
                      {edge ? (
                        <button
                          type="button"
                          onClick={() => store.getState().select([], [edge.id])}
                          className={buttonClass("ghost", "sm", "!h-6 !px-1.5 text-xs")}
                          aria-label={`Limits for ${agent.label} calling ${tool.label}`}
                        >
                          <SlidersHorizontal aria-hidden className="size-3.5" />
                          Limits
                        </button>
                      ) : null}
                    </div>
                    {summary ? <div className="mt-1 text-[11px] text-amber-900">{summary}</div> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
