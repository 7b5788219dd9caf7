// Whose records a permission link lets an agent reach through a tool that touches customers' records.
export const RECORD_SCOPES = ["own", "any"] as const;
export type RecordScope = (typeof RECORD_SCOPES)[number];

export const RECORD_SCOPE_LABELS: Record<RecordScope, string> = {
  own: "Own records: only the verified customer's",
  any: "Any record: internal agents working for staff",
};
