// Ctrl/Cmd+K: the command palette. A filterable list of nodes (Enter selects the highlighted one and centres the
// canvas on it) and, with one node selected, "Connect <its output> → <node>" commands (connect-commands.ts).
"use client";
import { clsx } from "clsx";
import { useMemo, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { connectCommands, matchesCommand, type ConnectCommand } from "./connect-commands";
import { useEditor, useEditorStoreApi } from "./store";

const LIMIT = 50;

type Item = { type: "node"; id: string; key: string } | { type: "connect"; command: ConnectCommand; key: string };

function FindNodeBody({ onClose, onMessage }: { onClose: () => void; onMessage: (text: string) => void }) {
  const nodes = useEditor((s) => s.graph.nodes);
  const store = useEditorStoreApi();
  // The node selected when the palette opened: its outputs are what the Connect commands link.
  const [sourceId] = useState(() => {
    const selected = store.getState().selectedNodeIds;
    return selected.length === 1 ? selected[0] : null;
  });
  const commands = useMemo(() => connectCommands(store.getState().graph, sourceId), [store, sourceId]);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo<Item[]>(() => {
    const q = query.trim().toLowerCase();
    const found: Item[] = nodes
      .filter((n) => !q || n.label.toLowerCase().includes(q) || n.id.toLowerCase().includes(q) || n.kind.includes(q))
      .map((n) => ({ type: "node", id: n.id, key: `node:${n.id}` }));
    const connect: Item[] = commands
      .filter((c) => matchesCommand(c, q))
      .map((command) => ({ type: "connect", command, key: command.key }));
    return [...found, ...connect].slice(0, LIMIT);
  }, [nodes, commands, query]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);

  function choose(item: Item | undefined) {
    if (!item) return;
    const state = store.getState();
    if (state.view !== "canvas") state.setView("canvas");
    if (item.type === "node") state.focusNode(item.id);
    else {
      const { sourceId: source, handle, targetId, title } = item.command;
      const result = state.setOutputTarget(source, handle, targetId);
      onMessage(result.ok ? `${title.replace(/^Connect/, "Connected")}. Undo with Ctrl+Z.` : result.reason);
    }
    onClose();
  }

  const optionId = (item: Item) => `find-node-${item.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <div>
      <label htmlFor="find-node-input" className="sr-only">
        Find a node by name, id or kind, or type “connect” to link the selected node
      </label>
      <input
        id="find-node-input"
        data-autofocus
        value={query}
        placeholder={sourceId ? "Type a node name, or “connect” and a target" : "Type a node name, id or kind"}
        role="combobox"
        aria-expanded
        aria-controls="find-node-list"
        aria-activedescendant={matches[active] ? optionId(matches[active]) : undefined}
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
            choose(matches[active]);
          }
        }}
        className={inputClass}
      />
      <ul
        id="find-node-list"
        role="listbox"
        aria-label="Matching nodes and commands"
        className="mt-2 max-h-72 overflow-y-auto"
      >
        {matches.map((item, i) => {
          const node = item.type === "node" ? byId.get(item.id) : undefined;
          return (
            <li
              key={item.key}
              id={optionId(item)}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(item)}
              data-testid={item.type === "connect" ? "connect-command" : undefined}
              className={clsx(
                "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm",
                i === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700",
              )}
            >
              {item.type === "node" ? (
                <>
                  <span className="truncate font-medium">{node?.label}</span>
                  <span className="text-xs text-slate-500">{node ? NODE_KINDS[node.kind]?.label : null}</span>
                  <span className="ml-auto font-mono text-[11px] text-slate-500">{item.id}</span>
                </>
              ) : (
                <>
                  <span className="truncate font-medium">{item.command.title}</span>
                  {item.command.replaces ? (
                    <span className="ml-auto shrink-0 text-xs text-slate-500">{item.command.replaces}</span>
                  ) : null}
                </>
              )}
            </li>
          );
        })}
        {matches.length === 0 ? <li className="px-2 py-1.5 text-sm text-slate-500">Nothing matches.</li> : null}
      </ul>
    </div>
  );
}

export function FindNodeDialog({
  open,
  onClose,
  onMessage,
}: {
  open: boolean;
  onClose: () => void;
  /** Says what a command did (or why it could not). */
  onMessage: (text: string) => void;
}) {
  return (
    <DialogFrame open={open} onClose={onClose} title="Find a node" labelledBy="find-node-title" testId="find-node">
      {open ? <FindNodeBody onClose={onClose} onMessage={onMessage} /> : null}
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
  ["Ctrl/⌘ + K, “connect …”", "Link an output of the selected node to another node (one undo step)"],
  ["Ctrl/⌘ + G", "Group the selected nodes in a titled frame (moving it moves them)"],
  ["F", "Zoom to fit"],
  ["L", "Auto-layout (left to right)"],
  ["Shift + drag", "Box-select"],
  ["Shift + click", "Add to the selection"],
  ["Tab, then Enter / arrows", "Focus a node, select it, move it"],
  ["Palette item, Enter", "Add a node beside the selected one, linked from its free output"],
  ["Inspector → Outputs lead to", "Link each output of the selected node to another node"],
  ["Palette → Sticky note", "Add a note for people reading the flow; type its text in the side panel"],
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
