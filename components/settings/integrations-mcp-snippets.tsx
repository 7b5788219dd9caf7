"use client";
import { clsx } from "clsx";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { McpClientSnippet } from "@/lib/interfaces/integrations/client-config";
import { CopyButton } from "./integrations-copy-button";

/** Client configs as tabs (WAI-ARIA tabs pattern: arrows, Home and End move between clients). */
export function McpSnippets({ snippets }: { snippets: McpClientSnippet[] }) {
  const [active, setActive] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = snippets.length - 1;
    const next =
      event.key === "ArrowRight"
        ? active === last
          ? 0
          : active + 1
        : event.key === "ArrowLeft"
          ? active === 0
            ? last
            : active - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  }

  const snippet = snippets[active];
  return (
    <div>
      <div
        role="tablist"
        aria-label="MCP client"
        className="flex flex-wrap gap-1 border-b border-slate-200"
        onKeyDown={onKeyDown}
      >
        {snippets.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${s.id}`}
            aria-selected={i === active}
            aria-controls={`${baseId}-panel`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
            className={clsx(
              "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
              i === active
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {s.client}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${snippet.id}`}
        className="pt-3"
        data-testid={`mcp-snippet-${snippet.id}`}
      >
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-slate-600">
            <span className="font-mono text-slate-800">{snippet.file}</span> · {snippet.note}
          </p>
          <CopyButton value={snippet.text} label={`${snippet.client} configuration`} />
        </div>
        <pre
          tabIndex={0}
          aria-label={`${snippet.client} configuration`}
          className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {snippet.text}
        </pre>
      </div>
    </div>
  );
}
