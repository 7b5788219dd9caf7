/**
 * A business refusal from a side-effecting tool: the request was understood but cannot be done ("order A1005 has
 * already shipped"). Not a crash: the engine treats it as non-retriable and may show `message` to the customer, so
 * the message must be customer-safe (no ids, no internals). A refusal changes nothing and records no ledger entry.
 */
export class ToolRefusal extends Error {
  readonly tool: string;

  constructor(tool: string, message: string) {
    super(message);
    this.name = "ToolRefusal";
    this.tool = tool;
  }
}
