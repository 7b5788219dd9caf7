// The one canvas node component: reads the registry for icon, label, summary and ports. Memoised; it subscribes
// only to its own validation summary, test-trace mark and whether the canvas is zoomed out to its overview (then it
// draws the large-type card every canvas shares), so a change elsewhere never re-renders it.
"use client";
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { clsx } from "clsx";
import { memo, useMemo, type CSSProperties } from "react";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { INPUT_HANDLE, PERMISSION_HANDLE, safeOutputs, safeSummary, TOOLS_HANDLE, type DesignerNode } from "./convert";
import { FlowCard } from "./flow-card";
import { traceFailed } from "./snapshot-scene";
import { CATEGORY_CHIP, KIND_ICONS } from "./kind-meta";
import { DETAILED_TEXT, fitText, OVERVIEW_TEXT, placeRouteLabels } from "./route-labels";
import { useOverview } from "./semantic-zoom";
import type { NodeIssueSummary } from "./graph-operations";
import { useEditor, type TraceMark } from "./store";
import { useRefreshHandles } from "./use-refresh-handles";

// Text is clipped here rather than with CSS `truncate`: overflow clipping on every line of 500 nodes multiplies
// the browser's paint chunks, and re-layerizing them is what made panning a large flow slow.
const SUMMARY_CHARS = 38;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const controlHandle = "sb-hit !size-3 !border-2 !border-white !bg-slate-500 hover:!bg-indigo-600";
const toolHandle = "sb-hit !size-3 !rotate-45 !rounded-[2px] !border-2 !border-white !bg-amber-500 hover:!bg-amber-600";
const ROW_STYLE = { "--sb-row": `${DETAILED_TEXT.rowPitch}px` } as CSSProperties;

function Badges({ issues, mark, failed }: { issues: NodeIssueSummary | undefined; mark?: TraceMark; failed: boolean }) {
  return (
    <>
      {issues ? (
        <span
          className={clsx(
            "shrink-0 rounded-full px-1.5 py-0.5 text-[11px] font-semibold tabular-nums",
            issues.errors ? "bg-rose-600 text-white" : "bg-amber-400 text-amber-950",
          )}
          title={issues.text}
          aria-label={issueLabel(issues)}
          data-testid="node-issue-badge"
        >
          {issues.errors || issues.warnings}
        </span>
      ) : null}
      {mark ? (
        <span
          className={clsx(
            "shrink-0 rounded-full px-1.5 py-0.5 text-[11px] font-semibold tabular-nums text-white",
            failed ? "bg-rose-600" : "bg-sky-600",
          )}
          title={failed ? `Step ${mark.order} failed: ${mark.error}` : `Step ${mark.order} (${mark.status})`}
        >
          {mark.order}
        </span>
      ) : null}
    </>
  );
}

function issueLabel(issues: NodeIssueSummary | undefined): string {
  if (!issues) return "";
  const errors = issues.errors ? `${issues.errors} error${issues.errors === 1 ? "" : "s"}` : "";
  const warnings = issues.warnings ? `${issues.warnings} warning${issues.warnings === 1 ? "" : "s"}` : "";
  return [errors, warnings].filter(Boolean).join(", ");
}

