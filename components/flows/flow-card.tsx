"use client";
// A node drawn as a card: icon chip in its category's colour, the title in at most two lines, then one row per
// output with its route label and handle. The designer draws its nodes this way when zoomed out; the read-only
// canvases (a conversation's path, the History diff) always do, so every canvas reads the same.
import { Handle, Position } from "@xyflow/react";
import { clsx } from "clsx";
import type { ComponentProps, CSSProperties, ReactNode } from "react";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import { INPUT_HANDLE, PERMISSION_HANDLE, TOOLS_HANDLE } from "./convert";
import { CATEGORY_CHIP, CATEGORY_EDGE, kindVisual } from "./kind-meta";
import { handleDot, NODE_WIDTH, placeRouteLabels, wrapTitle, type RoutePort, type TextMetrics } from "./route-labels";

const dot = "sb-hit !border-2 !border-white";
const controlDot = `${dot} !bg-slate-500 hover:!bg-indigo-600`;
// A square rather than the detailed node's diamond: rotating it would be a transform per handle (semantic-zoom.tsx).
const toolDot = `${dot} !rounded-[2px] !bg-amber-500 hover:!bg-amber-600`;

type FlowCardProps = Omit<ComponentProps<"div">, "children"> & {
  kind: string;
  label: string;
  outputs: RoutePort[];
  metrics: TextMetrics;
  /** The designer's cards can be linked from and to; the read-only ones cannot. */
  connectable: boolean;
  /** Border and background (with the status it shows), e.g. "border-slate-300 bg-white". */
  className: string;
  /** Counters (issues, a test step) pinned to the top right corner, scaled with the card's type. */
  badges?: ReactNode;
  /** A line under the title, e.g. why a step failed. */
  footer?: ReactNode;
  titleClassName?: string;
};

export function FlowCard({
  kind,
  label,
  outputs,
  metrics,
  connectable,
  badges,
  footer,
  className,
  titleClassName,
  ...rest
}: FlowCardProps) {
  const { Icon, category, label: kindLabel } = kindVisual(kind);
  const spec = NODE_KINDS[kind as NodeKind] as (typeof NODE_KINDS)[NodeKind] | undefined;
  const title = wrapTitle(label, metrics);
  const rows = placeRouteLabels(outputs, metrics);
  const dotSize = handleDot(metrics);
  const dotStyle = { width: dotSize, height: dotSize, minWidth: 0, minHeight: 0 } as CSSProperties;
  const rowStyle = { ...dotStyle, "--sb-row": `${metrics.rowPitch}px` } as CSSProperties;

  return (
    <div
      className={clsx(
        "sb-card relative rounded-lg border border-l-[6px] text-left",
        CATEGORY_EDGE[category],
        className,
      )}
      style={{ width: NODE_WIDTH, "--sb-dot": `${dotSize}px` } as CSSProperties}
      {...rest}
    >
      {spec?.toolLinks === "target" ? (
        <Handle
          type="target"
          id={PERMISSION_HANDLE}
          position={Position.Top}
          className={toolDot}
          style={dotStyle}
          isConnectable={connectable}
          title={connectable ? "Tool permission: link an agent's tools handle here" : undefined}
        />
      ) : null}
      <div
        className="relative flex items-center"
        style={{ padding: metrics.pad, paddingTop: metrics.chipOnCorner ? metrics.chip * 0.6 : metrics.pad, gap: 8 }}
      >
        <span
          className={clsx(
            "flex shrink-0 items-center justify-center rounded-md",
            CATEGORY_CHIP[category],
            metrics.chipOnCorner && "absolute ring-2 ring-white",
          )}
          style={{
            width: metrics.chip,
            height: metrics.chip,
            ...(metrics.chipOnCorner ? { left: -metrics.chip * 0.4, top: -metrics.chip * 0.4 } : {}),
          }}
          title={kindLabel}
        >
          <Icon aria-hidden style={{ width: metrics.chip * 0.6, height: metrics.chip * 0.6 }} />
        </span>
        {/* After the icon, which may sit on the corner: the handle's hit area must lie on top of it. */}
        {spec?.hasInput !== false ? (
          <Handle
            type="target"
            id={INPUT_HANDLE}
            position={Position.Left}
            className={controlDot}
            style={dotStyle}
            isConnectable={connectable}
            title={connectable ? "Input" : undefined}
          />
        ) : null}
        <div
          className={clsx("min-w-0 font-semibold text-slate-900", titleClassName)}
          style={{ fontSize: metrics.titleFont, lineHeight: `${metrics.titleLine}px` }}
          title={title.truncated ? label : undefined}
          data-testid="card-title"
        >
          {/* A space ends each wrapped line, so the title's text (copied, found, read) has its words apart. */}
          {title.lines.map((line, i) => (
            <div key={i} className="whitespace-nowrap">
              {i < title.lines.length - 1 ? `${line} ` : line}
            </div>
          ))}
        </div>
      </div>
      {badges ? (
        <div
          className="absolute -right-2 -top-3 flex origin-top-right gap-1"
          style={{ transform: `scale(${metrics.titleFont / 13})` }}
        >
          {badges}
        </div>
      ) : null}
      {footer}
      {rows.length ? (
        <div className="border-t border-slate-100">
          {rows.map((row) => (
            <div
              key={row.id}
              className="relative flex items-center justify-end"
              style={{ height: row.height, paddingRight: metrics.pad + dotSize / 2 }}
            >
              <span
                className="whitespace-nowrap text-slate-700"
                style={{ fontSize: metrics.labelFont, lineHeight: 1.2 }}
                title={row.truncated ? row.full : undefined}
                data-testid="route-label"
              >
                {row.text}
              </span>
              <Handle
                type="source"
                id={row.id}
                position={Position.Right}
                className={`${controlDot} sb-hit-row`}
                style={rowStyle}
                isConnectable={connectable}
                title={connectable ? `Output: ${row.full}` : undefined}
              />
            </div>
          ))}
        </div>
      ) : null}
      {spec?.toolLinks === "source" ? (
        <div
          className="relative border-t border-dashed border-amber-200 bg-amber-50/60"
          style={{ height: metrics.rowPitch * 0.6 }}
        >
          <Handle
            type="source"
            id={TOOLS_HANDLE}
            position={Position.Bottom}
            className={toolDot}
            style={dotStyle}
            isConnectable={connectable}
            title={connectable ? "Tools: drag to a tool's permission handle to let this agent call it" : undefined}
          />
        </div>
      ) : null}
    </div>
  );
}
