// Which turns a conversation page draws with their steps in its first response. A long conversation has hundreds of
// steps and each travels twice (HTML and the RSC payload): 171 of them were three quarters of a 771 KB page, which
// took two seconds to render. The newest turns are what a reader opens the page for; older turns show their step
// count and load their steps when opened (the span tree below the transcript still has every node from the start).

/** About two turns of a busy flow: the newest turns are drawn with their steps until this many are shown. */
export const STEPS_UP_FRONT = 40;

/**
 * The turn numbers whose steps are drawn up front: newest first, while the total stays within `budget`; the newest
 * turn with steps always, however many it has.
 */
export function turnsUpFront(turns: { turn: number; steps: unknown[] }[], budget = STEPS_UP_FRONT): Set<number> {
  const shown = new Set<number>();
  let total = 0;
  for (const turn of [...turns].sort((a, b) => b.turn - a.turn)) {
    if (turn.steps.length === 0) continue;
    if (shown.size > 0 && total + turn.steps.length > budget) break;
    shown.add(turn.turn);
    total += turn.steps.length;
  }
  return shown;
}
