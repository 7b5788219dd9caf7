// Keeps Tab inside an open drawer. A modal <dialog> already makes the page behind it inert, but Chromium lets Tab
// leave the last element for the browser's own toolbar; a keyboard user in the drawer should cycle inside it instead.

export const FOCUSABLE_SELECTOR = [
  "a[href]",
  "button:not([disabled])",
  'input:not([disabled]):not([type="hidden"])',
  "select:not([disabled])",
  "textarea:not([disabled])",
  '[tabindex]:not([tabindex="-1"])',
].join(",");

/**
 * The index Tab should move to among `count` focusable elements, when the browser's own move would leave them:
 * from the last forwards to the first, from the first backwards to the last, and from outside (index -1) to an end.
 * Null when the browser's move stays inside (or there is nothing to focus).
 */
export function wrapIndex(count: number, current: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (current < 0) return backwards ? count - 1 : 0;
  if (!backwards && current === count - 1) return 0;
  if (backwards && current === 0) return count - 1;
  return null;
}

/** A keydown handler's body: on Tab, wraps focus inside `container` when it would leave it. */
export function trapTab(container: HTMLElement, event: Pick<KeyboardEvent, "key" | "shiftKey" | "preventDefault">) {
  if (event.key !== "Tab") return;
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE_SELECTOR)).filter(
    (el) => el.getClientRects().length > 0,
  );
  if (focusable.length === 0) {
    event.preventDefault();
    return;
  }
  const active = container.ownerDocument.activeElement;
  const target = wrapIndex(focusable.length, focusable.indexOf(active as HTMLElement), event.shiftKey);
  if (target === null) return;
  event.preventDefault();
  focusable[target]?.focus();
}
