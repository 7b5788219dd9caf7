// Node palette: kinds grouped by category with a search box. Drag an item onto the canvas, or press it (click,
// Enter, Space) to add the node beside the selected node, wired from it (lib/model/flow/placement.ts), or at the
// centre of the view; never on top of another node.
"use client";
import { useReactFlow } from "@xyflow/react";
import { clsx } from "clsx";
import { Search } from "lucide-react";
import { useMemo, useState, type DragEvent } from "react";
import { inputClass } from "@/components/ui/button";
import { estimatedSize } from "@/lib/model/flow/placement";
import { NODE_KIND_LIST } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import { AnnotationPaletteItems } from "./annotation-palette";
import { DND_MIME } from "./canvas";
import { CATEGORY_CHIP, CATEGORY_LABELS, CATEGORY_ORDER, KIND_ICONS } from "./kind-meta";
import { useEditorStoreApi } from "./store";

export function Palette({ onAdded }: { onAdded: (text: string) => void }) {
  const [query, setQuery] = useState("");
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = NODE_KIND_LIST.filter(
      (spec) =>
        !q ||
        spec.label.toLowerCase().includes(q) ||
        spec.kind.includes(q) ||
        spec.description.toLowerCase().includes(q),
    );
    return CATEGORY_ORDER.map((category) => ({
      category,
      items: matches.filter((s) => s.category === category),
    })).filter((g) => g.items.length);
  }, [query]);

  function addAtCentre(kind: NodeKind, label: string) {
    const pane = document.querySelector<HTMLElement>("[data-testid='flow-canvas']");
    const rect = pane?.getBoundingClientRect();
    const centre = rect
      ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    const { id, linked } = store.getState().addNodeNear(kind, centre);
    if (store.getState().view !== "canvas") store.getState().setView("canvas");
    // Beside a node near the edge of the view, the new one may be off screen: bring it into view.
    const node = store.getState().graph.nodes.find((n) => n.id === id);
    if (node && rect) {
      const topLeft = screenToFlowPosition({ x: rect.left, y: rect.top });
      const bottomRight = screenToFlowPosition({ x: rect.right, y: rect.bottom });
      const { x, y } = node.position;
      const { width, height } = estimatedSize(node);
      if (x < topLeft.x || y < topLeft.y || x + width > bottomRight.x || y + height > bottomRight.y)
        store.getState().focusNode(id);
    }
    onAdded(`Added ${label}${linked ? `, ${linked}` : ""}.`);
  }

  function onDragStart(event: DragEvent, kind: NodeKind) {
    event.dataTransfer.setData(DND_MIME, kind);
    event.dataTransfer.effectAllowed = "copy";
  }

  return (
    <nav aria-label="Node palette" className="flex h-full flex-col">
      <div className="border-b border-slate-200 p-2.5">
        <label className="relative block">
          <span className="sr-only">Search node kinds</span>
          <Search
            aria-hidden
            className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500"
          />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search nodes"
            className={clsx(inputClass, "pl-8")}
            data-testid="palette-search"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2.5">
        {groups.length === 0 ? <p className="px-1 text-xs text-slate-500">No node kind matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.category} aria-labelledby={`palette-${group.category}`} className="mb-3">
            <h3
              id={`palette-${group.category}`}
              className="mb-1 px-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500"
            >
              {CATEGORY_LABELS[group.category]}
            </h3>
            <ul className="space-y-1">
              {group.items.map((spec) => {
                const Icon = KIND_ICONS[spec.kind];
                return (
                  <li key={spec.kind}>
                    <button
                      type="button"
                      draggable
                      onDragStart={(e) => onDragStart(e, spec.kind)}
                      onClick={() => addAtCentre(spec.kind, spec.label)}
                      className="group flex w-full cursor-grab items-start gap-2 rounded-md border border-transparent px-1.5 py-1.5 text-left hover:border-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 active:cursor-grabbing"
                      data-testid="palette-item"
                      data-kind={spec.kind}
                      title={spec.description}
                      aria-label={`Add ${spec.label}: ${spec.description}`}
                    >
                      <span
                        className={clsx(
                          "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-md",
                          CATEGORY_CHIP[spec.category],
                        )}
                      >
                        <Icon aria-hidden className="size-3.5" />
                      </span>
                      <span className="min-w-0">
                        <span className="block text-sm font-medium text-slate-800">{spec.label}</span>
                        <span className="line-clamp-2 block text-[11px] leading-snug text-slate-500">
                          {spec.description}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        <AnnotationPaletteItems onAdded={onAdded} />
      </div>
      <p className="border-t border-slate-200 px-3 py-2 text-[11px] text-slate-500">
        Drag onto the canvas or a link, or press to add beside the selected node.
      </p>
    </nav>
  );
}