function FlowNodeView({ id, data, selected }: NodeProps<DesignerNode>) {
  const node = data.node;
  const spec = NODE_KINDS[node.kind];
  const Icon = KIND_ICONS[node.kind];
  const issues = useEditor((s) => s.issuesByNode[id]);
  const mark = useEditor((s) => s.trace[id]);
  const overview = useOverview();
  const outputs = useMemo(() => safeOutputs(node), [node]);
  useRefreshHandles(
    id,
    useMemo(() => outputs.map((port) => port.id), [outputs]),
  );
  const summary = useMemo(() => (overview ? [] : safeSummary(node)), [node, overview]);
  const rows = useMemo(() => (overview ? [] : placeRouteLabels(outputs, DETAILED_TEXT)), [outputs, overview]);

  const issueText = issueLabel(issues);
  const failed = traceFailed(mark);
  const tone = clsx(
    selected ? "border-indigo-500 ring-2 ring-indigo-500/40" : issues?.errors ? "border-rose-300" : "border-slate-300",
    mark && (failed ? "!border-rose-600 ring-4 ring-rose-500/40" : "!border-sky-500 ring-4 ring-sky-400/40"),
  );
  const common = {
    "data-kind": node.kind,
    "data-trace": mark ? (failed ? "failed" : "ok") : undefined,
    "aria-label": `${spec.label}: ${node.label}${issueText ? ` (${issueText})` : ""}`,
  };

  if (overview)
    return (
      <FlowCard
        kind={node.kind}
        label={node.label}
        outputs={outputs}
        metrics={OVERVIEW_TEXT}
        connectable
        className={clsx("sb-node bg-white", tone)}
        badges={issues || mark ? <Badges issues={issues} mark={mark} failed={failed} /> : null}
        {...common}
      />
    );

  const title = fitText(node.label, DETAILED_TEXT.titleFont, DETAILED_TEXT.titleWidth);
  return (
    <div className={clsx("sb-node w-60 rounded-lg border bg-white text-left shadow-sm", tone)} {...common}>
      {spec.toolLinks === "target" ? (
        <Handle
          type="target"
          id={PERMISSION_HANDLE}
          position={Position.Top}
          className={toolHandle}
          title="Tool permission: link an agent's tools handle here"
        />
      ) : null}
      <div className="relative flex items-center gap-2 border-b border-slate-100 px-2.5 py-2">
        {spec.hasInput ? (
          <Handle type="target" id={INPUT_HANDLE} position={Position.Left} className={controlHandle} title="Input" />
        ) : null}
        <span
          className={clsx("flex size-6 shrink-0 items-center justify-center rounded-md", CATEGORY_CHIP[spec.category])}
        >
          <Icon aria-hidden className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <div
            className="whitespace-nowrap text-[13px] font-semibold leading-tight text-slate-900"
            title={title.truncated ? title.full : undefined}
          >
            {title.text}
          </div>
          <div className="sb-node-detail whitespace-nowrap text-[11px] leading-tight text-slate-500">{spec.label}</div>
        </div>
        <Badges issues={issues} mark={mark} failed={failed} />
      </div>
      {summary.length ? (
        <ul className="sb-node-detail space-y-0.5 px-2.5 py-1.5 text-[11px] leading-snug text-slate-600">
          {summary.slice(0, 3).map((line, i) => (
            <li key={i} className="whitespace-nowrap">
              {clip(line, SUMMARY_CHARS)}
            </li>
          ))}
        </ul>
      ) : null}
      {failed ? (
        <p className="border-t border-rose-100 bg-rose-50 px-2.5 py-1 text-[11px] text-rose-800">{mark.error}</p>
      ) : null}
      {rows.length ? (
        <div className="border-t border-slate-100">
          {rows.map((row) => (
            <div
              key={row.id}
              className="relative flex items-center justify-end pr-3 text-[11px] text-slate-600"
              style={{ height: row.height }}
            >
              <span
                className="whitespace-nowrap pl-2"
                title={row.truncated ? row.full : undefined}
                data-testid="route-label"
              >
                {row.text}
              </span>
              <Handle
                type="source"
                id={row.id}
                position={Position.Right}
                className={`${controlHandle} sb-hit-row`}
                style={ROW_STYLE}
                title={`Output: ${row.full}`}
              />
            </div>
          ))}
        </div>
      ) : null}
      {spec.toolLinks === "source" ? (
        <div className="relative flex h-5 items-center border-t border-dashed border-amber-200 bg-amber-50/60 pl-2.5 text-[11px] text-amber-800">
          <span className="sb-node-detail">tools</span>
          <Handle
            type="source"
            id={TOOLS_HANDLE}
            position={Position.Bottom}
            className={toolHandle}
            title="Tools: drag to a tool's permission handle to let this agent call it"
          />
        </div>
      ) : null}
    </div>
  );
}

export const FlowNodeComponent = memo(FlowNodeView);

/** Module scope: React Flow must get the same object on every render. */
export const nodeTypes: NodeTypes = { flow: FlowNodeComponent };
