// Built-in tools: what the designer can offer and what validation knows about. Pure metadata; the executors live
// with the engine. `executable` marks the ones the current engine can run. `records: "customer"` marks the ones that
// read or change a customer's own records: on an "own records" permission link they run only for the conversation's
// verified customer and only on that customer's records.
export const BUILTIN_TOOLS = {
  lookup_order: { label: "Look up order", sideEffect: false, executable: true, domain: "retail", records: "customer" },
  refund_order: { label: "Refund order", sideEffect: true, executable: true, domain: "retail", records: "customer" },
  cancel_order: { label: "Cancel order", sideEffect: true, executable: true, domain: "retail", records: "customer" },
  change_address: {
    label: "Change delivery address",
    sideEffect: true,
    executable: true,
    domain: "retail",
    records: "customer",
  },
  open_ticket: { label: "Open support ticket", sideEffect: true, executable: true, domain: "any", records: "none" },
  freeze_card: { label: "Freeze card", sideEffect: true, executable: true, domain: "banking", records: "customer" },
} as const;

export type BuiltinToolName = keyof typeof BUILTIN_TOOLS;
export const BUILTIN_TOOL_NAMES = Object.keys(BUILTIN_TOOLS) as [BuiltinToolName, ...BuiltinToolName[]];
