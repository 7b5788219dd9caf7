// Ctrl/Cmd+K: a filterable list of nodes; Enter selects the highlighted one and centres the canvas on it.
"use client";
import { clsx } from "clsx";
import { useMemo, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { useEditor, useEditorStoreApi } from "./store";

const LIMIT = 50;

function FindNodeBody({ onClose }: { onClose: () => void }) {
  const nodes = useEditor((s) => s.graph.nodes);
  const store = useEditorStoreApi();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return nodes
      .filter((n) => !q || n.label.toLowerCase().includes(q) || n.id.toLowerCase().includes(q) || n.kind.includes(q))
      .slice(0, LIMIT);
  }, [nodes, query]);

  function choose(id: string | undefined) {
    if (!id) return;
    const state = store.getState();
    if (state.view !== "canvas") state.setView("canvas");
    state.focusNode(id);
    onClose();
  }

  return (
    <div>
      <label htmlFor="find-node-input" className="sr-only">
        Find a node by name, id or kind
      </label>
      <input
        id="find-node-input"
        data-autofocus
        value={query}
        placeholder="Type a node name, id or kind"
        role="combobox"
        aria-expanded
        aria-controls="find-node-list"
        aria-activedescendant={matches[active] ? `find-node-${matches[active].id}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            choose(matches[active]?.id);
          }
        }}
        className={inputClass}
      />
      <ul id="find-node-list" role="listbox" aria-label="Matching nodes" className="mt-2 max-h-72 overflow-y-auto">
        {matches.map((node, i) => (
          <li
            key={node.id}
            id={`find-node-${node.id}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(node.id)}
            className={clsx(
              "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm",
              i === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700",
            )}
          >
            <span className="truncate font-medium">{node.label}</span>
            <span className="text-xs text-slate-500">{NODE_KINDS[node.kind]?.label}</span>
            <span className="ml-auto font-mono text-[11px] text-slate-500">{node.id}</span>
          </li>
        ))}
        {matches.length === 0 ? <li className="px-2 py-1.5 text-sm text-slate-500">No node matches.</li> : null}
      </ul>
    </div>
  );
}

export function FindNodeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <DialogFrame open={open} onClose={onClose} title="Find a node" labelledBy="find-node-title" testId="find-node">
      {open ? <FindNodeBody onClose={onClose} /> : null}
    </DialogFrame>
  );
}

export const SHORTCUTS: [string, string][] = [
  ["Delete / Backspace", "Delete the selection"],
  ["Ctrl/⌘ + C, Ctrl/⌘ + V", "Copy and paste nodes (pasted nodes get new ids)"],
  ["Ctrl/⌘ + Z", "Undo"],
  ["Ctrl/⌘ + Shift + Z, Ctrl + Y", "Redo"],
  ["Ctrl/⌘ + A", "Select everything"],
  ["Ctrl/⌘ + K", "Find a node"],
  ["Esc in a text field", "Leave the field, so these shortcuts work again"],
  ["F", "Zoom to fit"],
  ["L", "Auto-layout (left to right)"],
  ["Shift + drag", "Box-select"],
  ["Shift + click", "Add to the selection"],
  ["Tab, then Enter / arrows", "Focus a node, select it, move it"],
  ["Palette item, Enter", "Add a node beside the selected one, linked from its free output"],
  ["Inspector → Outputs lead to", "Link each output of the selected node to another node"],
  ["?", "This list"],
];

export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <DialogFrame
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      labelledBy="shortcut-sheet-title"
      testId="shortcut-sheet"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                {keys}
              </kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">Shortcuts do nothing while you are typing in a field.</p>
    </DialogFrame>
  );
}
