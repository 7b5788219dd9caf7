// Right-hand inspector: the selected node's label and generated config form, or the selected edge's label /
// tool permission (rate limits, approval threshold, data scopes), or a summary of a multi-selection.
"use client";
import { clsx } from "clsx";
import { Trash2 } from "lucide-react";
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { buttonClass, inputClass } from "@/components/ui/button";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import { ConfigForm } from "./config-form";
import { pathKey, type FieldIssues } from "./config-schema";
import { safeOutputs } from "./convert";
import { OutputTargets } from "./output-targets";
import { PermissionFields } from "./permission-fields";
import { RouterModeAdvice } from "./router-mode-advice";
import { CATEGORY_CHIP, KIND_ICONS } from "./kind-meta";
import { useEditor } from "./store";

const EMPTY_ISSUES: FlowIssue[] = [];

/** Issue paths may be given relative to the node or to its config: normalise to config-relative. */
function fieldIssues(issues: FlowIssue[]): { byPath: FieldIssues; label: string[]; general: FlowIssue[] } {
  const byPath: FieldIssues = new Map();
  const label: string[] = [];
  const general: FlowIssue[] = [];
  for (const issue of issues) {
    const path = issue.path ?? [];
    if (path[0] === "label") {
      label.push(issue.message);
      continue;
    }
    const rel = path[0] === "config" ? path.slice(1) : path;
    if (!rel.length) {
      general.push(issue);
      continue;
    }
    const key = pathKey(rel);
    byPath.set(key, [...(byPath.get(key) ?? []), issue.message]);
  }
  return { byPath, label, general };
}

