// Keyboard shortcuts of the Inbox, listed once for the handlers and the "?" help. Pure.

export type Shortcut = { keys: string[]; description: string };

export const QUEUE_SHORTCUTS: Shortcut[] = [
  { keys: ["j", "↓"], description: "Next escalation" },
  { keys: ["k", "↑"], description: "Previous escalation" },
  { keys: ["Enter"], description: "Open the selected escalation" },
  { keys: ["c"], description: "Claim the selected escalation" },
  { keys: ["?"], description: "Show these shortcuts" },
];

export const ESCALATION_SHORTCUTS: Shortcut[] = [
  { keys: ["j", "↓"], description: "Next escalation in the queue" },
  { keys: ["k", "↑"], description: "Previous escalation in the queue" },
  { keys: ["Enter"], description: "Open the selected escalation" },
  { keys: ["r"], description: "Write a reply" },
  { keys: ["n"], description: "Write an internal note" },
  { keys: ["e"], description: "End: resolve or hand back" },
  { keys: ["/"], description: "Insert a canned reply (also / at the start of the reply)" },
  { keys: ["Ctrl/⌘", "Enter"], description: "Send the reply" },
  { keys: ["c"], description: "Claim this escalation" },
  { keys: ["Esc"], description: "Leave the text box, close the picker or this help" },
  { keys: ["?"], description: "Show these shortcuts" },
];

/** Single-key shortcuts never fire while a person types in a field, or with a modifier held. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? "").toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable === true;
}

export function isPlainKey(event: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** The next selected index for j/k/arrows, clamped to the list; -1 (nothing selected) moves to the first row. */
export function moveSelection(current: number, count: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return 0;
  return Math.min(count - 1, Math.max(0, current + delta));
}
