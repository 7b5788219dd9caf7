/**
 * A business refusal from a side-effecting tool: the request was understood but cannot be done ("order A1005 has
 * already shipped"). Not a crash: the engine treats it as non-retriable and may show `message` to the customer, so
 * the message must be customer-safe (no ids, no internals). A refusal changes nothing and records no ledger entry.
 */
export class ToolRefusal extends Error {
  readonly tool: string;
  /**
   * Set when the message is a question the customer can answer ("Which one should I freeze?"): the node then waits
   * for the answer instead of ending its path, so the answer comes back to it rather than starting a new request.
   */
  readonly asks: string | null;

  constructor(tool: string, message: string, options: { asks?: string } = {}) {
    super(message);
    this.name = "ToolRefusal";
    this.tool = tool;
    this.asks = options.asks ?? null;
  }
}
