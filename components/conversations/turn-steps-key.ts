// The react-query keys of transcript turns fetched when opened (turn-steps.tsx); a routing review refetches them all.
export const ALL_TURN_STEPS = ["turn-steps"] as const;
export const turnStepsKey = (conversationId: string, turn: number) =>
  [...ALL_TURN_STEPS, conversationId, turn] as const;