function IssueList({ issues }: { issues: FlowIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul className="space-y-1" aria-label="Issues on this item">
      {issues.map((issue, i) => (
        <li
          key={i}
          className={clsx(
            "rounded-md px-2 py-1.5 text-xs",
            issue.severity === "error"
              ? "bg-rose-50 text-rose-800 ring-1 ring-rose-200"
              : "bg-amber-50 text-amber-900 ring-1 ring-amber-200",
          )}
        >
          <span className="font-semibold">{issue.severity === "error" ? "Error" : "Warning"}:</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useEditor((s) => s.graph.nodes.find((n) => n.id === nodeId));
  const issues = useEditor(
    useShallow((s) =>
      s.issuesByNode[nodeId] ? s.issues.filter((i) => i.nodeId === nodeId && !i.edgeId) : EMPTY_ISSUES,
    ),
  );
  const renameNode = useEditor((s) => s.renameNode);
  const setNodeConfigAt = useEditor((s) => s.setNodeConfigAt);
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const { byPath, label, general } = useMemo(() => fieldIssues(issues), [issues]);
  // Unknown paths (not rendered as a field) go to the general list as well.
  const shown = useMemo(() => {
    if (!node) return general;
    const extra = issues.filter((i) => {
      const rel = (i.path?.[0] === "config" ? i.path.slice(1) : (i.path ?? [])) as (string | number)[];
      return rel.length > 0 && i.path?.[0] !== "label" && !hasPath(node.config, rel.slice(0, -1));
    });
    return [...general, ...extra];
  }, [general, issues, node]);
  if (!node) return null;
  const spec = NODE_KINDS[node.kind];
  const Icon = KIND_ICONS[node.kind];

  return (
    <div className="space-y-4 p-3">
      <div className="flex items-start gap-2">
        <span
          className={clsx(
            "mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md",
            CATEGORY_CHIP[spec.category],
          )}
        >
          <Icon aria-hidden className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{spec.label}</h2>
          <p className="text-xs text-slate-500">{spec.description}</p>
          <p className="mt-0.5 font-mono text-[11px] text-slate-500">id: {node.id}</p>
        </div>
        <button
          type="button"
          onClick={deleteSelection}
          className={buttonClass("ghost", "sm", "text-slate-500 hover:text-rose-700")}
          aria-label={`Delete ${node.label}`}
        >
          <Trash2 aria-hidden className="size-4" />
        </button>
      </div>
      <IssueList issues={shown} />
      <div>
        <label htmlFor="inspector-label" className="mb-1 block text-xs font-medium text-slate-700">
          Label
        </label>
        <input
          id="inspector-label"
          value={node.label}
          maxLength={80}
          onChange={(e) => renameNode(node.id, e.target.value)}
          className={inputClass}
          aria-invalid={label.length ? true : undefined}
          aria-describedby={label.length ? "inspector-label-error" : undefined}
        />
        {label.length ? (
          <p id="inspector-label-error" className="mt-1 text-xs text-rose-700">
            {label.join(" ")}
          </p>
        ) : null}
      </div>
      <ConfigForm
        kind={node.kind}
        config={node.config}
        issues={byPath}
        onChange={(path, value) => setNodeConfigAt(node.id, path, value)}
      />
      <RouterModeAdvice node={node} />
      <OutputTargets node={node} />
    </div>
  );
}

function hasPath(value: unknown, path: (string | number)[]): boolean {
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return false;
    cur = (cur as Record<string | number, unknown>)[key];
    if (cur === undefined) return false;
  }
  return true;
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useEditor((s) => s.graph.edges.find((e) => e.id === edgeId));
  const source = useEditor((s) => (edge ? s.graph.nodes.find((n) => n.id === edge.source) : undefined));
  const target = useEditor((s) => (edge ? s.graph.nodes.find((n) => n.id === edge.target) : undefined));
  const issues = useEditor(useShallow((s) => s.issues.filter((i) => i.edgeId === edgeId)));
  const updateEdge = useEditor((s) => s.updateEdge);
  const deleteEdges = useEditor((s) => s.deleteEdges);
  if (!edge) return null;
  const port = source ? safeOutputs(source).find((p) => p.id === edge.sourceHandle) : undefined;
  return (
    <div className="space-y-4 p-3">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">
            {edge.kind === "tool" ? "Tool permission" : "Connection"}
          </h2>
          <p className="text-xs text-slate-600">
            {source?.label ?? edge.source}
            {edge.kind === "control" ? ` · ${port?.label ?? edge.sourceHandle}` : ""} → {target?.label ?? edge.target}
          </p>
          <p className="mt-0.5 font-mono text-[11px] text-slate-500">id: {edge.id}</p>
        </div>
        <button
          type="button"
          onClick={() => deleteEdges([edge.id])}
          className={buttonClass("ghost", "sm", "text-slate-500 hover:text-rose-700")}
          aria-label="Delete this link"
        >
          <Trash2 aria-hidden className="size-4" />
        </button>
      </div>
      <IssueList issues={issues} />
      {edge.kind === "tool" ? (
        <>
          <p className="text-xs text-slate-600">
            {source?.label ?? edge.source} may call {target?.label ?? edge.target} within these limits.
          </p>
          <PermissionFields edge={edge} />
        </>
      ) : (
        <div>
          <label htmlFor="edge-label" className="mb-1 block text-xs font-medium text-slate-700">
            Label <span className="font-normal text-slate-500">(optional; defaults to the output name)</span>
          </label>
          <input
            id="edge-label"
            value={edge.label ?? ""}
            maxLength={80}
            onChange={(e) => updateEdge(edge.id, { label: e.target.value || undefined }, `edge-label:${edge.id}`)}
            className={inputClass}
          />
        </div>
      )}
    </div>
  );
}

export function Inspector() {
  const nodeIds = useEditor((s) => s.selectedNodeIds);
  const edgeIds = useEditor((s) => s.selectedEdgeIds);
  const nodeCount = useEditor((s) => s.graph.nodes.length);
  const edgeCount = useEditor((s) => s.graph.edges.length);
  const deleteSelection = useEditor((s) => s.deleteSelection);

  let body: React.ReactNode;
  if (nodeIds.length === 1) body = <NodeInspector key={nodeIds[0]} nodeId={nodeIds[0]} />;
  else if (nodeIds.length === 0 && edgeIds.length === 1) body = <EdgeInspector key={edgeIds[0]} edgeId={edgeIds[0]} />;
  else if (nodeIds.length + edgeIds.length > 1)
    body = (
      <div className="space-y-3 p-3 text-sm text-slate-700">
        <p>
          {nodeIds.length} node{nodeIds.length === 1 ? "" : "s"} and {edgeIds.length} link
          {edgeIds.length === 1 ? "" : "s"} selected.
        </p>
        <button type="button" onClick={deleteSelection} className={buttonClass("secondary", "sm")}>
          <Trash2 aria-hidden className="size-3.5" />
          Delete selection
        </button>
      </div>
    );
  else
    body = (
      <div className="space-y-2 p-3 text-sm text-slate-600">
        <p>
          {nodeCount} nodes · {edgeCount} links
        </p>
        <p className="text-xs">
          Select a node or a link to edit it. Shift-drag to select several; press ? for shortcuts.
        </p>
      </div>
    );

  return (
    <aside aria-label="Inspector" data-testid="inspector" className="h-full overflow-y-auto">
      {body}
    </aside>
  );
}
