// Built-in tools: what the designer can offer and what validation knows about. Pure metadata; the executors live
// with the engine. `executable` marks the ones the current engine can run.
export const BUILTIN_TOOLS = {
  lookup_order: { label: "Look up order", sideEffect: false, executable: true, domain: "retail" },
  refund_order: { label: "Refund order", sideEffect: true, executable: true, domain: "retail" },
  cancel_order: { label: "Cancel order", sideEffect: true, executable: true, domain: "retail" },
  change_address: { label: "Change delivery address", sideEffect: true, executable: true, domain: "retail" },
  open_ticket: { label: "Open support ticket", sideEffect: true, executable: true, domain: "any" },
  freeze_card: { label: "Freeze card", sideEffect: true, executable: true, domain: "banking" },
} as const;

export type BuiltinToolName = keyof typeof BUILTIN_TOOLS;
export const BUILTIN_TOOL_NAMES = Object.keys(BUILTIN_TOOLS) as [BuiltinToolName, ...BuiltinToolName[]];
