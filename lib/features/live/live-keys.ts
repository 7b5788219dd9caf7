// The Live list's keyboard map, pure so it can be tested without a browser.
export type LiveKeyAction = "next" | "previous" | "open" | "takeOver";

const KEYS: Record<string, LiveKeyAction> = {
  j: "next",
  ArrowDown: "next",
  k: "previous",
  ArrowUp: "previous",
  Enter: "open",
  t: "takeOver",
};

/** Null when the key is not ours or the person is typing (inputs, selects, editable text) or holds a modifier. */
export function liveKeyAction(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): LiveKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const action = KEYS[event.key];
  if (!action) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toUpperCase();
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target?.isContentEditable) return null;
  // Enter on a focused link or button already does its own thing.
  if (action === "open" && (tag === "A" || tag === "BUTTON")) return null;
  return action;
}

/** The next selection: moving from nothing starts at the top. */
export function moveSelection(ids: string[], selected: string | null, action: "next" | "previous"): string | null {
  if (ids.length === 0) return null;
  const index = selected ? ids.indexOf(selected) : -1;
  if (index === -1) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, index + (action === "next" ? 1 : -1)))];
}
