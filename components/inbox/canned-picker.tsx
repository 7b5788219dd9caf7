"use client";
// Filter canned replies by title and insert one: type to filter, ↑/↓ to move, Enter to insert, Esc to close.
// A combobox (input + listbox with aria-activedescendant), so screen readers follow the highlighted option.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { filterCannedReplies, type CannedReplyOption } from "@/lib/features/inbox/filter-canned";

export function CannedPicker({
  replies,
  onPick,
  onClose,
}: {
  replies: CannedReplyOption[];
  onPick: (reply: CannedReplyOption) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const matches = useMemo(() => filterCannedReplies(replies, query), [replies, query]);

  useEffect(() => inputRef.current?.focus(), []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(matches.length - 1, a + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const pick = matches[active];
      if (pick) onPick(pick);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-2 shadow-lg" data-testid="canned-picker">
      <label htmlFor={`${id}-q`} className="sr-only">
        Filter canned replies by title
      </label>
      <input
        ref={inputRef}
        id={`${id}-q`}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={matches[active] ? `${id}-${matches[active].id}` : undefined}
        autoComplete="off"
        placeholder="Canned replies: type to filter, Enter inserts, Esc closes"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className={inputClass}
        data-testid="canned-filter"
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Canned replies" className="mt-1 max-h-60 overflow-y-auto">
        {matches.map((r, index) => (
          <li
            key={r.id}
            id={`${id}-${r.id}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(r)}
            onMouseEnter={() => setActive(index)}
            className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
            data-testid="canned-option"
          >
            <div className="font-medium">{r.title}</div>
            <div className="text-xs text-slate-500">{truncate(r.body, 90)}</div>
          </li>
        ))}
        {matches.length === 0 ? (
          <li className="px-2 py-1.5 text-sm text-slate-500" role="presentation">
            {replies.length
              ? "No canned reply matches."
              : "No canned replies yet. Add some under Inbox → Canned replies."}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
